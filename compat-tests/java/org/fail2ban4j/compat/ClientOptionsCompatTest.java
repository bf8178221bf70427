package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client options other than -d/-t, compared with Python's client: --str2sec, --dp, -V, --version, bad options. */
class ClientOptionsCompatTest {

    @ParameterizedTest
    @ValueSource(strings = {"7800m", "1d", "1w", "12w", "1y", "1d2h30m", "-1", "600", "1.5h", "1h 30m",
        "1hour+30min", "0d 1h 30m", "6 months", "1year-6mo", "3mo", "2 weeks", "10m30s", "1D", "0"})
    void str2sec(String value) throws Exception {
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("--str2sec", value));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("--str2sec", value));
        assertEquals(py.stdout(), ours.stdout());
        assertEquals(py.status(), ours.status());
    }

    @Test
    void prettyDumpOfTheStockTree(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path log = Files.writeString(tmp.resolve("a.log"), "");
        Files.writeString(etc.resolve("jail.local"), "[sshd]\nenabled = true\nlogpath = " + log
                + "\n[postfix]\nenabled = true\nmode = extra\nlogpath = " + log
                + "\n[recidive]\nenabled = true\nlogpath = " + log + "\n");
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-c", etc.toString(), "--dp"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", etc.toString(), "--dp"));
        assertTrue(py.stdout().contains("[ 'multi-set',"), py.stdout());
        assertEquals(py.stdout(), ours.stdout(), Oracle.diff(py.stdout(), ours.stdout(), 5));
    }

    @Test
    void badTimeIsRefusedByTestModeNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Path log = Files.writeString(tmp.resolve("a.log"), "");
        Files.writeString(etc.resolve("jail.local"), "[sshd]\nenabled = true\nlogpath = " + log
                + "\nbantime = 1x\n");
        // Deliberate: upstream's client passes "1x" on and only the server refuses it.
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-c", etc.toString(), "-t"));
        assertEquals(255, ours.status());
        assertEquals("ERROR: test configuration failed\n", ours.stdout());
        assertTrue(ours.stderr().contains("Wrong value for 'bantime' in jail 'sshd': ")
                && ours.stderr().contains(etc.resolve("jail.local") + ":4"), ours.stderr());
    }

    @Test
    void versionAndBadOption() throws Exception {
        assertEquals("1.1.1\n", Oracle.ours(Fail2banClientMain::run, List.of("-V")).stdout());
        assertEquals("Fail2Ban v1.1.1\n", Oracle.ours(Fail2banClientMain::run, List.of("--version")).stdout());
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("--no-such-option"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("--no-such-option"));
        assertEquals(py.status(), ours.status());
        assertTrue(ours.stdout().startsWith("Usage: fail2ban-client [OPTIONS] <COMMAND>\n"), ours.stdout());
    }

    @Test
    void serverTestModeAndUsage(@TempDir Path tmp) throws Exception {
        Path etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Oracle.Run py = Oracle.python("fail2ban-server", List.of("-c", etc.toString(), "-t"));
        Oracle.Run ours = Oracle.ours(org.fail2ban4j.cli.Fail2banServerMain::run, List.of("-c", etc.toString(), "-t"));
        assertEquals(py.stdout(), ours.stdout());
        assertEquals(py.status(), ours.status());
        Oracle.Run usage = Oracle.ours(org.fail2ban4j.cli.Fail2banServerMain::run, List.of("-h"));
        assertTrue(usage.stdout().startsWith("Usage: fail2ban-server [OPTIONS]\n"), usage.stdout());
    }

    @Test
    void helpTextIsUpstreams() throws Exception {
        Oracle.Run py = Oracle.python("fail2ban-client", List.of("-h"));
        Oracle.Run ours = Oracle.ours(Fail2banClientMain::run, List.of("-h"));
        // 1.0.2 prints its own version in the third line and lacks the commands 1.1.1 added; compare the options
        // part exactly and check the command list has every command 1.0.2 lists
        String pyOptions = py.stdout().substring(0, py.stdout().indexOf("Command:")).replace("v1.0.2", "v1.1.1");
        String ourOptions = ours.stdout().substring(0, ours.stdout().indexOf("Command:"));
        assertEquals(pyOptions, ourOptions);
        for (String line : py.stdout().substring(py.stdout().indexOf("Command:")).split("\n")) {
            String cmd = line.strip();
            if (line.startsWith("    ") && !cmd.isEmpty() && line.length() > 4 && line.charAt(4) != ' ') {
                String name = cmd.split("\\s{2,}")[0];
                assertTrue(ours.stdout().contains(name), "missing command in our help: " + name);
            }
        }
        assertTrue(ours.stdout().endsWith("Report bugs to https://github.com/fail2ban/fail2ban/issues\n"));
    }
}
