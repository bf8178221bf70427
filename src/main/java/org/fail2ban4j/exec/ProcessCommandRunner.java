package org.fail2ban4j.exec;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.SpawnAttribute;
import jnr.posix.SpawnFileAction;
import org.fail2ban4j.expr.PyFloats;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/utils.py:Utils.executeCmd} (with {@code shell=True}) and of the global
 * {@code fail2ban/server/action.py:_cmd_lock}: runs {@code /bin/sh -c script arg0 arg1 ...} and logs it as upstream
 * does on the {@code fail2ban.utils} logger.
 *
 * <p>How a command runs:
 * <ul>
 * <li>The shell is started with {@code posix_spawn} (jnr-posix) as the leader of a new process group, with the
 * server's environment, standard input from {@code /dev/null}, and none of the descriptors open when it is
 * spawned (they are listed from {@code /proc/self/fd} and closed in the child; a descriptor another thread opens in
 * the instant between the listing and the spawn can still slip through, as the JDK opens files without
 * {@code O_CLOEXEC}). Standard output
 * and error go to two private temporary files that are read once the shell has ended, so a background child
 * that keeps them open never blocks the caller.</li>
 * <li>After {@code timeout} seconds the whole process group gets {@code SIGTERM}, then, 0.2 s later,
 * {@code SIGKILL} (upstream's {@code tout_kill_tree}), so children started in the background die too.</li>
 * <li>The return code is Python's: minus the signal number when the shell itself was killed by a signal.</li>
 * <li>A serialised runner (the default) holds one lock shared by all serialised runners of the JVM while a
 * command runs, so commands run one at a time as upstream's {@code _cmd_lock} makes them.</li>
 * </ul>
 *
 * <p>Log lines (texts as upstream; {@code <id>} is a hex number identifying the run): on success
 * {@code <id> -- exec: <cmd>} at level 9 (TRACE with the {@code #09-Lev.} marker), each output line as
 * {@code <id> -- stdout: '<line>'} / {@code <id> -- stderr: '<line>'} at DEBUG and
 * {@code <id> -- returned successfully <rc>} at DEBUG; on failure the same lines at ERROR, then
 * {@code <id> -- returned <rc>}, {@code <id> -- killed with SIGTERM (return code: -15)} or
 * {@code <id> -- unable to kill PID <pid>}; return code 127 adds the INFO hint {@code HINT on 127: ...}; a timeout
 * logs {@code <id> -- timed out after <timeout> seconds.} right away.
 */
public final class ProcessCommandRunner implements CommandRunner {

    /** Upstream's {@code _cmd_lock}: one per process. */
    private static final ReentrantLock CMD_LOCK = new ReentrantLock();
    /** Upstream's {@code Utils.DEFAULT_SLEEP_INTERVAL} between {@code SIGTERM} and {@code SIGKILL}. */
    private static final long KILL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final String SHELL = "/bin/sh";
    private static final Path PROC_FDS = Path.of("/proc/self/fd");
    private static final AtomicLong RUN_IDS = new AtomicLong(0x1000);
    private static final String HINT_127 = "\"Command not found\".  Make sure that all commands in %s "
            + "are in the PATH of fail2ban-server process "
            + "(grep -a PATH= /proc/`pidof -x fail2ban-server`/environ). "
            + "You may want to start "
            + "\"fail2ban-server -f\" separately, initiate it with "
            + "\"fail2ban-client reload\" in another shell session and observe if "
            + "additional informative error messages appear in the terminals.";

    private final POSIX posix;
    private final boolean serialised;
    private final Path tempDir;
    private final List<String> environment;
    private final Logger log;

    /** A serialised runner writing its temporary files to {@code java.io.tmpdir}. */
    public ProcessCommandRunner() {
        this(true);
    }

    /**
     * A runner writing its temporary files to {@code java.io.tmpdir}.
     *
     * @param serialised whether commands hold the process-wide command lock while they run (upstream's
     *     {@code CommandAction.executeCmd}); {@code false} for the few callers upstream lets run freely (the
     *     database backup, {@code systemd-path})
     */
    public ProcessCommandRunner(boolean serialised) {
        this(serialised, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * A runner.
     *
     * @param serialised whether commands hold the process-wide command lock while they run
     * @param tempDir where the output of a running command is kept (files are private and removed afterwards)
     * @throws IllegalStateException if the native POSIX functions cannot be loaded
     */
    public ProcessCommandRunner(boolean serialised, Path tempDir) {
        this(serialised, tempDir, ExecLog.LOG);
    }

    /** A runner logging to the given logger instead of {@code fail2ban.utils} (tests read the lines back). */
    ProcessCommandRunner(boolean serialised, Path tempDir, Logger log) {
        this.log = Objects.requireNonNull(log, "log");
        this.serialised = serialised;
        this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
        POSIX p;
        try {
            p = POSIXFactory.getNativePOSIX();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot run commands: native POSIX functions (jnr-posix) are not "
                    + "available: " + e, e);
        }
        if (p == null || !p.isNative()) {
            throw new IllegalStateException("cannot run commands: native POSIX functions (jnr-posix) are not "
                    + "available on this platform");
        }
        this.posix = p;
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        this.environment = Collections.unmodifiableList(env);
    }

    @Override
    public ExecResult run(ShellCommand command, Number timeoutSeconds, Set<Integer> successCodes) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
        Objects.requireNonNull(successCodes, "successCodes");
        if (!serialised) {
            return new Run(command, timeoutSeconds, successCodes).execute();
        }
        CMD_LOCK.lock();
        try {
            return new Run(command, timeoutSeconds, successCodes).execute();
        } finally {
            CMD_LOCK.unlock();
        }
    }

    /** One execution; holds what the log lines need. */
    private final class Run {
        private final ShellCommand command;
        private final Number timeout;
        private final Set<Integer> successCodes;
        private final String id = Long.toHexString(RUN_IDS.incrementAndGet());
        private boolean commandLogged;

        Run(ShellCommand command, Number timeout, Set<Integer> successCodes) {
            this.command = command;
            this.timeout = timeout;
            this.successCodes = successCodes;
        }

        private void logCommand(boolean error) {
            if (commandLogged) {
                return;
            }
            commandLogged = true;
            if (error) {
                log.error("{} -- exec: {}", id, command.logText());
            } else {
                log.trace(ExecLog.LEVEL9, "{} -- exec: {}", id, command.logText());
            }
        }

        private ExecResult startFailure(String reason) {
            logCommand(true);
            String stderr = command.logText() + " -- failed with " + reason;
            log.error("{}", stderr);
            return new ExecResult(false, OptionalInt.empty(), "", stderr, false);
        }

        ExecResult execute() {
            if (command.script().indexOf('\0') >= 0 || command.args().stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
                return startFailure("embedded null byte");
            }
            Path out = null;
            Path err = null;
            try {
                try {
                    out = Files.createTempFile(tempDir, "f2b-exec-", ".out");
                    err = Files.createTempFile(tempDir, "f2b-exec-", ".err");
                } catch (IOException | RuntimeException e) {
                    return startFailure("cannot create output file in " + tempDir + ": " + e.getMessage());
                }
                long pid = spawn(out, err);
                if (pid <= 0) {
                    return startFailure("posix_spawn of " + SHELL + " failed");
                }
                return finish((int) pid, out, err);
            } finally {
                deleteQuietly(out);
                deleteQuietly(err);
            }
        }

        private long spawn(Path out, Path err) {
            List<String> argv = new ArrayList<>(3 + command.args().size());
            argv.add(SHELL);
            argv.add("-c");
            argv.add(command.script());
            argv.addAll(command.args());
            int wronly = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_TRUNC.intValue();
            List<SpawnFileAction> actions = new ArrayList<>();
            actions.add(SpawnFileAction.open("/dev/null", 0, OpenFlags.O_RDONLY.intValue(), 0));
            actions.add(SpawnFileAction.open(out.toString(), 1, wronly, 0600));
            actions.add(SpawnFileAction.open(err.toString(), 2, wronly, 0600));
            for (int fd : openDescriptors()) {
                if (fd > 2) {
                    actions.add(SpawnFileAction.close(fd));
                }
            }
            List<SpawnAttribute> attributes = List.of(
                    SpawnAttribute.flags((short) SpawnAttribute.SETPGROUP), SpawnAttribute.pgroup(0));
            return posix.posix_spawnp(SHELL, actions, attributes, argv, environment);
        }

        private ExecResult finish(int pid, Path out, Path err) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread waiter = new Thread(() -> reap(pid, exit), "f2b-exec-wait-" + id);
            waiter.setDaemon(true);
            waiter.start();
            boolean timedOut = false;
            Integer status = await(exit, timeoutNanos());
            if (status == null) {
                timedOut = true;
                logCommand(true);
                log.error("{} -- timed out after {} seconds.", id, pyStr(timeout));
                posix.kill(-pid, Signals.SIGTERM);
                status = await(exit, KILL_INTERVAL_NANOS);
                posix.kill(-pid, Signals.SIGKILL);
                if (status == null) {
                    status = await(exit, KILL_INTERVAL_NANOS);
                }
            }
            OptionalInt rc = status == null ? OptionalInt.empty() : OptionalInt.of(decode(status));
            String stdout = readOutput(out);
            String stderr = readOutput(err);
            boolean success = rc.isPresent() && successCodes.contains(rc.getAsInt());
            boolean levelEnabled = success ? log.isDebugEnabled() : log.isErrorEnabled();
            if (levelEnabled) {
                logCommand(!success);
                logLines("stdout", stdout, success);
                logLines("stderr", stderr, success);
            }
            if (success) {
                log.debug("{} -- returned successfully {}", id, rc.getAsInt());
            } else if (rc.isEmpty()) {
                log.error("{} -- unable to kill PID {}", id, pid);
            } else {
                int code = rc.getAsInt();
                if (code < 0 || code > 128) {
                    int sig = code < 0 ? -code : code - 128;
                    log.error("{} -- killed with {} (return code: {})", id, Signals.name(sig), code);
                } else {
                    log.error("{} -- returned {}", id, code);
                    if (code == 127) {
                        log.info("HINT on {}: {}", code, String.format(HINT_127, command.repr()));
                    }
                }
            }
            return new ExecResult(success, rc, stdout, stderr, timedOut);
        }

        private void logLines(String stream, String text, boolean success) {
            if (text.isEmpty()) {
                return;
            }
            for (String line : splitLines(text)) {
                if (success) {
                    log.debug("{} -- {}: {}", id, stream, PyRepr.str(line));
                } else {
                    log.error("{} -- {}: {}", id, stream, PyRepr.str(line));
                }
            }
        }

        private long timeoutNanos() {
            double seconds = timeout.doubleValue();
            if (Double.isNaN(seconds) || seconds <= 0) {
                return 0;
            }
            if (seconds >= Long.MAX_VALUE / 1e9) {
                return Long.MAX_VALUE;
            }
            return (long) (seconds * 1e9);
        }
    }

    private void reap(int pid, CompletableFuture<Integer> exit) {
        int[] status = new int[1];
        int eintr = Errno.EINTR.intValue();
        while (true) {
            int r = posix.waitpid(pid, status, 0);
            if (r == pid) {
                exit.complete(status[0]);
                return;
            }
            int errno = posix.errno();
            if (r == -1 && errno == eintr) {
                continue;
            }
            exit.completeExceptionally(new IOException("waitpid(" + pid + ") failed: errno " + errno));
            return;
        }
    }

    /**
     * Waits for the shell to end.
     *
     * @return the wait status, or {@code null} if it did not end in time (or waiting failed)
     */
    private static Integer await(CompletableFuture<Integer> exit, long nanos) {
        try {
            return exit.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Python's {@code Popen.returncode} of a wait status: the exit status, or minus the signal number. */
    static int decode(int status) {
        int termsig = status & 0x7f;
        if (termsig == 0) {
            return (status >> 8) & 0xff;
        }
        return -termsig;
    }

    private static List<Integer> openDescriptors() {
        List<Integer> fds = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC_FDS)) {
            for (Path p : dir) {
                try {
                    fds.add(Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException e) {
                    // not a descriptor entry
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return fds;
    }

    private String readOutput(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                return "";
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            log.error(" ... -- failed to read {} {}", file.getFileName(), e.toString());
            return "";
        }
    }

    private void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot remove {}: {}", file, e.toString());
        }
    }

    /** Python's {@code bytes.splitlines()}: splits at {@code \n}, {@code \r} and {@code \r\n}; no trailing empty line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Python's {@code str()} of a number held as upstream holds the timeout. */
    static String pyStr(Number n) {
        try {
            return PyFloats.reprNumber(n);
        } catch (IllegalArgumentException e) {
            return n.toString();
        }
    }
}
