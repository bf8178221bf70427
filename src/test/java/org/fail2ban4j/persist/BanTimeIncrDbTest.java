package org.fail2ban4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.BanTimeCalculator;
import org.fail2ban4j.ban.BanTimePolicy;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port of upstream observertestcase.py BanTimeIncrDB.testBanTimeIncr: the increment with the real database. */
class BanTimeIncrDbTest {

    static final String JAIL = "DummyJail";
    static final String IP = "192.0.2.1";

    @TempDir
    Path dir;

    private MovableClock clock;
    private SqliteBanStore db;
    private final BanTimeCalculator calc = new BanTimeCalculator(() -> {
        throw new AssertionError("no random part expected");
    });

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        db = SqliteBanStore.open(dir.resolve("f2b.db").toString(), clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** upstream's incrBanTime helper: clears the ticket's ban time and asks the calculator with the history. */
    private BanTime incrBanTime(BanTimePolicy p, FailTicket t, long banTime) {
        t.clearBanTime();
        Optional<BanRecord> last = db.lastBan(t.id(), JAIL, p.overallJails());
        return calc.incrBanTime(p, BanTime.ofSeconds(banTime), t, last);
    }

    private static String str(FailTicket t) {
        return t.toString().replace(".0 bantime", " bantime");
    }

    @Test
    void banTimeIncrement() {
        db.addJail(JAIL);
        BanTime jailBanTime = BanTime.ofSeconds(10);
        BanTimePolicy p = BanTimePolicy.of(Map.of("increment", "true",
                "multipliers", "1 2 4 8 16 32 64 128 256 512 1024 2048"));
        Instant stime = clock.instant();
        long st = stime.getEpochSecond();
        FailTicket ticket = new FailTicket(IpAddress.parse(IP), stime, List.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(BanTime.ofSeconds(10), incrBanTime(p, ticket, 10));
        }
        ticket.incrBanCount();
        db.addBan(JAIL, ticket, jailBanTime);
        assertEquals(List.of(new BanRecord(1, stime, BanTime.ofSeconds(10))),
                db.getBan(ticket.id(), BanQuery.all().jail(JAIL)));
        ticket.setTime(stime.plusSeconds(15));
        assertEquals(BanTime.ofSeconds(20), incrBanTime(p, ticket, 10));
        db.addBan(JAIL, ticket, jailBanTime);
        assertEquals(List.of(new BanRecord(2, stime.plusSeconds(15), BanTime.ofSeconds(20))),
                db.getBan(ticket.id(), BanQuery.all().jail(JAIL)));
        assertEquals(List.of(new BanRecord(2, stime.plusSeconds(15), BanTime.ofSeconds(20))),
                db.getBan(ticket.id(), BanQuery.all().overallJails(true)));
        assertEquals(List.of(new BanRecord(2, stime.plusSeconds(15), BanTime.ofSeconds(20))),
                db.getBan(ticket.id(), BanQuery.all().banTime(BanTime.ofSeconds(st)).fromTime(stime)));
        // current bans a day later (negative forbantime, upstream's way): none
        assertEquals(List.of(), db.getCurrentBans(CurrentBansQuery.all().forBanTime(BanTime.ofSeconds(-86400))
                .fromTime(stime).correctBanTime(false)));
        List<FailTicket> restored = db.getCurrentBans(CurrentBansQuery.all().ip(ticket.id()).correctBanTime(false));
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=20 bancount=2 #attempts=0 matches=[]", IP,
                st + 15), str(restored.get(0)));
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false));
        assertEquals(1, restored.size());
        restored = db.getCurrentBans(CurrentBansQuery.all().jail(JAIL, jailBanTime, jailBanTime).fromTime(stime)
                .correctBanTime(false));
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=20 bancount=2 #attempts=0 matches=[]", IP,
                st + 15), str(restored.get(0)));
        // increase many times
        long lastBanTime = 20;
        for (int i = 0; i < 10; i++) {
            ticket.setTime(stime.plusSeconds(lastBanTime + 5));
            BanTime bt = incrBanTime(p, ticket, 10);
            assertEquals(BanTime.ofSeconds(lastBanTime * 2), bt);
            db.addBan(JAIL, ticket, jailBanTime);
            lastBanTime = (long) bt.seconds();
        }
        // the last multiplier is reached: no more increase
        ticket.setTime(stime.plusSeconds(lastBanTime + 5));
        BanTime bt = incrBanTime(p, ticket, 10);
        assertNotEquals(BanTime.ofSeconds(lastBanTime * 2), bt);
        assertEquals(BanTime.ofSeconds(lastBanTime), bt);
        db.addBan(JAIL, ticket, jailBanTime);
        // two tickets from yesterday: one over, one still banned
        FailTicket t2 = new FailTicket(IpAddress.parse(IP + "2"), stime.minus(Duration.ofDays(1)), List.of());
        t2.setBanTime(BanTime.ofSeconds(12 * 3600));
        t2.incrBanCount();
        db.addBan(JAIL, t2, jailBanTime);
        t2 = new FailTicket(IpAddress.parse(IP + "1"), stime.minus(Duration.ofDays(1)), List.of());
        t2.setBanTime(BanTime.ofSeconds(36 * 3600));
        t2.incrBanCount();
        db.addBan(JAIL, t2, jailBanTime);
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false));
        assertEquals(2, restored.size());
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=%d bancount=13 #attempts=0 matches=[]", IP,
                st + lastBanTime + 5, lastBanTime), str(restored.get(0)));
        assertEquals(String.format("FailTicket: ip=%s1 time=%d bantime=%d bancount=1 #attempts=0 matches=[]", IP,
                st - 86400, 36 * 3600), str(restored.get(1)));
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime.minus(Duration.ofHours(18)))
                .correctBanTime(false));
        assertEquals(3, restored.size());
        assertEquals(String.format("FailTicket: ip=%s2 time=%d bantime=%d bancount=1 #attempts=0 matches=[]", IP,
                st - 86400, 12 * 3600), str(restored.get(2)));
        assertFalse(restored.get(1).isTimedOut(stime, jailBanTime));
        assertTrue(restored.get(2).isTimedOut(stime, jailBanTime));
        assertFalse(restored.get(2).isTimedOut(stime.minus(Duration.ofHours(18)), jailBanTime));

        // permanent
        FailTicket t3 = new FailTicket(IpAddress.parse(IP + "3"), stime.minus(Duration.ofHours(36)), List.of());
        assertTrue(t3.isTimedOut(stime, BanTime.ofSeconds(600)));
        assertFalse(t3.isTimedOut(stime, BanTime.PERMANENT));
        t3.setBanTime(BanTime.PERMANENT);
        assertFalse(t3.isTimedOut(stime, BanTime.ofSeconds(600)));
        t3.setBanTime(BanTime.ofSeconds(600));
        assertTrue(t3.isTimedOut(stime, BanTime.PERMANENT));
        t3.setBanTime(BanTime.PERMANENT);
        t3.incrBanCount();
        db.addBan(JAIL, t3, jailBanTime);
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false));
        assertEquals(3, restored.size());
        assertEquals(String.format("FailTicket: ip=%s3 time=%d bantime=-1 bancount=1 #attempts=0 matches=[]", IP,
                st - 36 * 3600), str(restored.get(2)));
        // purge: nothing changes
        db.purge();
        assertEquals(3, db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false)).size());
        // a short ban of the permanent one, then purge: the old ticket goes
        t3.setBanTime(BanTime.ofSeconds(600));
        t3.incrBanCount();
        db.addBan(JAIL, t3, jailBanTime);
        db.purge();
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false));
        assertEquals(2, restored.size());
        assertEquals(IpAddress.parse(IP), restored.get(0).id());
        // purge age -48h: the first ip goes
        db.setPurgeAge(Duration.ofHours(-48));
        db.purge();
        restored = db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false));
        assertEquals(1, restored.size());
        assertEquals(IpAddress.parse(IP + "1"), restored.get(0).id());
        // purge age -240h: everything
        db.setPurgeAge(Duration.ofHours(-240));
        db.purge();
        assertEquals(List.of(), db.getCurrentBans(CurrentBansQuery.all().fromTime(stime).correctBanTime(false)));
    }

    @Test
    void twoJailsAndRestore() {
        Instant stime = clock.instant();
        long st = stime.getEpochSecond();
        String jail1 = "DummyJail";
        String jail2 = "DummyJail-2";
        BanTime bt600 = BanTime.ofSeconds(600);
        BanTimePolicy inc = BanTimePolicy.of(Map.of("increment", "true"));
        db.addJail(jail1);
        db.addJail(jail2);
        FailTicket t1 = new FailTicket(IpAddress.parse(IP), stime, List.of());
        t1.setBanTime(BanTime.ofSeconds(6000));
        t1.incrBanCount();
        db.addBan(jail1, t1, bt600);
        FailTicket t2 = new FailTicket(IpAddress.parse(IP), stime.minusSeconds(6000), List.of());
        t2.setBanTime(BanTime.ofSeconds(12000));
        t2.setBanCount(1);
        t2.incrBanCount();
        db.addBan(jail2, t2, bt600);
        List<FailTicket> r = db.getCurrentBans(CurrentBansQuery.all().jail(jail1, bt600, inc.maxBanTime(bt600))
                .fromTime(stime).correctBanTime(false));
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=6000 bancount=1 #attempts=0 matches=[]", IP,
                st), str(r.get(0)));
        r = db.getCurrentBans(CurrentBansQuery.all().jail(jail2, bt600, bt600).fromTime(stime).correctBanTime(false));
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=12000 bancount=2 #attempts=0 matches=[]", IP,
                st - 6000), str(r.get(0)));
        assertEquals(Optional.of(new BanRecord(1, stime, BanTime.ofSeconds(6000))),
                db.lastBan(IpAddress.parse(IP), jail1, false));
        assertEquals(Optional.of(new BanRecord(2, stime.minusSeconds(6000), BanTime.ofSeconds(12000))),
                db.lastBan(IpAddress.parse(IP), jail2, false));
        assertEquals(Optional.of(new BanRecord(3, stime, BanTime.ofSeconds(18000))),
                db.lastBan(IpAddress.parse(IP), jail1, true));
        // restore (jail1 with increment, jail2 without)
        List<FailTicket> restored = db.ticketsToRestore(jail1, bt600, inc, 5, stime, false);
        assertEquals(1, restored.size());
        assertTrue(restored.get(0).restored());
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=6000 bancount=1 #attempts=0 matches=[]", IP,
                st), str(restored.get(0)));
        assertEquals(List.of(), db.ticketsToRestore(jail2, bt600, BanTimePolicy.DEFAULT, 5, stime, false));
        // again, normally: the ban time is capped at maxtime 10m
        restored = db.ticketsToRestore(jail1, bt600, inc.with("maxtime", "10m"), 5, stime, true);
        assertEquals(String.format("FailTicket: ip=%s time=%d bantime=600 bancount=1 #attempts=0 matches=[]", IP,
                st), str(restored.get(0)));
        assertEquals(List.of(), db.ticketsToRestore(jail2, bt600, BanTimePolicy.DEFAULT, 5, stime, true));
        // a ban that ends now is not restored (no time left)
        assertEquals(List.of(), db.ticketsToRestore(jail1, bt600, inc.with("maxtime", "10m"), 5,
                stime.plusSeconds(600), true));
    }
}
