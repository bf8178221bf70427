package org.fail2ban4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port of upstream databasetestcase.py (DatabaseTest), on a database file in a temporary directory. */
class SqliteBanStoreTest {

    static final String JAIL = "DummyJail #1 with 0 tickets";
    static final BanTime JAIL_BANTIME = BanTime.ofSeconds(600);

    @TempDir
    Path dir;

    private MovableClock clock;
    private SqliteBanStore db;
    private Path file;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        file = dir.resolve("fail2ban.sqlite3");
        db = SqliteBanStore.open(file.toString(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Instant now() {
        return clock.instant();
    }

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    private void addJail() {
        db.addJail(JAIL);
        assertTrue(db.getJailNames(true).contains(JAIL));
    }

    @Test
    void filename() {
        assertEquals(file.toString(), db.filename());
    }

    @Test
    void purgeAgeDefault() {
        assertEquals(Duration.ofDays(1), db.purgeAge());
    }

    @Test
    void createInvalidPathNamesTheFile() {
        BanStoreException e = assertThrows(BanStoreException.class,
                () -> SqliteBanStore.open("/this/path/should/not/exist", clock));
        assertTrue(e.getMessage().contains("'/this/path/should/not/exist'"), e.getMessage());
    }

    @Test
    void createAndReconnect() {
        addJail();
        db.close();
        db = SqliteBanStore.open(file.toString(), clock);
        assertTrue(db.getJailNames().contains(JAIL), "jail not retained in the database after reconnect");
    }

    @Test
    void memoryDatabase() {
        try (SqliteBanStore mem = SqliteBanStore.open(":memory:", clock)) {
            mem.addJail("j");
            mem.addBan("j", new FailTicket(ip("192.0.2.1"), now()), JAIL_BANTIME);
            assertEquals(1, mem.getBans(BanQuery.all()).size());
            assertEquals(":memory:", mem.filename());
        }
    }

    @Test
    void delAndAddJail() {
        addJail();
        db.delJail(JAIL);
        assertEquals(Set.of(JAIL), db.getJailNames());
        assertEquals(Set.of(JAIL), db.getJailNames(false));
        assertEquals(Set.of(), db.getJailNames(true));
        db.addJail(JAIL);
        assertEquals(Set.of(JAIL), db.getJailNames(true));
        assertEquals(Set.of(), db.getJailNames(false));
        db.addJail("other");
        db.delAllJails();
        assertEquals(Set.of(JAIL, "other"), db.getJailNames(false));
    }

    @Test
    void updateLog() {
        addJail();
        String path = "/var/log/test.log";
        assertEquals(OptionalLong.empty(), db.addLog(JAIL, path, 0, "d41d8cd98f00b204e9800998ecf8427e"));
        assertTrue(db.getLogPaths(JAIL).contains(path));
        String hash = "0b4a8f5f7a0ba2f5ba4e9c1e7c1e1d2a";
        db.updateLog(JAIL, path, 45, hash);
        assertEquals(OptionalLong.of(45), db.addLog(JAIL, path, 0, hash));
        // first line changed (rotated): no position
        assertEquals(OptionalLong.empty(), db.addLog(JAIL, path, 0, "ffffffffffffffffffffffffffffffff"));
        assertEquals(Set.of(path), db.getLogPaths());
        // a log not yet in the database is inserted by updateLog
        db.updateLog(JAIL, "/var/log/other.log", 7, hash);
        assertEquals(OptionalLong.of(7), db.addLog(JAIL, "/var/log/other.log", 0, hash));
    }

    @Test
    void updateJournal() {
        addJail();
        assertEquals(OptionalDouble.empty(), db.getJournalPos(JAIL, "systemd-journal"));
        for (double t : new double[] {1500000000, 1500000001, 1500000002.25}) {
            db.updateJournal(JAIL, "systemd-journal", t, "TEST" + t);
            assertEquals(OptionalDouble.of(t), db.getJournalPos(JAIL, "systemd-journal"));
        }
    }

    @Test
    void addBan() {
        addJail();
        db.addBan(JAIL, new FailTicket(ip("127.0.0.1"), Instant.EPOCH, List.of("abc\n")), JAIL_BANTIME);
        List<FailTicket> tickets = db.getBans(BanQuery.all().jail(JAIL));
        assertEquals(1, tickets.size());
        assertEquals(List.of("abc\n"), tickets.get(0).matches());
    }

    @Test
    void addBanUnicodeAndControlCharacters() {
        addJail();
        List<String> matches = List.of("user \"test\"", "user \"\u0421\u0432\u0435\u0442\u0430\"",
                "user \"\u00e4\u00f6\u00fc\u00df\"", "unterminated \u00cf", "bad \ud800 surrogate");
        for (int i = 1; i <= 3; i++) {
            db.addBan(JAIL, new FailTicket(ip("127.0.0." + i), Instant.EPOCH, matches), JAIL_BANTIME);
        }
        List<FailTicket> read = db.getBans(BanQuery.all().jail(JAIL));
        assertEquals(3, read.size());
        for (FailTicket t : read) {
            assertEquals(5, t.matches().size());
            assertEquals(matches.subList(0, 4), t.matches().subList(0, 4));
            assertEquals("bad ? surrogate", t.matches().get(4));
        }
        db.addBan(JAIL, new FailTicket(ip("127.0.0.8"), Instant.EPOCH), JAIL_BANTIME);
        assertEquals(4, db.getBans(BanQuery.all().jail(JAIL)).size());
    }

    private List<FailTicket> add3Bans() {
        addJail();
        for (int i = 1; i <= 3; i++) {
            db.addBan(JAIL, new FailTicket(ip("192.0.2." + i), Instant.EPOCH, List.of("test\n")), JAIL_BANTIME);
        }
        List<FailTicket> tickets = db.getBans(BanQuery.all().jail(JAIL));
        assertEquals(3, tickets.size());
        return tickets;
    }

    @Test
    void delBan() {
        List<FailTicket> tickets = add3Bans();
        db.delBan(JAIL, List.of(tickets.get(0).id()));
        assertEquals(2, db.getBans(BanQuery.all().jail(JAIL)).size());
        db.delBan(JAIL, List.of(tickets.get(1).id(), tickets.get(2).id()));
        assertEquals(0, db.getBans(BanQuery.all().jail(JAIL)).size());
    }

    @Test
    void flushBans() {
        add3Bans();
        db.delBan(JAIL, List.of());
        assertEquals(0, db.getBans(BanQuery.all().jail(JAIL)).size());
    }

    @Test
    void getBansWithTime() {
        addJail();
        db.addBan(JAIL, new FailTicket(ip("127.0.0.1"), now().minusSeconds(60), List.of("abc\n")), JAIL_BANTIME);
        db.addBan(JAIL, new FailTicket(ip("127.0.0.1"), now().minusSeconds(40), List.of("abc\n")), JAIL_BANTIME);
        assertEquals(1, db.getBans(BanQuery.all().jail(JAIL).banTime(BanTime.ofSeconds(50))).size());
        assertEquals(0, db.getBans(BanQuery.all().jail(JAIL).banTime(BanTime.ofSeconds(20))).size());
        assertEquals(2, db.getBans(BanQuery.all().jail(JAIL).banTime(BanTime.PERMANENT)).size());
    }

    @Test
    void getBansMergedMaxMatches() {
        addJail();
        List<String> matches = List.of("abc\n", "123\n", "ABC\n", "1234\n");
        int i = 80;
        for (String m : matches) {
            i -= 10;
            FailTicket t = new FailTicket(ip("127.0.0.1"), now().minusSeconds(i), List.of(),
                    Map.of("matches", List.of(m), "user", Set.of("test")));
            t.setAttempt(1);
            db.addBan(JAIL, t, JAIL_BANTIME);
        }
        db.setMaxMatches(2);
        FailTicket t = db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1"))).get(0);
        assertEquals(ip("127.0.0.1"), t.id());
        assertEquals(4, t.attempt());
        assertEquals(matches.subList(2, 4), t.matches());
        FailTicket more = new FailTicket(ip("127.0.0.1"), now().minusSeconds(10), matches,
                Map.of("user", Set.of("test", "root")));
        more.setAttempt(4);
        db.addBan(JAIL, more, JAIL_BANTIME);
        t = db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1"))).get(0);
        assertEquals(8, t.attempt());
        assertEquals(matches.subList(2, 4), t.matches());
        // also with getCurrentBans
        CurrentBansQuery q = CurrentBansQuery.all().jail(JAIL, JAIL_BANTIME, JAIL_BANTIME).ip(ip("127.0.0.1"))
                .fromTime(now().minusSeconds(100));
        t = db.getCurrentBans(q).get(0);
        assertEquals(4, t.attempt());
        assertEquals(matches.subList(2, 4), t.matches());
        t = db.getCurrentBans(q.maxMatches(1)).get(0);
        assertEquals(matches.subList(3, 4), t.matches());
        t = db.getCurrentBans(q.maxMatches(0)).get(0);
        assertEquals(List.of(), t.matches());
        // dbmaxmatches 0: no matches stored with the last ban
        t.setMatches(List.of("1", "2", "3"));
        db.setMaxMatches(0);
        db.addBan(JAIL, t, JAIL_BANTIME);
        t = db.getCurrentBans(q).get(0);
        assertEquals(4, t.attempt());
        assertEquals(List.of(), t.matches());
    }

    @Test
    void getBansMergedAndCurrentBans() {
        addJail();
        String jail2 = "DummyJail-2";
        db.addJail(jail2);
        FailTicket t = new FailTicket(ip("127.0.0.1"), now().minusSeconds(40), List.of("abc\n"));
        t.setAttempt(10);
        db.addBan(JAIL, t, JAIL_BANTIME);
        t = new FailTicket(ip("127.0.0.1"), now().minusSeconds(30), List.of("123\n"));
        t.setAttempt(20);
        db.addBan(JAIL, t, JAIL_BANTIME);
        t = new FailTicket(ip("127.0.0.2"), now().minusSeconds(20), List.of("ABC\n"));
        t.setAttempt(30);
        db.addBan(JAIL, t, JAIL_BANTIME);
        t = new FailTicket(ip("127.0.0.1"), now().minusSeconds(10), List.of("ABC\n"));
        t.setAttempt(40);
        db.addBan(jail2, t, JAIL_BANTIME);

        FailTicket m = db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1"))).get(0);
        assertEquals(ip("127.0.0.1"), m.id());
        assertEquals(70, m.attempt());
        assertEquals(List.of("abc\n", "123\n", "ABC\n"), m.matches());
        assertEquals(now().minusSeconds(40), m.time());

        m = db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1")).jail(JAIL)).get(0);
        assertEquals(30, m.attempt());
        assertEquals(List.of("abc\n", "123\n"), m.matches());
        // cached, and the cache is dropped when a ban of that ip is added
        assertEquals(30, db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1")).jail(JAIL)).get(0).attempt());
        FailTicket extra = new FailTicket(ip("127.0.0.1"), now().minusSeconds(10), List.of("ABC\n"));
        db.addBan(JAIL, extra, JAIL_BANTIME);
        // (its failures are 0, as upstream counts them: only the matches grow)
        assertEquals(List.of("abc\n", "123\n", "ABC\n"),
                db.getBansMerged(BanQuery.all().ip(ip("127.0.0.1")).jail(JAIL)).get(0).matches());

        List<FailTicket> all = db.getBansMerged(BanQuery.all());
        assertEquals(List.of(ip("127.0.0.1"), ip("127.0.0.2")),
                all.stream().map(FailTicket::id).collect(Collectors.toList()));
        assertEquals(1, db.getBansMerged(BanQuery.all().jail(jail2)).size());
        assertEquals(2, db.getBansMerged(BanQuery.all().banTime(BanTime.ofSeconds(25))).size());
        assertEquals(1, db.getBansMerged(BanQuery.all().banTime(BanTime.ofSeconds(15))).size());
        assertEquals(0, db.getBansMerged(BanQuery.all().banTime(BanTime.ofSeconds(5))).size());
        assertEquals(2, db.getBansMerged(BanQuery.all().banTime(BanTime.PERMANENT)).size());

        CurrentBansQuery jq = CurrentBansQuery.all().jail(JAIL, JAIL_BANTIME, JAIL_BANTIME);
        assertEquals(2, db.getCurrentBans(jq).size());
        assertEquals(ip("127.0.0.1"), db.getCurrentBans(CurrentBansQuery.all().ip(ip("127.0.0.1"))).get(0).id());
        assertEquals(1, db.getCurrentBans(jq.forBanTime(BanTime.ofSeconds(15)).fromTime(now())).size());
        Instant inAYear = now().plusSeconds(31557600);
        assertEquals(0, db.getCurrentBans(jq.forBanTime(BanTime.ofSeconds(15)).fromTime(inAYear)).size());
        assertEquals(0, db.getCurrentBans(jq.forBanTime(BanTime.PERMANENT).fromTime(inAYear)).size());
        // a permanent ban, but the jail's maximum is 600: not current in a year
        t.setBanTime(BanTime.PERMANENT);
        db.addBan(JAIL, t, JAIL_BANTIME);
        assertEquals(0, db.getCurrentBans(jq.forBanTime(BanTime.PERMANENT).fromTime(inAYear)).size());
        // jail with permanent bans: found, permanent
        CurrentBansQuery pq = CurrentBansQuery.all().jail(JAIL, BanTime.PERMANENT, BanTime.PERMANENT)
                .forBanTime(BanTime.PERMANENT).fromTime(inAYear);
        List<FailTicket> cur = db.getCurrentBans(pq);
        assertEquals(1, cur.size());
        assertEquals(BanTime.PERMANENT, cur.get(0).banTime().orElseThrow());
    }

    @Test
    void purge() {
        addJail();
        db.purge();
        assertEquals(1, db.getJailNames().size());
        db.delJail(JAIL);
        db.purge();
        assertEquals(0, db.getJailNames().size());

        addJail();
        db.addBan(JAIL, new FailTicket(ip("127.0.0.1"), Instant.EPOCH, List.of("abc\n")), JAIL_BANTIME);
        db.delJail(JAIL);
        db.purge(); // old ban removed, jail (no more bans... bips keep it until out-dated) removed
        assertEquals(0, db.getBans(BanQuery.all()).size());
        assertEquals(0, db.getJailNames().size());

        addJail();
        db.addBan(JAIL, new FailTicket(ip("127.0.0.1"), now(), List.of("abc\n")), JAIL_BANTIME);
        db.delJail(JAIL);
        db.purge(); // ban is still current, jail kept
        assertEquals(1, db.getJailNames().size());
        assertEquals(1, db.getBans(BanQuery.all().jail(JAIL)).size());
    }

    @Test
    void storedColumnsAreUpstreams() {
        addJail();
        FailTicket t = new FailTicket(ip("192.0.2.1"), EpochSeconds.toInstant(1124013600.5), List.of("a"));
        t.setBanTime(BanTime.ofSeconds(1630.4727));
        t.incrBanCount();
        db.addBan(JAIL, t, JAIL_BANTIME);
        FailTicket u = new FailTicket(ip("192.0.2.2"), EpochSeconds.toInstant(1124013601.5), List.of("b"));
        db.addBan(JAIL, u, JAIL_BANTIME);
        List<FailTicket> cur = db.getCurrentBans(CurrentBansQuery.all().correctBanTime(false)
                .fromTime(Instant.ofEpochSecond(1124013600)));
        assertEquals(2, cur.size());
        // round half to even, as Python's round()
        assertEquals(Instant.ofEpochSecond(1124013600), cur.get(0).time());
        assertEquals("1630.4727", cur.get(0).banTime().orElseThrow().toString());
        assertEquals(1, cur.get(0).banCount());
        assertEquals(Instant.ofEpochSecond(1124013602), cur.get(1).time());
        assertEquals("600", cur.get(1).banTime().orElseThrow().toString());
    }

    @Test
    void closedStoreSaysSo() {
        db.close();
        BanStoreException e = assertThrows(BanStoreException.class, () -> db.getJailNames());
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains(file.toString()), e.getMessage());
        db.close();
        assertFalse(e.getMessage().isEmpty());
    }
}
