package org.fail2ban4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema, upgrade from upstream's version 1 and 2 test databases (copied to a temporary directory first), and
 * repair; port of upstream databasetestcase.py testUpdateDb, testUpdateDb2 and testRepairDb.
 */
class SqliteUpgradeTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();

    static Path upstreamFile(String name) {
        Path p = Path.of(System.getProperty("fail2ban4j.upstream", "../shared/upstream/fail2ban-1.1.1"),
                "tests-files", name);
        assertTrue(Files.isRegularFile(p), "upstream test database not found: " + p);
        return p;
    }

    private Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        Files.copy(upstreamFile(name), target);
        return target;
    }

    /** The schema as (type, name, table, sql) rows, sorted. */
    static Set<String> schema(Path file) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    /** sqlite_master of a database created by fail2ban 1.1.1 ({@code Fail2BanDb(file)}). */
    static final Set<String> PYTHON_V4_SCHEMA = new TreeSet<>(List.of(
        "table|fail2banDb|fail2banDb|CREATE TABLE fail2banDb(version INTEGER)",
        "table|jails|jails|CREATE TABLE jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1)",
        "index|sqlite_autoindex_jails_1|jails|null",
        "index|jails_name|jails|CREATE INDEX jails_name ON jails(name)",
        "table|logs|logs|CREATE TABLE logs(jail TEXT NOT NULL, path TEXT, firstlinemd5 TEXT, lastfilepos INTEGER "
            + "DEFAULT 0, FOREIGN KEY(jail) REFERENCES jails(name) ON DELETE CASCADE, UNIQUE(jail, path),"
            + "UNIQUE(jail, path, firstlinemd5))",
        "index|sqlite_autoindex_logs_1|logs|null",
        "index|sqlite_autoindex_logs_2|logs|null",
        "index|logs_path|logs|CREATE INDEX logs_path ON logs(path)",
        "index|logs_jail_path|logs|CREATE INDEX logs_jail_path ON logs(jail, path)",
        "table|bans|bans|CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, bantime INTEGER "
            + "NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, FOREIGN KEY(jail) REFERENCES jails(name) )",
        "index|bans_jail_timeofban_ip|bans|CREATE INDEX bans_jail_timeofban_ip ON bans(jail, timeofban)",
        "index|bans_jail_ip|bans|CREATE INDEX bans_jail_ip ON bans(jail, ip)",
        "index|bans_ip|bans|CREATE INDEX bans_ip ON bans(ip)",
        "table|bips|bips|CREATE TABLE bips(ip TEXT NOT NULL, jail TEXT NOT NULL, timeofban INTEGER NOT NULL, "
            + "bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, PRIMARY KEY(ip, jail), "
            + "FOREIGN KEY(jail) REFERENCES jails(name) )",
        "index|sqlite_autoindex_bips_1|bips|null",
        "index|bips_timeofban|bips|CREATE INDEX bips_timeofban ON bips(timeofban)",
        "index|bips_ip|bips|CREATE INDEX bips_ip ON bips(ip)"));

    @Test
    void newDatabaseHasUpstreamSchema() throws SQLException {
        Path f = dir.resolve("new.sqlite3");
        SqliteBanStore.open(f.toString(), clock).close();
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM fail2banDb")) {
            assertTrue(rs.next());
            assertEquals(4, rs.getInt(1));
            assertFalse(rs.next());
        }
        // reopening changes nothing
        SqliteBanStore.open(f.toString(), clock).close();
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }

    /** upstream testUpdateDb. */
    @Test
    void upgradeVersion1() throws Exception {
        Path f = copy("database_v1.db");
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            assertEquals(Set.of("DummyJail #29162448 with 0 tickets"), db.getJailNames());
            // upstream's getLogPaths() returns only the first row (fetchmany); all three are there
            Set<String> logs = db.getLogPaths();
            assertEquals(3, logs.size());
            assertTrue(logs.containsAll(Set.of("/var/log/cron", "/var/log/kdm.log")), logs.toString());
            assertTrue(logs.stream().anyMatch(l -> l.endsWith("/Fail2BanDb_pUlZJh.log")), logs.toString());
            FailTicket t = db.getBans(BanQuery.all()).get(0);
            assertEquals(IpAddress.parse("127.0.0.1"), t.id());
            assertEquals(1388009242.26, Math.round(EpochSeconds.toDouble(t.time()) * 100) / 100.0);
            assertEquals(List.of("abc\n"), t.matches());
            assertEquals(0, t.attempt());
            List<FailTicket> cur = db.getCurrentBans(CurrentBansQuery.all().fromTime(Instant.ofEpochSecond(1388009242))
                    .correctBanTime(BanTime.ofSeconds(123456)));
            assertEquals(1, cur.size());
            // ban time unknown after the upgrade (-2): the correction value
            assertEquals(BanTime.ofSeconds(123456), cur.get(0).banTime().orElseThrow());
            String backup = db.backupFile().orElseThrow();
            assertEquals(f + ".20050814-100000", backup);
            assertTrue(Files.isRegularFile(Path.of(backup)));
        }
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }

    /** upstream testUpdateDb2. */
    @Test
    void upgradeVersion2() throws Exception {
        Path f = copy("database_v2.db");
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            assertEquals(Set.of("pam-generic"), db.getJailNames());
            assertEquals(Set.of("/var/log/auth.log"), db.getLogPaths());
            List<FailTicket> bans = db.getBans(BanQuery.all());
            assertEquals(2, bans.size());
            FailTicket t = bans.get(0);
            assertEquals(IpAddress.parse("1.2.3.7"), t.id());
            assertEquals(Instant.ofEpochSecond(1417595494), t.time());
            assertEquals(List.of(
                "Dec  3 09:31:08 f2btest test:auth[27658]: pam_unix(test:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=test ruser= rhost=1.2.3.7",
                "Dec  3 09:31:32 f2btest test:auth[27671]: pam_unix(test:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=test ruser= rhost=1.2.3.7",
                "Dec  3 09:31:34 f2btest test:auth[27673]: pam_unix(test:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=test ruser= rhost=1.2.3.7"), t.matches());
            assertEquals(3, t.attempt());
            assertEquals(IpAddress.parse("1.2.3.8"), bans.get(1).id());
            List<FailTicket> cur = db.getCurrentBans(CurrentBansQuery.all()
                    .jail("pam-generic", BanTime.ofSeconds(600), BanTime.ofSeconds(600))
                    .fromTime(Instant.ofEpochSecond(1417595494)));
            assertEquals(2, cur.size());
            assertEquals(BanTime.ofSeconds(600), cur.get(0).banTime().orElseThrow());
            // the position is kept across the upgrade
            assertEquals(java.util.OptionalLong.of(46771),
                    db.addLog("pam-generic", "/var/log/auth.log", 0, "6c187bc8cb287130973fd01e9a2433e7"));
        }
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }

    @Test
    void futureVersionIsRefused() throws Exception {
        Path f = dir.resolve("future.sqlite3");
        SqliteBanStore.open(f.toString(), clock).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE fail2banDb SET version = 5");
        }
        BanStoreException e = assertThrows(BanStoreException.class, () -> SqliteBanStore.open(f.toString(), clock));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("version 5"), e.getMessage());
    }

    @Test
    void notADatabaseIsBackedUpAndRecreated() throws Exception {
        Path f = dir.resolve("garbage.sqlite3");
        Files.writeString(f, "this is not an sqlite database, just some text that is long enough ".repeat(20),
                StandardCharsets.US_ASCII);
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            assertEquals(Set.of(), db.getJailNames());
            db.addJail("sshd");
            String backup = db.backupFile().orElseThrow();
            assertTrue(Files.readString(Path.of(backup)).startsWith("this is not an sqlite database"));
        }
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }

    /** upstream testRepairDb, the phase that cannot be repaired (a database cut to 4000 bytes). */
    @Test
    void truncatedDatabaseIsRepairedOrRecreated() throws Exception {
        Path f = copy("database_v1.db");
        try (var ch = Files.newByteChannel(f, StandardOpenOption.WRITE)) {
            ch.truncate(4000);
        }
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            // whatever could be read is kept; the database works and has the current schema
            db.addJail("sshd");
            assertTrue(db.getJailNames().contains("sshd"));
        }
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }

    /** Breaking the header's magic string makes sqlite report "file is not a database": nothing to salvage. */
    @Test
    void brokenHeaderIsBackedUpAsItWas() throws Exception {
        Path f = dir.resolve("broken.sqlite3");
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            db.addJail("sshd");
        }
        byte[] broken = Files.readAllBytes(f);
        broken[0] = 'X';
        Files.write(f, broken);
        try (SqliteBanStore db = SqliteBanStore.open(f.toString(), clock)) {
            assertTrue(db.backupFile().isPresent());
            assertEquals(Set.of(), db.getJailNames());
        }
        assertEquals(broken.length, Files.size(Path.of(f + ".20050814-100000")));
    }

    /**
     * upstream testRepairDb, the phase that is repaired (upstream mocks a failing open for it with current
     * sqlite versions; so does this test): the content is copied into a new file, which is then upgraded.
     */
    @Test
    void repairSalvagesReadableContent() throws Exception {
        Path f = copy("database_v1.db");
        try (SqliteBanStore db = SqliteBanStore.openAndRepair(f.toString(), clock)) {
            assertEquals(Set.of("DummyJail #29162448 with 0 tickets"), db.getJailNames());
            assertEquals(3, db.getLogPaths().size());
            assertEquals(1, db.getBans(BanQuery.all()).size());
            assertTrue(Files.isRegularFile(Path.of(db.backupFile().orElseThrow())));
        }
        assertEquals(PYTHON_V4_SCHEMA, schema(f));
    }
}
