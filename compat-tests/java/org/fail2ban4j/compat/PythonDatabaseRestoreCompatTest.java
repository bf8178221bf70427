package org.fail2ban4j.compat;

import static org.fail2ban4j.compat.ServerHarness.append;
import static org.fail2ban4j.compat.ServerHarness.appendFailures;
import static org.fail2ban4j.compat.ServerHarness.await;
import static org.fail2ban4j.compat.ServerHarness.awaitReady;
import static org.fail2ban4j.compat.ServerHarness.client;
import static org.fail2ban4j.compat.ServerHarness.count;
import static org.fail2ban4j.compat.ServerHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.ServerHarness.Setup;
import org.junit.jupiter.api.Test;

/**
 * A database written by Python's running server, taken over by ours: Python bans an address from the log and one
 * by {@code set test banip}, and sees two failures of a third address, then stops; ours, started on the same
 * configuration and database, restores both bans (runs {@code actionban} again, logs {@code Restore Ban}) and goes
 * on reading the log where Python stopped (no old line counted again: the third address stays at one failure).
 */
class PythonDatabaseRestoreCompatTest extends RealServerTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    /** The part of the log written since our server started. */
    private static String oursLog(Setup s) {
        String log = s.logText();
        int i = log.indexOf("Starting Fail2ban v1.1.1");
        return i < 0 ? "" : log.substring(i);
    }

    private static long lines(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void oursRestoresPythonsBansAndLogPosition() throws Exception {
        Setup s = h.setup("shared");
        Process python = h.startPython(s);
        awaitReady(python, s);
        appendFailures(s.watched(), "192.0.2.30", 3);
        append(s.watched(), failure("192.0.2.32", "root").repeat(2));
        assertEquals("$ fail2ban-client set test banip 192.0.2.31\nrc=0\n1\n",
                client(s, "set", "test", "banip", "192.0.2.31"));
        await(() -> count(s.actions(), "ban 192.0.2.30") == 1 && lines(s.logText(), "[test] Found 192.0.2.32") == 2,
                STEP, () -> "Python's ban:\n" + s.logTail());
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, count(s.actions(), "unban 192.0.2.30"), "Python lifts its bans at its stop");

        Process ours = h.startOurs(s);
        awaitReady(ours, s);
        await(() -> count(s.actions(), "ban 192.0.2.30") == 2 && count(s.actions(), "ban 192.0.2.31") == 2, STEP,
                () -> "restored bans:\n" + ServerHarness.read(s.actions()) + s.logTail());
        assertEquals(1, lines(oursLog(s), "NOTICE  [test] Restore Ban 192.0.2.30"), s.logTail());
        assertEquals(1, lines(oursLog(s), "NOTICE  [test] Restore Ban 192.0.2.31"), s.logTail());
        assertEquals("$ fail2ban-client get test banned\nrc=0\n['192.0.2.30', '192.0.2.31']\n",
                client(s, "get", "test", "banned"));

        append(s.watched(), failure("192.0.2.32", "root"));
        await(() -> lines(oursLog(s), "[test] Found 192.0.2.32") == 1, STEP, () -> "the new line:\n" + s.logTail());
        assertEquals(0, lines(oursLog(s), "[test] Found 192.0.2.30"), "an old line read again:\n" + s.logTail());
        assertTrue(client(s, "status", "test").contains("Currently failed:\t1"), client(s, "status", "test"));
        assertEquals(0, count(s.actions(), "ban 192.0.2.32"));
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(ours.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, ours.exitValue());
    }
}
