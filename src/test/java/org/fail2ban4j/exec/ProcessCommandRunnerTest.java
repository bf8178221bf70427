package org.fail2ban4j.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fail2ban4j.testing.CapturingLogger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs real {@code /bin/sh} scripts; log texts compared with what Python fail2ban prints for the same scripts. */
class ProcessCommandRunnerTest {

    @TempDir
    Path dir;

    private CapturingLogger log;
    private ProcessCommandRunner runner;

    @BeforeEach
    void setUp() {
        log = new CapturingLogger("fail2ban.utils");
        runner = new ProcessCommandRunner(true, dir, log);
    }

    /** The log lines with the run id replaced by {@code ID}. */
    private List<String> logLines() {
        return log.lines().stream().map(l -> l.replaceFirst("^(\\S+) [0-9a-f]+ -- ", "$1 ID -- "))
                .collect(Collectors.toList());
    }

    private ExecResult run(String script, String... args) {
        return runner.run(new ShellCommand(script, List.of(args)), 10L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exit 0        | true  | 0   |
            true          | true  | 0   |
            exit 3        | false | 3   |
            false         | false | 1   |
            exit 127      | false | 127 | 127
            kill -9 $$    | false | -9  | 9
            kill -TERM $$ | false | -15 | 15
            exit 130      | false | 130 | 2
            exit 255      | false | 255 | 127
            """)
    void returnCodes(String script, boolean success, int rc, Integer signal) {
        ExecResult r = run(script);
        assertEquals(success, r.success());
        assertEquals(OptionalInt.of(rc), r.returnCode());
        assertEquals(signal == null || rc == 127 ? OptionalInt.empty() : OptionalInt.of(signal), r.signal());
        assertFalse(r.timedOut());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exit 3        | ERROR ID -- returned 3
            kill -9 $$    | ERROR ID -- killed with SIGKILL (return code: -9)
            exit 130      | ERROR ID -- killed with SIGINT (return code: 130)
            exit 128      | ERROR ID -- returned 128
            exit 129      | ERROR ID -- killed with SIG_IGN (return code: 129)
            exit 157      | ERROR ID -- killed with SIGPOLL (return code: 157)
            exit 170      | ERROR ID -- killed with signal 42 (return code: 170)
            """)
    void failureMessages(String script, String last) {
        run(script);
        assertEquals(List.of("ERROR ID -- exec: " + script, last), logLines());
    }

    @Test
    void successLogsAsUpstream() {
        ExecResult r = run("echo out1; echo 'o2'; echo err >&2; exit 0");
        assertTrue(r.success());
        assertEquals("out1\no2\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(List.of(
                "#09-Lev. ID -- exec: echo out1; echo 'o2'; echo err >&2; exit 0",
                "DEBUG ID -- stdout: 'out1'",
                "DEBUG ID -- stdout: 'o2'",
                "DEBUG ID -- stderr: 'err'",
                "DEBUG ID -- returned successfully 0"), logLines());
    }

    @Test
    void failureWithArgumentsLogsTheListAsUpstream() {
        ExecResult r = run("f2bV_x=$0 \necho $f2bV_x; exit 3", "a 'b'");
        assertFalse(r.success());
        assertEquals(List.of(
                "ERROR ID -- exec: ['f2bV_x=$0 \\necho $f2bV_x; exit 3', \"a 'b'\"]",
                "ERROR ID -- stdout: \"a 'b'\"",
                "ERROR ID -- returned 3"), logLines());
    }

    @Test
    void commandNotFoundGivesTheHint() {
        ExecResult r = run("exit 127");
        assertFalse(r.success());
        assertEquals(List.of(
                "ERROR ID -- exec: exit 127",
                "ERROR ID -- returned 127",
                "INFO HINT on 127: \"Command not found\".  Make sure that all commands in 'exit 127' are in the PATH "
                        + "of fail2ban-server process (grep -a PATH= /proc/`pidof -x fail2ban-server`/environ). You "
                        + "may want to start \"fail2ban-server -f\" separately, initiate it with \"fail2ban-client "
                        + "reload\" in another shell session and observe if additional informative error messages "
                        + "appear in the terminals."), logLines());
    }

    @Test
    void successCodesAsForIgnoreCommand() {
        ExecResult r = runner.run(ShellCommand.of("exit 1"), 10L, Set.of(0, 1));
        assertTrue(r.success());
        assertEquals(OptionalInt.of(1), r.returnCode());
        assertEquals(List.of("#09-Lev. ID -- exec: exit 1", "DEBUG ID -- returned successfully 1"), logLines());
    }

    @Test
    void quietAtInfoLevel() {
        log.debugEnabled(false);
        ExecResult r = run("echo hidden");
        assertTrue(r.success());
        assertEquals("hidden\n", r.stdout());
        assertEquals(List.of(), logLines());
    }

    @Test
    void outputLinesSplitAsPythonSplitlines() {
        ExecResult r = run("printf 'a\\rb\\r\\nc\\n\\nd'; printf '\\303\\251\\377\\n' >&2; exit 1");
        assertEquals("a\rb\r\nc\n\nd", r.stdout());
        assertEquals("\u00e9\ufffd\n", r.stderr());
        assertEquals(List.of(
                "ERROR ID -- exec: printf 'a\\rb\\r\\nc\\n\\nd'; printf '\\303\\251\\377\\n' >&2; exit 1",
                "ERROR ID -- stdout: 'a'",
                "ERROR ID -- stdout: 'b'",
                "ERROR ID -- stdout: 'c'",
                "ERROR ID -- stdout: ''",
                "ERROR ID -- stdout: 'd'",
                "ERROR ID -- stderr: '\u00e9\ufffd'",
                "ERROR ID -- returned 1"), logLines());
    }

    @Test
    void argumentsAreNeverShellSyntax() throws IOException {
        List<String> hostile = List.of("a b", "'q' \"d\"", "$(touch " + dir.resolve("x1") + ")",
                "`touch " + dir.resolve("x2") + "`", "; touch " + dir.resolve("x3"), "line1\nline2", "*", "~",
                "$HOME", "\\", "");
        String script = "for a in \"$0\" \"$@\"; do printf '[%s]' \"$a\"; done";
        ExecResult r = runner.run(new ShellCommand(script, hostile), 10L);
        assertTrue(r.success(), r.stderr());
        assertEquals(hostile.stream().map(a -> "[" + a + "]").collect(Collectors.joining()), r.stdout());
        assertFalse(Files.exists(dir.resolve("x1")));
        assertFalse(Files.exists(dir.resolve("x2")));
        assertFalse(Files.exists(dir.resolve("x3")));
    }

    @Test
    void argumentsAreThePositionalParameters() {
        ExecResult r = run("f2bV_ip=$0 f2bV_F_user=$1 \necho \"$f2bV_ip/$f2bV_F_user/$#\"", "1.2.3.4", "ro ot");
        assertEquals("1.2.3.4/ro ot/1\n", r.stdout());
    }

    @Test
    void inheritsTheEnvironmentButNotStdinOrDescriptors() throws Exception {
        // a descriptor open in this JVM when the command starts (the JDK opens files without O_CLOEXEC)
        try (java.io.FileInputStream held = new java.io.FileInputStream("/dev/null")) {
            ExecResult r = run("echo \"$PATH\"; cat; for f in /proc/$$/fd/*; do readlink \"$f\" || true; done");
            assertTrue(r.success(), r.stderr());
            List<String> lines = ProcessCommandRunner.splitLines(r.stdout());
            assertEquals(System.getenv("PATH"), lines.get(0));
            // stdin is /dev/null and nothing else of ours is open in the shell; other threads of the test JVM may
            // open descriptors while the command starts, so only our own held one and the count of /dev/null are
            // checked: /dev/null appears once (as stdin), not a second time as the held descriptor
            long devNull = lines.stream().skip(1).filter("/dev/null"::equals).count();
            assertEquals(1, devNull, r.stdout());
            assertTrue(held.getFD().valid());
        }
    }

    @Test
    void largeOutputIsCaptured() {
        ExecResult r = run("head -c 300000 /dev/zero | tr '\\0' 'x'");
        assertTrue(r.success());
        assertEquals(300000, r.stdout().length());
    }

    @Test
    void backgroundChildKeepingOutputOpenDoesNotBlock() throws Exception {
        ExecResult r = run("sleep 30 & echo $!; echo done");
        assertTrue(r.success());
        List<String> lines = ProcessCommandRunner.splitLines(r.stdout());
        assertEquals("done", lines.get(1));
        ProcessHandle.of(Long.parseLong(lines.get(0))).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void timeoutKillsTheWholeProcessGroup() throws Exception {
        Path bg = dir.resolve("bg.pid");
        Path fg = dir.resolve("fg.pid");
        String script = "echo before; sleep 100 & echo $! > " + bg + "; sh -c 'echo $$ > " + fg
                + "; exec sleep 100'";
        ExecResult r = runner.run(ShellCommand.of(script), 1L);
        assertTrue(r.timedOut());
        assertFalse(r.success());
        assertEquals(OptionalInt.of(-15), r.returnCode());
        assertEquals("before\n", r.stdout());
        assertEquals(List.of(
                "ERROR ID -- exec: " + script,
                "ERROR ID -- timed out after 1 seconds.",
                "ERROR ID -- stdout: 'before'",
                "ERROR ID -- killed with SIGTERM (return code: -15)"), logLines());
        for (Path pidFile : List.of(bg, fg)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                h.get().onExit().get(10, TimeUnit.SECONDS);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
    }

    @Test
    void timeoutEscalatesToSigkillWhenTermIsIgnored() {
        ExecResult r = runner.run(ShellCommand.of("trap '' TERM; sleep 3"), 0.5);
        assertTrue(r.timedOut());
        assertEquals(OptionalInt.of(-9), r.returnCode());
        assertEquals(List.of(
                "ERROR ID -- exec: trap '' TERM; sleep 3",
                "ERROR ID -- timed out after 0.5 seconds.",
                "ERROR ID -- killed with SIGKILL (return code: -9)"), logLines());
    }

    @Test
    void embeddedNulIsAFailureToStart() {
        ExecResult r = run("echo", "a\0b");
        assertFalse(r.success());
        assertEquals(OptionalInt.empty(), r.returnCode());
        assertEquals("['echo', 'a\\x00b'] -- failed with embedded null byte", r.stderr());
    }

    @Test
    void temporaryFilesAreRemoved() throws IOException {
        run("echo x; echo y >&2");
        run("exit 4");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.collect(Collectors.toList()));
        }
    }

    @Test
    void serialisedRunnersRunOneCommandAtATime() throws Exception {
        Path busy = dir.resolve("busy");
        String script = "mkdir " + busy + " || exit 7; sleep 0.1; rmdir " + busy;
        ProcessCommandRunner other = new ProcessCommandRunner(true, dir, new CapturingLogger("other"));
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ProcessCommandRunner r = i % 2 == 0 ? runner : other;
                results.add(pool.submit(() -> {
                    go.await();
                    return r.run(ShellCommand.of(script), 10L);
                }));
            }
            go.countDown();
            for (Future<ExecResult> f : results) {
                ExecResult r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.success(), "overlapping commands: " + r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodeWaitStatus() {
        assertEquals(0, ProcessCommandRunner.decode(0));
        assertEquals(3, ProcessCommandRunner.decode(3 << 8));
        assertEquals(-9, ProcessCommandRunner.decode(9));
        assertEquals(-15, ProcessCommandRunner.decode(15 | 0x80));
    }

    @Test
    void shellCommandTexts() {
        assertEquals("echo a", ShellCommand.of("echo a").logText());
        assertEquals("'echo a'", ShellCommand.of("echo a").repr());
        assertEquals("['x=$0 \\necho $x', \"it's\", 'tab\\there']",
                new ShellCommand("x=$0 \necho $x", List.of("it's", "tab\there")).logText());
        assertEquals("[\"'\", '\\'\"', '\\\\']", new ShellCommand("'", List.of("'\"", "\\")).logText());
        assertEquals("'\\x7f\\x85\u00e9\\u2028\\U000e0001'", PyRepr.str("\u007f\u0085\u00e9\u2028\udb40\udc01"));
    }
}
