package org.fail2ban4j.compat.firewall;

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
import org.fail2ban4j.cli.Fail2banClientMain;
import org.fail2ban4j.compat.Oracle;

/**
 * A fail2ban server (ours, or Python's for migration tests) running in the firewall host's namespace of a
 * {@link Netns}, on a configuration directory of its own: upstream 1.1.1's stock {@code action.d} (copied from
 * {@code ../shared/upstream} into the test's temporary directory), a filter {@code probe} matching
 * {@code <date> Failed password for <user> from <HOST>}, and the {@code jail.local} the test writes. The watched log is
 * {@link #log()}; {@link #failLogins(String, int)} appends the lines an attacker's failed logins would leave there.
 */
public final class FirewallServer implements AutoCloseable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration READY = Duration.ofSeconds(60);

    private final Netns net;
    private final Path dir;
    private final Path etc;
    private Process process;

    private FirewallServer(Netns net, Path dir, Path etc) {
        this.net = net;
        this.dir = dir;
        this.etc = etc;
    }

    /**
     * Prepares the configuration directory: stock action.d, the {@code probe} filter, fail2ban.local pointing socket,
     * pid file, database and server log into {@code dir}, and {@code jail.local} with the given text (where
     * {@code %(log)s}-style references are not needed: {@link #log()} is substituted for {@code <LOG>}).
     */
    public static FirewallServer configure(Netns net, Path dir, String jailLocal) throws IOException {
        Path etc = dir.resolve("etc");
        Files.createDirectories(etc.resolve("filter.d"));
        Files.createDirectories(etc.resolve("jail.d"));
        Oracle.copyTree(Oracle.upstream().resolve("config/action.d"), etc.resolve("action.d"));
        FirewallServer s = new FirewallServer(net, dir, etc);
        Files.writeString(etc.resolve("fail2ban.conf"), "[Definition]\nloglevel = INFO\nlogtarget = " + s.serverLog()
                + "\nsyslogsocket = auto\nsocket = " + s.socket() + "\npidfile = " + dir.resolve("f2b.pid")
                + "\nallowipv6 = auto\ndbfile = " + s.database() + "\ndbpurgeage = 1d\ndbmaxmatches = 10\n");
        Files.writeString(etc.resolve("filter.d/probe.conf"), "[Definition]\n"
                + "failregex = ^\\s*Failed password for \\S+ from <HOST>\\s*$\nignoreregex =\n"
                + "datepattern = ^%%Y-%%m-%%d %%H:%%M:%%S\n");
        Files.writeString(etc.resolve("jail.conf"), "[DEFAULT]\nbackend = polling\nmaxretry = 3\nfindtime = 10m\n"
                + "bantime = 1h\nfilter = probe\nlogpath = " + s.log() + "\n");
        s.jailLocal(jailLocal);
        if (!Files.exists(s.log())) {
            Files.writeString(s.log(), "");
        }
        return s;
    }

    /** Rewrites {@code jail.local}; {@code <LOG>} stands for the watched log. */
    public void jailLocal(String text) throws IOException {
        Files.writeString(etc.resolve("jail.local"), text.replace("<LOG>", log().toString()));
    }

    public Path etc() {
        return etc;
    }

    public Path log() {
        return dir.resolve("watched.log");
    }

    public Path socket() {
        return dir.resolve("f2b.sock");
    }

    public Path database() {
        return dir.resolve("f2b.sqlite3");
    }

    public Path serverLog() {
        return dir.resolve("f2b.log");
    }

    private List<String> serverArgs() {
        return List.of("-f", "-x", "-s", socket().toString(), "-p", dir.resolve("f2b.pid").toString(), "-c",
                etc.toString(), "--logtarget", serverLog().toString());
    }

    /** Starts our server in the firewall host's namespace and waits until every named jail answers. */
    public void start(String... jails) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.fail2ban4j.cli.Fail2banServerMain"));
        cmd.addAll(serverArgs());
        launch(cmd, jails);
    }

    /** Starts Python's {@code fail2ban-server} (Debian's package) the same way, for migration tests. */
    public void startPython(String... jails) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/fail2ban-server"));
        cmd.addAll(serverArgs());
        launch(cmd, jails);
    }

    private void launch(List<String> cmd, String... jails) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            fail("server already running");
        }
        process = net.spawn(net.firewall().ns(), dir.resolve("server.out"), cmd);
        Process p = process;
        await(() -> {
            if (!p.isAlive()) {
                fail("server exited with " + p.exitValue() + ":\n" + read(dir.resolve("server.out")) + "\n"
                        + read(serverLog()));
            }
            if (!Files.exists(socket())) {
                return false;
            }
            for (String jail : jails) {
                if (client("status", jail).status() != 0) {
                    return false;
                }
            }
            return client("ping").status() == 0;
        }, READY, "server ready on " + socket());
    }

    /** Our {@code fail2ban-client -s <socket> ...}, in-process (a unix socket is reachable from every namespace). */
    public Oracle.Run client(String... args) {
        List<String> a = new ArrayList<>(List.of("-s", socket().toString()));
        a.addAll(List.of(args));
        return Oracle.ours(Fail2banClientMain::run, a);
    }

    /** Appends {@code count} failed logins of {@code ip}, stamped now, to the watched log. */
    public void failLogins(String ip, int count) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(LocalDateTime.now().format(DATE)).append(" Failed password for root from ").append(ip)
                    .append('\n');
        }
        Files.writeString(log(), sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Waits until the server's log shows a line containing {@code text} (e.g. {@code "[sshd] Ban 10.77.1.1"}). */
    public void awaitLog(String text) throws InterruptedException {
        await(() -> read(serverLog()).contains(text), Duration.ofSeconds(30), "'" + text + "' in " + serverLog());
    }

    /** Counts the lines of the server's log containing {@code text}. */
    public long countLog(String text) {
        return read(serverLog()).lines().filter(l -> l.contains(text)).count();
    }

    /** Waits until {@code text} is seen {@code n} times in the server's log. */
    public void awaitLogCount(String text, long n) throws InterruptedException {
        await(() -> countLog(text) >= n, Duration.ofSeconds(30), n + " x '" + text + "' in " + serverLog());
    }

    /** Stops the server with {@code fail2ban-client stop} and waits for its exit. */
    public void stop() throws InterruptedException {
        Oracle.Run r = client("stop");
        if (r.status() != 0) {
            fail("stop failed: " + r.stdout() + r.stderr());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            fail("server did not exit after stop:\n" + read(serverLog()));
        }
    }

    /** Kills the server with SIGKILL (nothing runs at exit: rules and sets stay as they are). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("server did not die");
        }
    }

    /** The server's log so far, for assertion messages. */
    public String serverLogText() {
        return read(serverLog());
    }

    static void await(BooleanSupplier cond, Duration limit, String what) throws InterruptedException {
        Oracle.await(cond, limit, () -> what);
    }

    static String read(Path p) {
        return Oracle.read(p);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
