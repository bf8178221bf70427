package org.fail2ban4j.compat;

import static org.fail2ban4j.compat.ServerHarness.append;
import static org.fail2ban4j.compat.ServerHarness.await;
import static org.fail2ban4j.compat.ServerHarness.awaitReady;
import static org.fail2ban4j.compat.ServerHarness.client;
import static org.fail2ban4j.compat.ServerHarness.count;
import static org.fail2ban4j.compat.ServerHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.ServerHarness.Setup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database on a full disk: {@code dbfile} on a small tmpfs (mounted by the test, which needs root; skipped
 * otherwise) that a filler file then fills up. The failures have long lines, so that writing the ban needs new pages. Bans still happen (the action runs, {@code get test banned} shows
 * them), the failed writes are logged, the server goes on; once the filler is removed, later bans are written.
 */
class ServerDatabaseDiskFullTest extends RealServerTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final String LONG_USER = "u".repeat(4000);

    private Path mount;

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mount != null) {
            h.close(); // the server holds the database open
            run("umount", mount.toString());
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static List<String> dbBans(Path db) throws SQLException {
        List<String> r = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ip FROM bans ORDER BY ip")) {
            while (rs.next()) {
                r.add(rs.getString(1));
            }
        }
        return r;
    }

    @Test
    void bansGoOnWhenTheDatabaseDiskIsFull() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dbfs"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir.toString()) == 0,
                "mounting a tmpfs for the full-disk database is not permitted here (needs root)");
        mount = dir;
        Setup s = h.setup("server");
        Path db = dir.resolve("f2b.sqlite3");
        s.conf("fail2ban.local", "[Definition]\ndbfile = " + db + "\n");
        Process server = h.startOurs(s);
        awaitReady(server, s);
        assertTrue(Files.size(db) > 0, "database created");
        fill(dir.resolve("filler"));

        // long lines: the ban's matches need new database pages (a short row fits a page the file has already)
        append(s.watched(), failure("192.0.2.61", LONG_USER).repeat(3));
        await(() -> count(s.actions(), "ban 192.0.2.61") == 1, STEP, () -> "ban on a full disk:\n" + s.logTail());
        await(() -> s.logText().lines().anyMatch(l -> l.contains(" ERROR ") && l.contains("disk is full")), STEP,
                () -> "the failed database write logged:\n" + s.logTail());
        assertTrue(server.isAlive());
        assertEquals("$ fail2ban-client get test banned\nrc=0\n['192.0.2.61']\n", client(s, "get", "test", "banned"));

        Files.delete(dir.resolve("filler"));
        append(s.watched(), failure("192.0.2.62", LONG_USER).repeat(3));
        await(() -> count(s.actions(), "ban 192.0.2.62") == 1, STEP, () -> "ban after space returned:\n" + s.logTail());
        await(() -> {
            try {
                return dbBans(db).contains("192.0.2.62");
            } catch (SQLException e) {
                return false;
            }
        }, STEP, () -> "the ban written once space returned:\n" + s.logTail());
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue(), s.logTail());
    }
}
