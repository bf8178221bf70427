package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.source.LogSourceFactories;
import org.junit.jupiter.api.Test;

/** A new jail on the same database: current bans restored, expired ones not, read positions resumed. */
class JailRestartTest extends DatabaseJailTest {

    @Test
    void currentBansAreRestoredAndExpiredOnesNot() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        fx.fail("192.0.2.1", 3);
        JailFixture.drive(first);
        fx.clock.advanceSeconds(300);
        first.banIps(List.of("192.0.2.2"));
        fx.clock.advanceSeconds(10);
        first.stop();
        assertEquals(List.of("a start", "a ban 192.0.2.1 600 1 0", "a ban 192.0.2.2 600 1 0", "a unban 192.0.2.1",
                "a unban 192.0.2.2", "a stop"), fx.takeScripts());

        fx.clock.advanceSeconds(390); // t0 + 700: the ban of .1 (t0 + 600) is over, the one of .2 lasts to t0 + 900
        fx.actionsLog.clear();
        Jail second = jail();
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("a start", "a ban 192.0.2.2 600 2 1"), fx.takeScripts());
        assertEquals(List.of("NOTICE [test] Restore Ban 192.0.2.2"), fx.notices());
        assertFalse(second.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(List.of("192.0.2.2 \t2005-08-14 12:05:00 + 600 = 2005-08-14 12:15:00"), second.banList(true));

        fx.clock.advanceSeconds(200);
        JailFixture.drive(second);
        assertEquals(List.of(), fx.takeScripts());
        fx.clock.advanceSeconds(1);
        JailFixture.drive(second);
        assertEquals(List.of("a unban 192.0.2.2"), fx.takeScripts());
        second.stop();
    }

    @Test
    void norestoredActionsSkipRestoredBans() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.2"));
        first.stop();
        fx.takeScripts();

        Jail second = jail();
        CommandAction quiet = JailFixture.dummyAction(second, "quiet");
        quiet.setProperty("norestored", "1");
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("a start", "quiet start", "a ban 192.0.2.2 600 2 1"), fx.takeScripts());
        assertTrue(second.isBanned(IpAddress.parse("192.0.2.2")));
        second.stop();
    }

    @Test
    void ignoredIdsAreNotRestored() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.2", "192.0.2.3"));
        first.stop();
        fx.takeScripts();

        Jail second = jail();
        second.addIgnoreIp("192.0.2.3");
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("192.0.2.2"), second.banList(false));
        second.stop();
    }

    @Test
    void unbanipRemovesTheBanFromTheDatabase() throws Exception {
        Jail first = jail();
        first.startWithoutThreads();
        first.banIps(List.of("192.0.2.2", "192.0.2.3"));
        assertEquals(1, first.unbanIps(List.of("192.0.2.3"), true));
        first.stop();
        Jail second = jail();
        second.startWithoutThreads();
        JailFixture.drive(second);
        assertEquals(List.of("192.0.2.2"), second.banList(false));
        second.stop();
    }

    @Test
    void readPositionsResumeSoOldFailuresAreNotCountedTwice() throws Exception {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, "");
        JailEnvironment env = fx.environment(new LogSourceFactories(List.of(LogSourceFactories.watching(),
                LogSourceFactories.polling(), LogSourceFactories.journal("journalctl", Map.of()))));

        Jail first = new Jail("test", "polling", env, Optional.of(db), fx.log);
        db.addJail("test");
        first.setMaxRetry(3);
        first.addFailRegex(JailFixture.FAILREGEX);
        first.addLogPath(log.toString(), false);
        first.startWithoutThreads();
        append(log, fx.failure("192.0.2.1"), fx.failure("192.0.2.1"));
        JailFixture.drive(first);
        assertEquals(2, found());
        first.stop();

        fx.clock.advanceSeconds(30);
        fx.filterLog.clear();
        Jail second = new Jail("test", "polling", env, Optional.of(db), fx.log);
        second.setMaxRetry(3);
        second.addFailRegex(JailFixture.FAILREGEX);
        second.addLogPath(log.toString(), false);
        JailFixture.dummyAction(second, "a");
        second.startWithoutThreads();
        append(log, fx.failure("192.0.2.1"));
        JailFixture.drive(second);
        assertEquals(1, found(), "only the line written after the restart is read");
        assertFalse(second.isBanned(IpAddress.parse("192.0.2.1")));
        append(log, fx.failure("192.0.2.1"), fx.failure("192.0.2.1"));
        JailFixture.drive(second);
        assertTrue(second.isBanned(IpAddress.parse("192.0.2.1")));
        second.stop();
    }

    private long found() {
        return fx.filterLog.lines().stream().filter(l -> l.startsWith("INFO [test] Found ")).count();
    }

    private static void append(Path file, String... lines) throws IOException {
        String text = List.of(lines).stream().map(l -> l + "\n").collect(Collectors.joining());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
