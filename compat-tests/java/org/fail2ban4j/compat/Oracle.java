package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python fail2ban oracle (Debian's package, installed by {@code .ci/run}) and our own tools in-process, so
 * that tests compare their outputs.
 */
public final class Oracle {
    private Oracle() {
    }

    /** Output and exit status of one run. */
    public record Run(int status, String stdout, String stderr) {
    }

    /** The upstream 1.1.1 reference data directory ({@code ../shared/upstream/fail2ban-1.1.1}). */
    public static Path upstream() {
        Path p = Path.of(System.getProperty("fail2ban4j.upstream", "../shared/upstream/fail2ban-1.1.1"));
        assertTrue(Files.isDirectory(p), "upstream reference data not found at " + p.toAbsolutePath());
        return p;
    }

    /** Runs an installed Python fail2ban command (e.g. {@code fail2ban-client}) with a time limit. */
    public static Run python(String command, List<String> args) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin", command);
        assertTrue(Files.isExecutable(exe), "the Python oracle " + exe + " is not installed (apt-get install fail2ban)");
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the Python oracle did not finish: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A main of ours taking (args, out, err) and returning the exit status. */
    @FunctionalInterface
    public interface Main {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    /** Runs one of our commands in-process. */
    public static Run ours(Main main, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = main.run(args, o, e);
        }
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The bundled tree ({@code etc-fail2ban}) copied to {@code dir/etc} with one jail, {@code sshd} on
     * {@code dir/auth.log} (polling, action {@code dummy}), the database and the server log in {@code dir}.
     *
     * @return the configuration directory
     */
    public static Path bundledTree(Path dir) throws IOException {
        Path etc = dir.resolve("etc");
        copyTree(Path.of(System.getProperty("fail2ban4j.basedir", ".")).resolve("etc-fail2ban"), etc);
        Path log = Files.writeString(dir.resolve("auth.log"), "");
        Files.writeString(etc.resolve("fail2ban.local"), "[Definition]\ndbfile = " + dir.resolve("db.sqlite3")
                + "\nlogtarget = " + dir.resolve("f2b.log") + "\n");
        Files.writeString(etc.resolve("jail.local"), "[sshd]\nenabled = true\nbackend = polling\nlogpath = " + log
                + "\naction = dummy\n");
        return etc;
    }

    /** The messages of the log lines a client wrote on stderr, without time stamp, logger and pid. */
    public static List<String> logMessages(String stderr) {
        List<String> m = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            int at = line.indexOf("]: ");
            if (at >= 0) {
                m.add(line.substring(at + 3));
            }
        }
        return m;
    }

    /** Copies a directory tree. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** A unified-style listing of the first differing lines, for assertion messages. */
    public static String diff(String expected, String actual, int max) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.max(a.length, b.length) && shown < max; i++) {
            String x = i < a.length ? a[i] : "<missing>";
            String y = i < b.length ? b[i] : "<missing>";
            if (!x.equals(y)) {
                sb.append("line ").append(i + 1).append(":\n  python: ").append(x).append("\n  ours:   ").append(y)
                        .append('\n');
                shown++;
            }
        }
        return sb.toString();
    }

    /**
     * Rows of {@code ip} in the {@code bans} table of a server's database, of one jail or (null) of all; 0 while the
     * database is not there yet or busy. A server writes a ban there shortly after it logs it (upstream's observer
     * thread, as ours), so a test that kills a server with SIGKILL waits for the row first.
     */
    public static int storedBans(Path db, String jail, String ip) {
        if (!Files.exists(db)) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM bans WHERE ip = ?" + (jail == null ? "" : " AND jail = ?");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, ip);
            if (jail != null) {
                st.setString(2, jail);
            }
            try (java.sql.ResultSet r = st.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    /** Polls {@code cond} (10 ms, doubling up to 250 ms) until it holds; fails after {@code limit}. */
    public static void await(java.util.function.BooleanSupplier cond, java.time.Duration limit,
            java.util.function.Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long wait = 10;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                org.junit.jupiter.api.Assertions.fail("timed out after " + limit + " waiting for " + what.get());
            }
            TimeUnit.MILLISECONDS.sleep(wait);
            wait = Math.min(wait * 2, 250);
        }
    }

    /** A file's text ("" when it is not there, the error's text when it cannot be read), for assertions. */
    public static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
