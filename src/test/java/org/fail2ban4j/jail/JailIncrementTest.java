package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanQuery;
import org.fail2ban4j.persist.SqliteBanStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bantime.increment} over several bans with a real database (upstream observer's failureFound/banFound). */
class JailIncrementTest {

    private static final String IP = "192.0.2.1";

    @TempDir
    Path dir;

    private JailFixture fx;
    private SqliteBanStore db;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        db = SqliteBanStore.open(dir.resolve("fail2ban.sqlite3").toString(), fx.clock);
        jail = fx.jail("test", Optional.of(db));
        jail.setMaxRetry(3);
        jail.setFindTime("10m");
        jail.setBanTime("10m");
        jail.setBanTimeExtra("increment", "true");
        JailFixture.dummyAction(jail, "a");
        jail.startWithoutThreads();
        fx.takeScripts();
    }

    @AfterEach
    void tearDown() {
        jail.stop();
        db.close();
    }

    private List<String> observer() {
        return fx.observerLog.lines();
    }

    @Test
    void eachRepeatedBanLastsLongerAndCountsFailuresMore() {
        fx.fail(IP, 3);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 600 1 0"), fx.takeScripts());
        assertEquals(List.of(new BanRecord(1, fx.clock.instant(), BanTime.ofSeconds(600))),
                db.getBan(IpAddress.parse(IP), BanQuery.all().jail("test")));

        fx.clock.advanceSeconds(601);
        JailFixture.drive(jail);
        assertEquals(List.of("a unban 192.0.2.1"), fx.takeScripts());

        // one ban before: a failure counts 2 (upstream: 2^1/2 + 1), so two failures ban
        fx.clock.advanceSeconds(100);
        fx.fail(IP, 1);
        JailFixture.drive(jail);
        assertEquals(List.of(), fx.takeScripts());
        fx.fail(IP, 1);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 1200 2 0"), fx.takeScripts());
        assertTrue(observer().contains("INFO [test] Found 192.0.2.1, bad - 2005-08-14 12:11:41, 1 # -> 2.0"),
                observer().toString());
        assertTrue(observer().contains(
                "INFO [test] IP 192.0.2.1 is bad: 1 # last 2005-08-14 12:00:00 - incr 10m to 20m"),
                observer().toString());
        assertTrue(observer().contains("NOTICE [test] Increase Ban 192.0.2.1 (2 # 20m -> 2005-08-14 12:31:41)"),
                observer().toString());
        assertEquals(List.of("192.0.2.1 \t2005-08-14 12:11:41 + 1200 = 2005-08-14 12:31:41"), jail.banList(true));

        fx.clock.advanceSeconds(1201);
        JailFixture.drive(jail);
        assertEquals(List.of("a unban 192.0.2.1"), fx.takeScripts());

        // two bans before: one failure counts 3 = maxretry
        fx.clock.advanceSeconds(60);
        fx.fail(IP, 1);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 2400 3 0"), fx.takeScripts());
        assertTrue(observer().stream().anyMatch(l -> l.startsWith("INFO [test] Found 192.0.2.1, bad - ")
                && l.endsWith(", 2 # -> 3.0, Ban")), observer().toString());
        List<String> bans = fx.notices().stream().filter(l -> l.contains("] Ban ")).collect(Collectors.toList());
        assertEquals(3, bans.size());
        assertEquals(List.of(new BanRecord(3, fx.clock.instant(), BanTime.ofSeconds(2400))),
                db.getBan(IpAddress.parse(IP), BanQuery.all().jail("test")));
    }

    @Test
    void maxtimeCapsTheIncrease() {
        jail.setBanTimeExtra("maxtime", "15m");
        jail.setBanTimeExtra("factor", "2");
        assertEquals(Optional.of(900L), jail.banTimeExtra("maxtime"));
        for (int i = 0; i < 3; i++) {
            jail.banIps(List.of(IP));
            fx.clock.advanceSeconds(2000);
            JailFixture.drive(jail);
        }
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "a unban 192.0.2.1", "a ban 192.0.2.1 900 2 0",
                "a unban 192.0.2.1", "a ban 192.0.2.1 900 3 0", "a unban 192.0.2.1"), fx.takeScripts());
    }

    @Test
    void withoutIncrementEveryBanHasTheJailBanTime() {
        jail.setBanTimeExtra("increment", "");
        for (int i = 0; i < 3; i++) {
            fx.fail(IP, 3);
            JailFixture.drive(jail);
            fx.clock.advanceSeconds(700);
            JailFixture.drive(jail);
        }
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "a unban 192.0.2.1", "a ban 192.0.2.1 600 1 0",
                "a unban 192.0.2.1", "a ban 192.0.2.1 600 1 0", "a unban 192.0.2.1"), fx.takeScripts());
    }
}
