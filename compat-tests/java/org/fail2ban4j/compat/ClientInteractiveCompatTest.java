package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fail2ban-client -i} (interactive mode) on a plain pipe: the same standard input is fed to Python's client
 * and to ours, both talking to the same server (ours, started by our client); standard output and exit status must
 * be the same. Python 1.0.2 prints its own version in the banner, which is normalised to 1.1.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientInteractiveCompatTest {
    @TempDir
    static Path dir;

    private Path etc;

    @BeforeAll
    void startOurServer() throws Exception {
        etc = Oracle.bundledTree(dir);
        Oracle.Run r = Oracle.ours(Fail2banClientMain::run, args("start"));
        assertEquals(0, r.status(), "our server did not start: " + r.stderr());
    }

    @AfterAll
    void stopOurServer() {
        Oracle.ours(Fail2banClientMain::run, args("stop"));
    }

    private List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("-c", etc.toString(), "-s", dir.resolve("f2b.sock").toString(),
                "-p", dir.resolve("f2b.pid").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** Python's client with {@code stdin} as its standard input. */
    private Oracle.Run python(List<String> args, String stdin) throws IOException, InterruptedException {
        Path in = Files.writeString(dir.resolve("stdin.txt"), stdin);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/fail2ban-client"));
        cmd.addAll(args);
        Path out = dir.resolve("py.out");
        Path err = dir.resolve("py.err");
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Python's client did not finish: " + cmd);
        }
        return new Oracle.Run(p.exitValue(), Files.readString(out).replace("Fail2Ban v1.0.2 ", "Fail2Ban v1.1.1 "),
                Files.readString(err));
    }

    private static Oracle.Run ours(List<String> args, String stdin) {
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        return Oracle.ours((a, out, err) -> Fail2banClientMain.run(a, new ByteArrayInputStream(in), out, err), args);
    }

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("commands then exit", List.of(), "status\nstatus sshd\nget sshd maxretry\nexit\nstatus\n"),
                Arguments.of("quit", List.of(), "ping\nquit\n"),
                Arguments.of("end of input", List.of(), "status\n"),
                Arguments.of("end of input inside a line", List.of(), "status\nstatus sshd"),
                Arguments.of("empty input", List.of(), ""),
                Arguments.of("errors go on", List.of(), "\n   \nfoo bar\n\"unclosed\nping abc\nreload --foo bar\n"
                        + "exit \nget sshd nosuchthing\nstatus nosuch\nset sshd banip 192.0.2.7\n"
                        + "get sshd banned 192.0.2.7\nset sshd unbanip 192.0.2.7\nget sshd banip\nquit\n"),
                Arguments.of("quoting", List.of(), "get 'sshd' \"maxretry\"\nget sshd\\ x maxretry\nexit\n"),
                Arguments.of("crlf lines", List.of(), "ping\r\nstatus\r\nexit\r\n"),
                Arguments.of("reload", List.of(), "reload sshd\nreload\nreload nosuch\nstatus\nexit\n"),
                Arguments.of("command line first", List.of("status"), "status sshd\nexit\n"),
                Arguments.of("failing command line ends it", List.of("nosuchcommand"), "status\nexit\n"),
                Arguments.of("start while running", List.of(), "start\nexit\n"),
                Arguments.of("quiet", List.of("-q"), "foo\nexit\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void sameOutputAndStatusAsPythonsClient(String name, List<String> extra, String stdin) throws Exception {
        List<String> a = new ArrayList<>(List.of("-i"));
        a.addAll(extra);
        Oracle.Run py = python(args(a.toArray(String[]::new)), stdin);
        Oracle.Run ours = ours(args(a.toArray(String[]::new)), stdin);
        assertEquals(py.stdout(), ours.stdout(), name + "\n" + Oracle.diff(py.stdout(), ours.stdout(), 5)
                + "\npython stderr: " + py.stderr() + "\nour stderr: " + ours.stderr());
        assertEquals(py.status(), ours.status(), name + ": exit status; our stderr: " + ours.stderr());
        assertEquals(messages(py.stderr()), messages(ours.stderr()), name + ": logged errors");
    }

    private static List<String> messages(String stderr) {
        return Oracle.logMessages(stderr);
    }

    @Test
    void helpPrintsTheUsageThenTheNextPrompt() throws Exception {
        Oracle.Run ours = ours(args("-i"), "help\nexit\n");
        Oracle.Run usage = Oracle.ours(Fail2banClientMain::run, List.of("-h"));
        String banner = "Fail2Ban v1.1.1 reads log file that contains password failure report\n"
                + "and bans the corresponding IP addresses using firewall rules.\n\n";
        assertEquals(banner + "fail2ban> " + usage.stdout() + "fail2ban> ", ours.stdout());
        assertEquals(0, ours.status());
        Oracle.Run py = python(args("-i"), "help\nexit\n");
        assertTrue(py.stdout().startsWith(banner + "fail2ban> Usage: fail2ban-client [OPTIONS] <COMMAND>\n"),
                py.stdout());
        assertTrue(py.stdout().endsWith("Report bugs to https://github.com/fail2ban/fail2ban/issues\nfail2ban> "),
                py.stdout());
    }
}
