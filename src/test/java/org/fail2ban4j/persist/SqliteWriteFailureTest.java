package org.fail2ban4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.ban.BanList;
import org.fail2ban4j.ban.BanTicket;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk or a read-only database: a clear error naming the file, the bans in memory untouched, and the
 * failed writes kept and written once the database can be written again.
 */
class SqliteWriteFailureTest {

    static final BanTime BT = BanTime.ofSeconds(600);

    @TempDir
    Path dir;

    private MovableClock clock;
    private SqliteBanStore db;
    private Path file;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        file = dir.resolve("f2b.sqlite3");
        db = SqliteBanStore.open(file.toString(), clock);
        db.addJail("sshd");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private BanTicket bigTicket(int i) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            lines.add("x".repeat(2000) + k);
        }
        return new BanTicket(IpAddress.parse("192.0.2." + i), clock.instant(), lines, java.util.Map.of());
    }

    @Test
    void fullDiskKeepsBansAndWritesThemLater() throws Exception {
        db.pragma("max_page_count = " + pageCount());
        BanList bans = new BanList(clock);
        BanTicket t = bigTicket(1);
        assertTrue(bans.addBanTicket(t).added());
        BanStoreException e = assertThrows(BanStoreException.class, () -> db.addBan("sshd", t, BT));
        assertTrue(e.getMessage().contains("'" + file + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("full"), e.getMessage());
        assertTrue(e.getMessage().contains("kept in memory"), e.getMessage());
        assertEquals(1, db.pendingWrites());
        assertEquals(1, bans.size());
        // later writes queue up behind it, in order
        assertThrows(BanStoreException.class, () -> db.addBan("sshd", bigTicket(2), BT));
        assertThrows(BanStoreException.class, () -> db.delBan("sshd", List.of(IpAddress.parse("192.0.2.1"))));
        assertEquals(3, db.pendingWrites());
        assertEquals(0, db.getBans(BanQuery.all()).size());
        // space again: the next write stores everything first
        db.pragma("max_page_count = 1073741823");
        db.addBan("sshd", bigTicket(3), BT);
        assertEquals(0, db.pendingWrites());
        List<String> ids = new ArrayList<>();
        db.getBans(BanQuery.all()).forEach(b -> ids.add(b.id().toString()));
        assertEquals(List.of("192.0.2.2", "192.0.2.3"), ids);
    }

    @Test
    void readOnlyDatabase() throws Exception {
        db.pragma("query_only = ON");
        BanStoreException e = assertThrows(BanStoreException.class,
                () -> db.addBan("sshd", bigTicket(1), BT));
        assertTrue(e.getMessage().contains("'" + file + "'") && e.getMessage().contains("readonly"),
                e.getMessage());
        assertEquals(1, db.pendingWrites());
        // reading still works
        assertEquals(0, db.getBans(BanQuery.all()).size());
        assertTrue(!db.retryPendingWrites());
        db.pragma("query_only = OFF");
        assertTrue(db.retryPendingWrites());
        assertEquals(1, db.getBans(BanQuery.all()).size());
    }

    @Test
    void closeWritesPendingChanges() throws Exception {
        db.pragma("query_only = ON");
        assertThrows(BanStoreException.class, () -> db.addBan("sshd", bigTicket(1), BT));
        db.pragma("query_only = OFF");
        db.close();
        try (SqliteBanStore again = SqliteBanStore.open(file.toString(), clock)) {
            assertEquals(1, again.getBans(BanQuery.all()).size());
        }
    }

    @Test
    void otherErrorsAreNotKept() {
        // no such jail: the foreign key fails; retrying would not help
        BanStoreException e = assertThrows(BanStoreException.class,
                () -> db.addBan("nosuchjail", bigTicket(1), BT));
        assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
        assertEquals(0, db.pendingWrites());
    }

    private long pageCount() {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var s = c.createStatement();
                var rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException ex) {
            throw new AssertionError(ex);
        }
    }
}
