package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fail2ban-client -t} on broken trees reports what Python's reports: the same exit status, the same
 * verdict line, and every error message of Python's log as the start of one of ours (ours may add the file and
 * line). 1.0.2 logs the verdict "ERROR: test configuration failed" (and "Init of command line failed") on stderr;
 * 1.1.1 prints the verdict on stdout, which we follow (see KNOWN_DIFFERENCES.md).
 */
class ClientTestModeCompatTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> brokenTrees() {
        return Stream.of(
                Arguments.of("syntax", "[sshd]\nenabled = true\nlogpath = LOG\nbogus line\n", null, null, null),
                Arguments.of("unknown-filter", "[sshd]\nenabled = true\nlogpath = LOG\nfilter = nosuch\n", null, null,
                        "jail.local:4"),
                Arguments.of("unknown-action", "[sshd]\nenabled = true\nlogpath = LOG\naction = nosuch[port=1]\n", null,
                        null, "jail.local:4"),
                Arguments.of("bad-action-syntax", "[sshd]\nenabled = true\nlogpath = LOG\naction = iptables[port=1\n",
                        null, null, null),
                Arguments.of("missing-key", "[sshd]\nenabled = true\nlogpath = LOG\nbantime = %(nosuch)s\n", null, null,
                        "jail.local:4"),
                Arguments.of("interpolation-loop",
                        "[sshd]\nenabled = true\nlogpath = LOG\nbantime = %(findtime)s\nfindtime = %(bantime)s\n", null,
                        null, "jail.local:5"),
                Arguments.of("tag-loop",
                        "[sshd]\nenabled = true\nlogpath = LOG\naction = iptables[port=\"<chain>\", chain=\"<port>\"]\n",
                        null, null, null),
                Arguments.of("one-of-two-broken", "[sshd]\nenabled = true\nlogpath = LOG\n[dovecot]\nenabled = true\n"
                        + "logpath = LOG\nfilter = nosuch\n", null, null, null),
                Arguments.of("log-level", "", "fail2ban.local", "[Definition]\nloglevel = LOUD\n", null),
                Arguments.of("good", "[sshd]\nenabled = true\nlogpath = LOG\n", null, null, null));
    }

    /** The message part of Python-style log lines at ERROR level, without time and pid. */
    static List<String> errors(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            int at = line.indexOf("]: ERROR   ");
            if (at >= 0) {
                String msg = line.substring(at + "]: ERROR   ".length());
                if (!msg.equals("ERROR: test configuration failed") && !msg.equals("Init of command line failed")) {
                    out.add(msg);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTrees")
    void sameVerdictAndErrors(String name, String jailLocal, String extraFile, String extraText, String location)
            throws Exception {
        Path etc = tmp.resolve(name);
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path log = Files.writeString(tmp.resolve(name + ".log"), "");
        Files.writeString(etc.resolve("jail.local"), jailLocal.replace("LOG", log.toString()));
        if (extraFile != null) {
            Files.writeString(etc.resolve(extraFile), extraText);
        }
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-c", etc.toString(), "-t"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", etc.toString(), "-t"));
        assertEquals(py.status(), ours.status(), "exit status; ours said:\n" + ours.stdout() + ours.stderr());
        String pyOut = py.stdout();
        if (py.stderr().contains("ERROR   ERROR: test configuration failed")) {
            pyOut += "ERROR: test configuration failed\n";
        }
        assertEquals(pyOut, ours.stdout());
        List<String> pyErrors = errors(py.stderr());
        List<String> ourErrors = errors(ours.stderr());
        assertEquals(pyErrors.size(), ourErrors.size(), "errors: python " + pyErrors + "\nours " + ourErrors);
        for (int i = 0; i < pyErrors.size(); i++) {
            assertTrue(ourErrors.get(i).startsWith(pyErrors.get(i)), "python: " + pyErrors.get(i) + "\nours:   "
                    + ourErrors.get(i));
        }
        if (location != null) {
            assertTrue(ours.stderr().contains(etc.resolve(location.substring(0, location.indexOf(':'))) + ":"
                    + location.substring(location.indexOf(':') + 1)), "names " + location + ": " + ours.stderr());
        }
    }
}
