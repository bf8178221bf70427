package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.protocol.ControlReply;

/**
 * Real server processes on temporary configurations, ours ({@code org.fail2ban4j.cli.Fail2banServerMain} in a new
 * JVM) or Python's ({@code /usr/bin/fail2ban-server}), started the same way ({@code -f -x -s <sock> -p <pid>
 * -c <etc> --logtarget <log>}). The default configuration has one jail {@code test} (backend polling, maxretry 3)
 * on a temporary log file with an action {@code recfile} that appends its commands to a file; tests rewrite the
 * configuration files before the start when they need more. Every wait is a bounded poll. {@link #close()} stops
 * every process started here.
 */
final class ServerHarness implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path tmp;
    private final List<Process> started = new ArrayList<>();
    private final List<Long> daemons = new ArrayList<>();

    ServerHarness(Path tmp) {
        this.tmp = tmp;
    }

    /** A server's files in its own directory. */
    record Setup(Path dir, Path etc, Path sock, Path pid, Path log, Path watched, Path actions, Path db) {
        /** Writes (replaces) a file of the configuration, e.g. {@code jail.local}. */
        void conf(String relative, String text) throws IOException {
            Path p = etc.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        }

        /** The server's log file so far. */
        String logText() {
            return read(log);
        }

        /** The last 40 lines of the server's log (for assertion messages). */
        String logTail() {
            List<String> l = logText().lines().toList();
            return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
        }
    }

    /** A directory {@code name} with the default configuration (database {@code f2b.sqlite3} in it). */
    Setup setup(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path etc = dir.resolve("etc");
        Setup s = new Setup(dir, etc, dir.resolve("f2b.sock"), dir.resolve("f2b.pid"), dir.resolve("f2b.log"),
                dir.resolve("watched.log"), dir.resolve("actions.out"), dir.resolve("f2b.sqlite3"));
        s.conf("fail2ban.conf", "[Definition]\nloglevel = INFO\nlogtarget = " + s.log()
                + "\nsyslogsocket = auto\nsocket = " + s.sock() + "\npidfile = " + s.pid() + "\nallowipv6 = auto\n"
                + "dbfile = " + s.db() + "\ndbpurgeage = 1d\ndbmaxmatches = 10\n");
        s.conf("filter.d/test.conf", "[Definition]\n"
                + "failregex = ^\\s*Failed password for \\S+ from <HOST>\\s*$\nignoreregex =\n"
                + "datepattern = ^%%Y-%%m-%%d %%H:%%M:%%S\n");
        s.conf("action.d/recfile.conf", "[Definition]\n"
                + "actionstart = echo start <name> >> <out>\nactionstop = echo stop <name> >> <out>\n"
                + "actioncheck =\nactionban = echo ban <ip> >> <out>\nactionunban = echo unban <ip> >> <out>\n"
                + "[Init]\nout = " + s.actions() + "\n");
        s.conf("jail.conf", "[DEFAULT]\nbackend = polling\nmaxretry = 3\nfindtime = 10m\n"
                + "bantime = 1h\n[test]\nenabled = true\nfilter = test\nlogpath = " + s.watched() + "\n"
                + "action = recfile[name=test]\n");
        Files.writeString(s.watched(), "");
        return s;
    }

    static List<String> serverArgs(Setup s, String... mode) {
        List<String> a = new ArrayList<>(List.of(mode));
        a.addAll(List.of("-s", s.sock().toString(), "-p", s.pid().toString(), "-c", s.etc().toString(),
                "--logtarget", s.log().toString()));
        return a;
    }

    Process startPython(Setup s) throws IOException {
        Path exe = Path.of("/usr/bin/fail2ban-server");
        assertTrue(Files.isExecutable(exe), "the Python oracle " + exe + " is not installed (apt-get install fail2ban)");
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(serverArgs(s, "-f", "-x"));
        return start(cmd, s);
    }

    Process startOurs(Setup s) throws IOException {
        return startOurs(s, serverArgs(s, "-f", "-x"));
    }

    Process startOurs(Setup s, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.fail2ban4j.cli.Fail2banServerMain"));
        cmd.addAll(args);
        return start(cmd, s);
    }

    private Process start(List<String> cmd, Setup s) throws IOException {
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(s.dir().resolve("server.out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(s.dir().resolve("server.err").toFile()))
                .start();
        started.add(p);
        return p;
    }

    /** Starts Python's server on {@code py} and ours on {@code ours}, side by side; returns them once ready. */
    List<Process> startBoth(Setup py, Setup ours, List<String> jails) throws IOException, InterruptedException {
        Process p = startPython(py);
        Process o = startOurs(ours);
        awaitReady(p, py, jails.toArray(String[]::new));
        awaitReady(o, ours, jails.toArray(String[]::new));
        return List.of(p, o);
    }

    /** A daemon (not started here directly) to stop at {@link #close()}. */
    void daemon(long pid) {
        daemons.add(pid);
    }

    /** Waits (bounded) until the server answers and its jails exist ({@code test} if none is named). */
    static void awaitReady(Process p, Setup s, String... jails) throws InterruptedException {
        awaitReady(p.toHandle(), s, jails);
    }

    /** Waits (bounded) until the server of process {@code h} answers and its jails exist. */
    static void awaitReady(ProcessHandle h, Setup s, String... jails) throws InterruptedException {
        List<String> names = jails.length == 0 ? List.of("test") : List.of(jails);
        await(() -> {
            if (!h.isAlive()) {
                fail("server exited: " + read(s.dir().resolve("server.err")) + read(s.log()));
            }
            if (!Files.exists(s.sock())) {
                return false;
            }
            try (ControlSocketClient c = ControlSocketClient.connect(s.sock(), Duration.ofSeconds(10))) {
                for (String j : names) {
                    if (!(c.send(List.of("status", j)) instanceof ControlReply.Ok)) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }, START_TIMEOUT, "server on " + s.sock() + " ready");
    }

    /** Polls {@code cond} (10 ms, doubling up to 250 ms) until it holds; fails after {@code limit}. */
    static void await(BooleanSupplier cond, Duration limit, String what) throws InterruptedException {
        await(cond, limit, () -> what);
    }

    /** As {@link #await(BooleanSupplier, Duration, String)}, {@code what} (the failure's text) made at the failure. */
    static void await(BooleanSupplier cond, Duration limit, Supplier<String> what) throws InterruptedException {
        Oracle.await(cond, limit, what);
    }

    static String read(Path p) {
        return Oracle.read(p);
    }

    /** Python's client against a socket: "rc=<status>" and its standard output. */
    static String client(Setup s, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-s", s.sock().toString()));
        a.addAll(List.of(args));
        Oracle.Run r = Oracle.python("fail2ban-client", a);
        return "$ fail2ban-client " + String.join(" ", args) + "\nrc=" + r.status() + "\n" + r.stdout();
    }

    /** {@code count} lines "now Failed password for root from ip" appended to {@code file}. */
    static void appendFailures(Path file, String ip, int count) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(failure(ip, "root"));
        }
        append(file, sb.toString());
    }

    /** One log line (with its newline) of a failed password of {@code user} from {@code ip}, dated now. */
    static String failure(String ip, String user) {
        return LocalDateTime.now().format(DATE) + " Failed password for " + user + " from " + ip + "\n";
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** How many lines of {@code file} equal {@code line}. */
    static long count(Path file, String line) {
        return read(file).lines().filter(line::equals).count();
    }

    /** Stops (SIGTERM, then SIGKILL after 20 s) every server still running. */
    @Override
    public void close() throws InterruptedException {
        for (long pid : daemons) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
