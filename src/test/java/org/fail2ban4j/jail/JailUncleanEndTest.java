package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

/**
 * A jail started after an unclean end of the previous server (killed: its jails never stopped, their bans stay in
 * the firewall): the bans that ended while no server ran are lifted quietly before the due ones are restored; after
 * a clean stop nothing is lifted. Not in upstream, which leaves such bans in the firewall.
 */
class JailUncleanEndTest extends DatabaseJailTest {

    /** The INFO and higher lines of the actions log, without the option lines of the jail's set-up. */
    private List<String> actionLines() {
        return fx.actionsLog.lines().stream().filter(l -> !l.startsWith("DEBUG ") && !l.contains("banTime:"))
                .collect(Collectors.toList());
    }

    /**
     * The previous server's life: at t0 .5 is banned (600 s; over before that server started at t0 + 700); at
     * t1 = t0 + 1000 .4 permanently and .1 (600 s), at t1 + 300 .2 (600 s) and .3 permanently; the server is killed.
     * Its jail is left as it is (never stopped).
     *
     * @return the previous server's start, t0 + 700
     */
    private Instant killedServer() throws IOException {
        Instant t0 = fx.clock.instant();
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.5"));
        fx.clock.advanceSeconds(1000);
        first.setBanTime("-1");
        first.banIps(List.of("192.0.2.4"));
        first.setBanTime("600");
        first.banIps(List.of("192.0.2.1"));
        fx.clock.advanceSeconds(300);
        first.banIps(List.of("192.0.2.2"));
        first.setBanTime("-1");
        first.banIps(List.of("192.0.2.3"));
        fx.takeScripts();
        fx.actionsLog.clear();
        return t0.plusSeconds(700);
    }

    @Test
    void uncleanEndLiftsTheBansOverAndRestoresTheDueOnes() throws Exception {
        Instant previousStart = killedServer();
        fx.clock.advanceSeconds(400); // t1 + 700: .1 ended at t1 + 600 while no server ran, .2 lasts to t1 + 900

        Jail second = jail();
        second.liftBansOfUncleanEnd(previousStart);
        second.startWithoutThreads();
        JailFixture.drive(second);
        // .5 ended before the previous server started; .4 is permanent (not restored: it started longer ago than the
        // jail's ban time of 600 s now, but a permanent ban never ends); .2 and .3 (capped at 600 s) are restored
        assertEquals(List.of("a start", "a unban 192.0.2.1", "a ban 192.0.2.2 600 2 1", "a ban 192.0.2.3 600 2 1"),
                fx.takeScripts());
        assertEquals(List.of("INFO [test] Lift 1 ban(s) expired while the server was down",
                "NOTICE [test] Restore Ban 192.0.2.2", "NOTICE [test] Restore Ban 192.0.2.3"), actionLines());
        assertFalse(second.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(List.of("192.0.2.2", "192.0.2.3"), second.banList(false));

        fx.clock.advanceSeconds(3600);
        JailFixture.drive(second);
        assertEquals(List.of("a unban 192.0.2.2", "a unban 192.0.2.3"), fx.takeScripts(), "lifted once only");
        second.stop();
    }

    @Test
    void permanentBansAreRestoredNeverLifted() throws Exception {
        Instant previousStart = killedServer();
        fx.clock.advanceSeconds(86400 * 3);

        Jail second = jail();
        second.setBanTime("-1");
        second.liftBansOfUncleanEnd(previousStart);
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("a start", "a ban 192.0.2.3 -1 2 1", "a ban 192.0.2.4 -1 2 1"), fx.takeScripts(),
                "the 600 s bans ended more than dbpurgeage (1 day) ago: nothing to lift");
        assertTrue(actionLines().stream().noneMatch(l -> l.contains("Lift")), actionLines().toString());
        second.stop();
    }

    @Test
    void cleanStopLiftsNothing() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.1"));
        fx.clock.advanceSeconds(300);
        first.banIps(List.of("192.0.2.2"));
        first.stop();
        assertEquals(List.of("a start", "a ban 192.0.2.1 600 1 0", "a ban 192.0.2.2 600 1 0", "a unban 192.0.2.1",
                "a unban 192.0.2.2", "a stop"), fx.takeScripts());
        fx.clock.advanceSeconds(400);
        fx.actionsLog.clear();

        Jail second = jail();
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("a start", "a ban 192.0.2.2 600 2 1"), fx.takeScripts());
        assertEquals(List.of("NOTICE [test] Restore Ban 192.0.2.2"), actionLines());
        second.stop();
    }

    @Test
    void failingLiftIsLoggedAtDebugAndRunsWithTheFamilysCommand() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.1", "2001:db8::1"));
        fx.takeScripts();
        fx.clock.advanceSeconds(700);

        fx.runner.failWhenContains("unban 192.0.2.1", 1);
        fx.actionsLog.debugEnabled(true);
        fx.actionsLog.clear();
        Jail second = jail();
        CommandAction a = (CommandAction) second.action("a");
        a.setProperty("actionunban?family=inet6", "a unban6 <ip>");
        second.liftBansOfUncleanEnd(Instant.EPOCH);
        second.startWithoutThreads();
        JailFixture.drive(second);
        // a conditional section makes the action start on demand: it has not started, its unban runs all the same
        assertEquals(List.of("a unban 192.0.2.1", "a unban6 2001:db8::1"), fx.takeScripts());
        List<String> lines = fx.actionsLog.lines();
        assertTrue(lines.contains("INFO [test] Lift 2 ban(s) expired while the server was down"), lines.toString());
        assertTrue(lines.contains("DEBUG [test] action 'a': stale ban of 192.0.2.1 not lifted (return code 1), "
                + "probably gone already"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ERROR ") || l.startsWith("WARN")), lines.toString());
        for (RecordingCommandRunner.Call c : fx.runner.calls()) {
            assertTrue(c.successCodes().contains(1), "the runner logs a failing lift at DEBUG: " + c);
        }
        second.stop();
    }

    @Test
    void jailsLiftOncePerNameAfterAnUncleanEnd() throws Exception {
        Instant previousStart = killedServer();
        fx.clock.advanceSeconds(400);

        Jails jails = new Jails(fx.environment(fx.source.factories()));
        jails.previousServerEndedUncleanly(previousStart);
        Jail second = jails.add("test", "polling", Optional.of(db));
        second.setBanTime("600");
        JailFixture.dummyAction(second, "a");
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertTrue(fx.takeScripts().contains("a unban 192.0.2.1"));

        jails.remove("test");
        fx.takeScripts();
        Jail third = jails.add("test", "polling", Optional.of(db));
        third.setBanTime("600");
        JailFixture.dummyAction(third, "a");
        third.startWithoutThreads();
        JailFixture.drive(third);
        assertEquals(List.of("a start", "a ban 192.0.2.2 600 2 1", "a ban 192.0.2.3 600 2 1"), fx.takeScripts(),
                "the jail stopped cleanly in this server's life: nothing left to lift");
        jails.stopAll();
    }
}
