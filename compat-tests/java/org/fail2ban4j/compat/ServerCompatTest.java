package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.protocol.ControlReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code fail2ban-server} against Python's: both are started the same way ({@code -f -x -s <sock> -p <pid>
 * -c <etc> --logtarget <log>}, a temporary configuration with one jail on a temporary log file, an action that
 * writes its commands to a file, and a database in the temporary directory), then driven by Python's
 * {@code fail2ban-client}; its output and exit status must be the same for both servers. An end-to-end test follows
 * a ban from log lines to the action's file, and back from the database after {@code kill -9} and a restart.
 */
class ServerCompatTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final List<Long> daemons = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
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

    /** A server's files in its own directory. */
    private record Setup(Path dir, Path etc, Path sock, Path pid, Path log, Path watched, Path actions) {
    }

    private Setup setup(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path etc = dir.resolve("etc");
        Files.createDirectories(etc.resolve("filter.d"));
        Files.createDirectories(etc.resolve("action.d"));
        Setup s = new Setup(dir, etc, dir.resolve("f2b.sock"), dir.resolve("f2b.pid"), dir.resolve("f2b.log"),
                dir.resolve("watched.log"), dir.resolve("actions.out"));
        Files.writeString(etc.resolve("fail2ban.conf"), "[Definition]\nloglevel = INFO\nlogtarget = " + s.log()
                + "\nsyslogsocket = auto\nsocket = " + s.sock() + "\npidfile = " + s.pid() + "\nallowipv6 = auto\n"
                + "dbfile = " + dir.resolve("f2b.sqlite3") + "\ndbpurgeage = 1d\ndbmaxmatches = 10\n");
        Files.writeString(etc.resolve("filter.d/test.conf"), "[Definition]\n"
                + "failregex = ^\\s*Failed password for \\S+ from <HOST>\\s*$\nignoreregex =\n"
                + "datepattern = ^%%Y-%%m-%%d %%H:%%M:%%S\n");
        Files.writeString(etc.resolve("action.d/recfile.conf"), "[Definition]\n"
                + "actionstart = echo start <name> >> <out>\nactionstop = echo stop <name> >> <out>\n"
                + "actioncheck =\nactionban = echo ban <ip> >> <out>\nactionunban = echo unban <ip> >> <out>\n"
                + "[Init]\nout = " + s.actions() + "\n");
        Files.writeString(etc.resolve("jail.conf"), "[DEFAULT]\nbackend = polling\nmaxretry = 3\nfindtime = 10m\n"
                + "bantime = 1h\n[test]\nenabled = true\nfilter = test\nlogpath = " + s.watched() + "\n"
                + "action = recfile[name=test]\n");
        Files.writeString(s.watched(), "");
        return s;
    }

    private List<String> serverArgs(Setup s) {
        return serverArgs(s, "-f", "-x");
    }

    private List<String> serverArgs(Setup s, String... mode) {
        List<String> a = new ArrayList<>(List.of(mode));
        a.addAll(List.of("-s", s.sock().toString(), "-p", s.pid().toString(), "-c", s.etc().toString(),
                "--logtarget", s.log().toString()));
        return a;
    }

    private Process startPython(Setup s) throws IOException {
        Path exe = Path.of("/usr/bin/fail2ban-server");
        assertTrue(Files.isExecutable(exe), "the Python oracle " + exe + " is not installed (apt-get install fail2ban)");
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(serverArgs(s));
        return start(cmd, s);
    }

    private Process startOurs(Setup s) throws IOException {
        return startOurs(s, serverArgs(s));
    }

    private Process startOurs(Setup s, List<String> args) throws IOException {
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

    /** Waits (bounded) until the server answers and its jail {@code test} exists. */
    private void awaitReady(Process p, Setup s) throws Exception {
        await(() -> {
            if (!p.isAlive()) {
                fail("server exited with " + p.exitValue() + ": " + read(s.dir().resolve("server.err")));
            }
            if (!Files.exists(s.sock())) {
                return false;
            }
            try (ControlSocketClient c = ControlSocketClient.connect(s.sock(), Duration.ofSeconds(10))) {
                return c.send(List.of("status", "test")) instanceof ControlReply.Ok;
            } catch (IOException e) {
                return false;
            }
        }, START_TIMEOUT, "server on " + s.sock() + " ready");
    }

    private static void await(BooleanSupplier cond, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long wait = 10;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + limit + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(wait);
            wait = Math.min(wait * 2, 250);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Python's client against a socket: "rc=<status>" and its standard output. */
    private static String client(Setup s, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-s", s.sock().toString()));
        a.addAll(List.of(args));
        Oracle.Run r = Oracle.python("fail2ban-client", a);
        return "$ fail2ban-client " + String.join(" ", args) + "\nrc=" + r.status() + "\n" + r.stdout();
    }

    /**
     * The session the Python client runs against both servers. Left out because Python 1.0.2 differs from 1.1.1
     * there: {@code add <existing jail>} (1.0.2 fails with "name 'noduplicates' is not defined") and {@code stats}
     * and {@code status --all} (new in 1.1.0); the handler's unit test covers them.
     */
    private static String session(Setup s) throws Exception {
        StringBuilder sb = new StringBuilder();
        String[][] commands = {
            {"ping"},
            {"status"},
            {"status", "test"},
            {"status", "nojail"},
            {"get", "test", "maxretry"},
            {"get", "test", "findtime"},
            {"get", "test", "bantime"},
            {"get", "test", "logpath"},
            {"get", "test", "actions"},
            {"get", "test", "action", "recfile", "actionban"},
            {"get", "dbpurgeage"},
            {"get", "dbmaxmatches"},
            {"get", "loglevel"},
            {"set", "test", "banip", "192.0.2.1", "192.0.2.2"},
            {"set", "test", "banip", "192.0.2.1"},
            {"get", "test", "banned"},
            {"get", "test", "banned", "192.0.2.1"},
            {"get", "test", "banip"},
            {"banned"},
            {"banned", "192.0.2.2", "192.0.2.3"},
            {"status", "test"},
            {"set", "test", "unbanip", "192.0.2.1"},
            {"set", "test", "unbanip", "--report-absent", "192.0.2.1"},
            {"unban", "192.0.2.2"},
            {"set", "test", "maxretry", "5"},
            {"set", "test", "findtime", "1h"},
            {"set", "nojail", "maxretry", "5"},
            {"echo", "hello", "world"},
            {"flushlogs"},
            {"get", "logtarget"},
            {"set", "loglevel", "DEBUG"},
            {"get", "loglevel"},
            {"get", "dbfile"},
            {"get", "test", "ignoreip"},
            {"set", "test", "addignoreip", "192.0.2.0/24"},
            {"set", "test", "delignoreip", "192.0.2.0/24"},
            {"get", "test", "failregex"},
            {"get", "test", "ignoreregex"},
            {"get", "test", "datepattern"},
            {"get", "test", "usedns"},
            {"get", "test", "ignoreself"},
            {"get", "test", "ignorecommand"},
            {"get", "test", "maxlines"},
            {"get", "test", "maxmatches"},
            {"get", "test", "logencoding"},
            {"get", "test", "bantime.increment"},
            {"set", "test", "bantime.increment", "true"},
            {"get", "test", "actionproperties", "recfile"},
            {"get", "test", "actionmethods", "recfile"},
            {"set", "test", "action", "recfile", "actionban", "echo BAN <ip> >> /dev/null"},
            {"get", "test", "action", "recfile", "nosuchproperty"},
            {"get", "test", "action", "nosuchaction", "actionban"},
            {"set", "test", "idle", "on"},
            {"set", "test", "idle", "off"},
            {"status", "test", "short"},
            {"set", "test", "addfailregex", "x(("},
            {"set", "test", "addfailregex", "^user <F-USER>\\S+</F-USER> from <HOST>$"},
            {"set", "test", "delfailregex", "1"},
            {"set", "test", "findtime", "abc"},
            {"set", "test", "maxretry", "abc"},
            {"-c", s.etc().toString(), "reload"},
            {"status", "test"},
            {"-c", s.etc().toString(), "reload", "test"},
            {"reload", "nojail"},
            {"nosuchcommand"},
            {"stop"},
        };
        for (String[] c : commands) {
            sb.append(client(s, c));
        }
        return sb.toString();
    }

    @Test
    void pythonClientSeesTheSameServer() throws Exception {
        Setup py = setup("python");
        Process pyServer = startPython(py);
        awaitReady(pyServer, py);
        // 1.1.1 changed the IPv6 part of <HOST> (ipdns.py IP_6_RE: "...::?|:){1,7}"; 1.0.2 has "|::")
        String expected = session(py).replace("::?|::){1,7}", "::?|:){1,7}");
        assertTrue(pyServer.waitFor(30, TimeUnit.SECONDS), "Python's server did not stop");

        Setup ours = setup("ours");
        Process ourServer = startOurs(ours);
        awaitReady(ourServer, ours);
        String actual = session(ours);
        assertTrue(ourServer.waitFor(30, TimeUnit.SECONDS), "our server did not stop");

        assertEquals(expected.replace(py.dir().toString(), "<dir>"), actual.replace(ours.dir().toString(), "<dir>"),
                Oracle.diff(expected.replace(py.dir().toString(), "<dir>"),
                        actual.replace(ours.dir().toString(), "<dir>"), 10));
        assertEquals(0, ourServer.exitValue(), read(ours.dir().resolve("server.err")));
        assertEquals(read(py.dir().resolve("server.out")), read(ours.dir().resolve("server.out")));
        assertEquals(read(py.actions()), read(ours.actions()));
        assertFalse(Files.exists(ours.sock()), "socket removed at exit");
        assertFalse(Files.exists(ours.pid()), "pid file removed at exit");
    }

    private static void appendFailures(Setup s, String ip, int count) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(LocalDateTime.now().format(DATE)).append(" Failed password for root from ").append(ip)
                    .append('\n');
        }
        Files.writeString(s.watched(), sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static long count(Setup s, String line) {
        return read(s.actions()).lines().filter(line::equals).count();
    }

    /** Rows of {@code ip} in the server's {@code bans} table (0 while the database is not there yet). */
    private static int storedBans(Setup s, String ip) {
        Path db = s.dir().resolve("f2b.sqlite3");
        if (!Files.exists(db)) {
            return 0;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM bans WHERE ip = ?")) {
            st.setString(1, ip);
            try (java.sql.ResultSet r = st.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0; // busy or not created yet
        }
    }

    @Test
    void banFromTheLogSurvivesKillAndRestart() throws Exception {
        Setup s = setup("e2e");
        Process first = startOurs(s);
        awaitReady(first, s);
        long pid = Long.parseLong(Files.readString(s.pid()).trim());
        assertEquals(first.pid(), pid);
        appendFailures(s, "192.0.2.50", 3);
        await(() -> count(s, "ban 192.0.2.50") == 1, Duration.ofSeconds(30), "ban in " + s.actions());
        assertTrue(read(s.log()).contains("NOTICE  [test] Ban 192.0.2.50"), read(s.log()));
        // the ban is written to the database after its actions ran: kill only once it is there
        await(() -> storedBans(s, "192.0.2.50") == 1, Duration.ofSeconds(30), "ban in the database");

        first.destroyForcibly();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        assertTrue(Files.exists(s.sock()), "a killed server leaves its socket");
        // restarted without -x: the socket nobody answers on is stale and replaced

        Process second = startOurs(s, serverArgs(s, "-f"));
        awaitReady(second, s);
        await(() -> count(s, "ban 192.0.2.50") == 2, Duration.ofSeconds(30), "restored ban in " + s.actions());
        assertTrue(read(s.log()).contains("NOTICE  [test] Restore Ban 192.0.2.50"), read(s.log()));
        String banned = client(s, "get", "test", "banned");
        assertEquals("$ fail2ban-client get test banned\nrc=0\n['192.0.2.50']\n", banned);
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
        assertTrue(read(s.actions()).endsWith("unban 192.0.2.50\nstop test\n"), read(s.actions()));
    }

    @Test
    void backgroundStartThenSignals() throws Exception {
        Setup s = setup("bg");
        Process launcher = startOurs(s, serverArgs(s, "-b"));
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher returns once the daemon answers");
        assertEquals(0, launcher.exitValue(), read(s.dir().resolve("server.err")));
        long pid = Long.parseLong(Files.readString(s.pid()).trim());
        daemons.add(pid);
        assertTrue(pid != launcher.pid());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        awaitReady(launcher, s, daemon);

        Path rotated = s.dir().resolve("f2b.log.1");
        Files.move(s.log(), rotated);
        Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(pid)).start();
        assertEquals(0, kill.waitFor());
        await(() -> read(s.log()).contains("rollover performed on " + s.log()), Duration.ofSeconds(30),
                "log reopened after SIGUSR1");

        daemon.destroy(); // SIGTERM
        daemon.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(s.sock()), "socket removed after SIGTERM");
        assertFalse(Files.exists(s.pid()), "pid file removed after SIGTERM");
        assertTrue(read(s.actions()).endsWith("stop test\n"), read(s.actions()));
        assertTrue(read(s.log()).contains("Exiting Fail2ban"), read(s.log()));
    }

    private void awaitReady(Process launcher, Setup s, ProcessHandle daemon) throws Exception {
        await(() -> {
            if (!daemon.isAlive()) {
                fail("daemon exited: " + read(s.log()));
            }
            try (ControlSocketClient c = ControlSocketClient.connect(s.sock(), Duration.ofSeconds(10))) {
                return c.send(List.of("status", "test")) instanceof ControlReply.Ok;
            } catch (IOException e) {
                return false;
            }
        }, START_TIMEOUT, "daemon ready");
    }

    @Test
    void asyncStartWaitsForAStreamFromTheClient() throws Exception {
        Setup s = setup("async");
        Process p = startOurs(s, serverArgs(s, "-f", "--async"));
        await(() -> Files.exists(s.sock()) && client0(s, "ping").contains("pong"), START_TIMEOUT, "async server up");
        assertEquals("$ fail2ban-client status\nrc=0\nStatus\n|- Number of jail:\t0\n`- Jail list:\t\n",
                client(s, "status"));
        assertEquals("$ fail2ban-client -c " + s.etc() + " reload\nrc=0\nOK\n", client(s, "-c", s.etc().toString(),
                "reload"));
        assertTrue(client(s, "status").contains("Jail list:\ttest"));
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("", read(s.dir().resolve("server.out")), "no configuration stream, no 'Server ready'");
    }

    private static String client0(Setup s, String... args) {
        try {
            return client(s, args);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void brokenConfigurationStopsTheStartLikePythons() throws Exception {
        Setup py = setup("badpy");
        Setup ours = setup("badours");
        for (Setup s : List.of(py, ours)) {
            Files.writeString(s.etc().resolve("jail.local"), "[test]\nfilter = nosuchfilter\n");
        }
        Process p = startPython(py);
        Process o = startOurs(ours);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Python's server gives up");
        assertTrue(o.waitFor(60, TimeUnit.SECONDS), "our server gives up");
        assertEquals(255, p.exitValue());
        assertEquals(255, o.exitValue(), read(ours.dir().resolve("server.err")));
        assertFalse(Files.exists(ours.sock()));
        assertFalse(Files.exists(ours.pid()));
        assertEquals(read(py.dir().resolve("server.out")), read(ours.dir().resolve("server.out")));
    }
}
