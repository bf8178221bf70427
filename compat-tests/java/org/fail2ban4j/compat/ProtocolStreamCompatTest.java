package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.config.reader.ConfigLoader;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlCommandParser;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of a configuration stream ({@code add}, {@code set}, {@code multi-set}, {@code config-error},
 * {@code start}) parses into a typed command, and back: the stream of Python's {@code fail2ban-client -d} (pickled
 * by Python) and ours ({@link ConfigLoader}) on the stock 1.1.1 tree with every jail enabled and extra options.
 */
class ProtocolStreamCompatTest {
    @TempDir
    static Path tmp;
    static Path etc;

    @BeforeAll
    static void tree() throws Exception {
        etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        StringBuilder local = new StringBuilder("[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 192.0.2.0/24\n"
                + "bantime.increment = true\nbantime.factor = 2\nbantime.maxtime = 5w\nignoreself = false\n"
                + "logtimezone = UTC\n\n");
        for (String j : ClientDumpCompatTest.jailNames(etc.resolve("jail.conf"))) {
            Path log = Files.writeString(logs.resolve(j + ".log"), "");
            local.append('[').append(j).append("]\nenabled = true\nlogpath = ").append(log).append("\n    ")
                    .append(log).append("-tail tail\n\n");
            Files.writeString(logs.resolve(j + ".log-tail"), "");
        }
        local.append("[nologs]\nenabled = true\nfilter = sshd\nlogpath = ").append(tmp.resolve("missing"))
                .append("\nskip_if_nologs = true\n");
        Files.writeString(etc.resolve("jail.local"), local);
    }

    private static Set<String> checkStream(List<?> stream, String origin) {
        Set<String> kinds = new HashSet<>();
        for (Object wire : stream) {
            ControlCommand c = ControlCommandParser.parse(wire);
            assertEquals(c, ControlCommandParser.parse(c.toWire()), origin + ": " + PyText.repr(wire));
            kinds.add(c.getClass().getSimpleName());
        }
        return kinds;
    }

    @Test
    void ourStreamParses() {
        ConfigLoader loader = new ConfigLoader(etc.toString(), ReaderLog.NONE, false);
        loader.readAll();
        loader.getOptions(null, new LinkedHashMap<>(), true);
        loader.convertToProtocol(true);
        List<List<Object>> stream = loader.getConfigStream();
        assertTrue(stream.size() > 1000, "stream too short: " + stream.size());
        Set<String> kinds = checkStream(stream, "ours");
        assertTrue(kinds.containsAll(Set.of("AddJail", "AddFailRegex", "ActionSet", "AddAction", "AddLogPath",
                "SetBanTimeExtra", "AddIgnoreIp", "SetIgnoreSelf", "StartJail", "SetDbFile", "SetLogTarget",
                "SetAllowIpv6", "AddJournalMatch", "SetPrefRegex", "ConfigError")), kinds.toString());
    }

    @Test
    void pythonsStreamParses() throws Exception {
        Oracle.Run dump = Oracle.python("fail2ban-client", List.of("-c", etc.toString(), "-d"));
        assertEquals(0, dump.status(), dump.stderr());
        Path dumpFile = Files.writeString(tmp.resolve("dump.txt"), dump.stdout());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import ast, pickle, sys\n"
                + "for line in sys.stdin:\n"
                + "    print(pickle.dumps(ast.literal_eval(line), pickle.HIGHEST_PROTOCOL).hex())\n")
                .redirectErrorStream(true).redirectInput(dumpFile.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        List<Object> stream = new ArrayList<>();
        for (String hex : out.split("\n")) {
            stream.add(PickleCodec.decode(HexFormat.of().parseHex(hex)));
        }
        assertEquals(dump.stdout().lines().count(), stream.size());
        Set<String> kinds = checkStream(stream, "python");
        assertTrue(kinds.containsAll(Set.of("AddJail", "AddFailRegex", "ActionSet", "AddLogPath", "SetBanTimeExtra",
                "StartJail")), kinds.toString());
    }
}
