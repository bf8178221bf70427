package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter-to-action path of a jail driven with {@code runOnce()}: counting, banning, unbanning, logging. */
class JailBanTest {

    private JailFixture fx;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        jail = fx.jail("test", Optional.empty());
        jail.setMaxRetry(3);
        jail.setFindTime("600");
        jail.setBanTime("600");
        JailFixture.dummyAction(jail, "a");
        JailFixture.dummyAction(jail, "b");
    }

    @AfterEach
    void tearDown() {
        jail.stop();
    }

    @Test
    void maxRetryFailuresWithinFindTimeBan() throws Exception {
        jail.startWithoutThreads();
        assertEquals(List.of("a start", "b start"), fx.takeScripts());
        fx.fail("192.0.2.1", 2);
        JailFixture.drive(jail);
        assertEquals(List.of(), fx.takeScripts());
        assertFalse(jail.isBanned(IpAddress.parse("192.0.2.1")));
        fx.fail("192.0.2.1", 1);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "b ban 192.0.2.1 600 1 0"), fx.takeScripts());
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(List.of("NOTICE [test] Ban 192.0.2.1"), fx.notices());
        assertEquals(List.of(
                "INFO [test] Found 192.0.2.1 - 2005-08-14 12:00:00",
                "INFO [test] Found 192.0.2.1 - 2005-08-14 12:00:00",
                "INFO [test] Found 192.0.2.1 - 2005-08-14 12:00:00"),
                fx.filterLog.lines().stream().filter(l -> l.contains("Found")).toList());
    }

    @Test
    void failuresSpreadBeyondFindTimeDoNotBan() throws Exception {
        jail.startWithoutThreads();
        for (int i = 0; i < 5; i++) {
            fx.fail("192.0.2.1", 1);
            JailFixture.drive(jail);
            fx.clock.advanceSeconds(601);
        }
        assertFalse(jail.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(List.of("a start", "b start"), fx.takeScripts());
        assertEquals(5, jail.status("stats").totalFailed());
    }

    @Test
    void unbanWhenBanTimeIsOverInActionOrder() throws Exception {
        jail.startWithoutThreads();
        fx.takeScripts();
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        fx.takeScripts();
        fx.clock.advanceSeconds(600);
        JailFixture.drive(jail);
        assertEquals(List.of(), fx.takeScripts(), "a ban ends only after its ban time");
        fx.clock.advanceSeconds(1);
        JailFixture.drive(jail);
        assertEquals(List.of("a unban 192.0.2.1", "b unban 192.0.2.1"), fx.takeScripts());
        assertEquals(List.of("NOTICE [test] Ban 192.0.2.1", "NOTICE [test] Unban 192.0.2.1"), fx.notices());
        assertEquals(0, jail.bannedCount());
    }

    @Test
    void reOffenceWhileBannedIsLoggedNotBannedAgain() throws Exception {
        jail.startWithoutThreads();
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        fx.takeScripts();
        fx.clock.advanceSeconds(10);
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        assertEquals(List.of(), fx.takeScripts());
        assertEquals(List.of("NOTICE [test] Ban 192.0.2.1", "NOTICE [test] 192.0.2.1 already banned"),
                fx.notices());
        // the ban was prolonged to the later end (upstream's BanManager.addBanTicket)
        assertEquals(List.of("192.0.2.1 \t2005-08-14 12:00:00 + 610 = 2005-08-14 12:10:10"), jail.banList(true));
        fx.clock.advanceSeconds(601);
        JailFixture.drive(jail);
        assertEquals(List.of("a unban 192.0.2.1", "b unban 192.0.2.1"), fx.takeScripts());
    }

    @Test
    void permanentBanIsLiftedOnlyAtStop() throws Exception {
        jail.setBanTime("-1");
        assertEquals(BanTime.PERMANENT, jail.banTime());
        jail.startWithoutThreads();
        fx.takeScripts();
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 -1 1 0", "b ban 192.0.2.1 -1 1 0"), fx.takeScripts());
        fx.clock.advanceSeconds(10L * 365 * 24 * 3600);
        JailFixture.drive(jail);
        assertEquals(List.of(), fx.takeScripts());
        assertEquals(List.of("192.0.2.1 \t2005-08-14 12:00:00 + -1 = 9999-12-31 23:59:59"), jail.banList(true));
        jail.stop();
        assertEquals(List.of("a unban 192.0.2.1", "b unban 192.0.2.1", "b stop", "a stop"), fx.takeScripts());
        assertEquals(List.of("NOTICE [test] Ban 192.0.2.1", "NOTICE [test] Repeal Ban 192.0.2.1"), fx.notices());
    }

    @Test
    void stopFlushesWithActionflushInsteadOfSingleUnbans() throws Exception {
        CommandAction a = (CommandAction) jail.action("a");
        a.setProperty("actionflush", "a flush");
        jail.startWithoutThreads();
        fx.takeScripts();
        fx.fail("192.0.2.1", 3);
        fx.fail("192.0.2.2", 3);
        JailFixture.drive(jail);
        fx.takeScripts();
        jail.stop();
        assertEquals(List.of("a flush", "b unban 192.0.2.1", "b unban 192.0.2.2", "b stop", "a stop"),
                fx.takeScripts());
        assertTrue(fx.notices().contains("NOTICE [test] Flush ticket(s) with a"));
    }

    @Test
    void actionErrorDoesNotStopTheOtherActions() throws Exception {
        fx.runner.alwaysFailWhen(s -> s.startsWith("a ban"), 1);
        jail.startWithoutThreads();
        fx.takeScripts();
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        // a failing command is tried twice (upstream CommandAction._processCmd), then the next action runs
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "a ban 192.0.2.1 600 1 0", "b ban 192.0.2.1 600 1 0"),
                fx.takeScripts());
        assertTrue(fx.actionsLog.lines().stream().anyMatch(l -> l.startsWith(
                "ERROR Failed to execute ban jail 'test' action 'a' info 'ActionInfo({")
                && l.endsWith("Error banning 192.0.2.1")), fx.actionsLog.lines().toString());
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.1")));
    }

    @Test
    void banipBansAtOnceAndCountsOnlyNewBans() throws Exception {
        jail.startWithoutThreads();
        fx.takeScripts();
        assertEquals(2, jail.banIps(List.of("192.0.2.1", "2001:db8::1")));
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "b ban 192.0.2.1 600 1 0", "a ban 2001:db8::1 600 1 0",
                "b ban 2001:db8::1 600 1 0"), fx.takeScripts());
        assertEquals(0, jail.banIps(List.of("192.0.2.1")));
        assertEquals(List.of(), fx.takeScripts());
        assertEquals(List.of("192.0.2.1", "2001:db8::1"), jail.banList(false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1              | true  | 1",
        "192.0.2.9              | true  | 0",
        "192.0.2.0/24           | true  | 2",
    })
    void unbanipLiftsBansOfAddressesAndNetworks(String id, boolean ifExists, int lifted) throws Exception {
        jail.startWithoutThreads();
        jail.banIps(List.of("192.0.2.1", "192.0.2.2", "198.51.100.1"));
        fx.takeScripts();
        assertEquals(lifted, jail.unbanIps(List.of(id), ifExists));
        assertEquals(3 - lifted, jail.bannedCount());
    }

    @Test
    void unbanipWithReportAbsentNamesTheMissingIds() throws Exception {
        jail.startWithoutThreads();
        jail.banIps(List.of("192.0.2.1"));
        NotBannedException e = assertThrows(NotBannedException.class,
                () -> jail.unbanIps(List.of("192.0.2.1", "192.0.2.9", "192.0.2.8"), false));
        assertEquals("not banned: ['192.0.2.9', '192.0.2.8']", e.getMessage());
        assertEquals(0, jail.bannedCount());
        assertTrue(fx.actionsLog.lines().contains("MSG 192.0.2.9 is not banned"));
    }

    @Test
    void unbanAllLiftsEveryBan() throws Exception {
        jail.startWithoutThreads();
        jail.banIps(List.of("192.0.2.1", "192.0.2.2"));
        fx.takeScripts();
        assertEquals(2, jail.unbanAll());
        assertEquals(List.of("a unban 192.0.2.1", "a unban 192.0.2.2", "b unban 192.0.2.1", "b unban 192.0.2.2")
                .stream().sorted().toList(), fx.takeScripts().stream().sorted().toList());
        assertEquals(2, fx.notices().stream().filter(l -> l.contains("] Unban ")).count());
    }

    @Test
    void attemptCountsLikeAFailure() throws Exception {
        jail.startWithoutThreads();
        fx.takeScripts();
        assertEquals(1, jail.addAttempt("192.0.2.5", List.of("one", "two")));
        assertEquals(1, jail.addAttempt("192.0.2.5", List.of()));
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.5 600 1 0", "b ban 192.0.2.5 600 1 0"), fx.takeScripts());
        assertTrue(fx.filterLog.lines().contains("INFO [test] Attempt 192.0.2.5 - 2005-08-14 12:00:00"));
    }

    @Test
    void rebanAfterTheBanEpochMoved() throws Exception {
        jail.startWithoutThreads();
        jail.banIps(List.of("192.0.2.1"));
        fx.takeScripts();
        ((CommandAction) jail.action("b")).invalidateBanEpoch();
        assertEquals(1, jail.banIps(List.of("192.0.2.1")));
        assertEquals(List.of("b ban 192.0.2.1 600 1 0"), fx.takeScripts());
        assertTrue(fx.notices().contains("NOTICE [test] Reban 192.0.2.1, action 'b'"), fx.notices().toString());
        assertEquals(0, jail.banIps(List.of("192.0.2.1")), "banned in the current epoch now");
    }

    @Test
    void idleJailNeitherReadsNorBans() throws Exception {
        jail.startWithoutThreads();
        fx.takeScripts();
        jail.setIdle(true);
        assertTrue(jail.isIdle());
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(jail);
        assertEquals(3, fx.source.pendingLines());
        jail.setIdle(false);
        JailFixture.drive(jail);
        assertEquals(List.of("a ban 192.0.2.1 600 1 0", "b ban 192.0.2.1 600 1 0"), fx.takeScripts());
    }

    @Test
    void atMostTenTicketsAreBannedPerStep() throws Exception {
        jail.setMaxRetry(1);
        jail.startWithoutThreads();
        for (int i = 1; i <= 25; i++) {
            jail.addAttempt("192.0.2." + i, List.of());
        }
        assertEquals(10, jail.actionWorker().runOnce());
        assertEquals(10, jail.actionWorker().runOnce());
        assertEquals(5, jail.actionWorker().runOnce());
        assertEquals(0, jail.actionWorker().runOnce());
        assertEquals(25, jail.bannedCount());
        assertEquals(25, jail.status("short").totalBanned());
    }
}
