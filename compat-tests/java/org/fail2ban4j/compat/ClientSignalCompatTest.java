package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM and SIGINT to a waiting {@code fail2ban-client} (interactive mode at its prompt, standard input a pipe
 * left open): Python's client and ours both print a new line, log {@code Caught signal N. Exiting} as a warning and
 * exit with 255.
 */
class ClientSignalCompatTest {
    @TempDir
    Path dir;

    /** What a client printed and how it ended after the signal. */
    private record Ended(int status, String stdout, String warning) {
    }

    private Ended signalled(List<String> command, String signal, String name) throws Exception {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("fail2ban> ")) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    fail(name + " did not reach its prompt: " + Files.readString(out) + Files.readString(err));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " did not exit after SIG" + signal);
        } finally {
            p.destroyForcibly();
        }
        String warning = Files.readString(err).lines().filter(l -> l.contains("Caught signal"))
                .map(l -> l.substring(l.indexOf("fail2ban"))).map(l -> l.replaceAll("\\[\\d+\\]", "[PID]"))
                .findFirst().orElse("<no warning in: " + Files.readString(err) + ">");
        return new Ended(p.exitValue(), Files.readString(out).replace("Fail2Ban v1.0.2 ", "Fail2Ban v1.1.1 "),
                warning);
    }

    private List<String> args(Path etc) {
        return List.of("-c", etc.toString(), "-s", dir.resolve("f2b.sock").toString(), "-i");
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM", "INT"})
    void waitingClientExitsLikePythons(String signal) throws Exception {
        Path etc = dir.resolve("etc");
        Oracle.copyTree(Path.of(System.getProperty("fail2ban4j.basedir", ".")).resolve("etc-fail2ban"), etc);
        List<String> python = new ArrayList<>(List.of("/usr/bin/fail2ban-client"));
        python.addAll(args(etc));
        List<String> ours = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.fail2ban4j.cli.Fail2banClientMain"));
        ours.addAll(args(etc));
        assertTrue(Files.isExecutable(Path.of(python.get(0))), "the Python oracle is not installed");
        Ended expected = signalled(python, signal, "python");
        Ended actual = signalled(ours, signal, "ours");
        assertEquals(expected, actual);
        assertEquals(255, actual.status());
        assertTrue(actual.stdout().endsWith("fail2ban> \n"), actual.stdout());
    }
}
