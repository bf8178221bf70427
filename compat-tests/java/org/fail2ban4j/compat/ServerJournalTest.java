package org.fail2ban4j.compat;

import static org.fail2ban4j.compat.ServerHarness.await;
import static org.fail2ban4j.compat.ServerHarness.awaitReady;
import static org.fail2ban4j.compat.ServerHarness.client;
import static org.fail2ban4j.compat.ServerHarness.count;
import static org.fail2ban4j.compat.ServerHarness.serverArgs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.ServerHarness.Setup;
import org.fail2ban4j.source.JournalFixture;
import org.junit.jupiter.api.Test;

/**
 * The {@code systemd} backend end to end: a jail with {@code journalfiles} on a journal file the test writes
 * ({@code systemd-journal-remote}, each batch by its own run) and a {@code journalmatch}; entries of another
 * identifier do not count, every entry of a batch does. After {@code kill -9} (once the journal position is in the
 * database), more entries and a restart, the ban comes back from the database and reading resumes after the stored
 * position, as upstream: an address with two failures before the kill and two after stays unbanned, its old
 * entries not read again, the new ones counted.
 */
class ServerJournalTest extends RealServerTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private long monotonic = 1_000_000;
    /** The time of the last entry written. */
    private Instant last;

    private void write(Path journal, String identifier, String ip, int n) throws Exception {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            monotonic += 1000;
            Instant now = Instant.now();
            last = now.truncatedTo(ChronoUnit.MICROS);
            entries.add(JournalFixture.entry(now, monotonic, List.of(Map.entry("SYSLOG_IDENTIFIER",
                    identifier), Map.entry("_PID", "42"), Map.entry("_HOSTNAME", "host"),
                    Map.entry("MESSAGE", "Failed password for root from " + ip))));
        }
        JournalFixture.write(journal, entries);
    }

    /** The journal position (epoch seconds) the jail stored in the database, or -1. */
    private static double storedPosition(Setup s) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.db());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT lastfilepos FROM logs WHERE jail = 'journal' "
                        + "AND path = 'systemd-journal'")) {
            return rs.next() ? rs.getDouble(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long found(String log, String ip) {
        return log.lines().filter(l -> l.contains("[journal] Found " + ip + " ")).count();
    }

    @Test
    void bansFromTheJournalAndResumesAfterKill() throws Exception {
        assumeTrue(JournalFixture.available(), "systemd-journal-remote and journalctl are needed");
        Setup s = h.setup("journal");
        Path journal = s.dir().resolve("test.journal");
        write(journal, "other", "192.0.2.99", 1);
        s.conf("filter.d/sshdj.conf", "[Definition]\nfailregex = Failed password for \\S+ from <HOST>\\s*$\n"
                + "journalmatch = SYSLOG_IDENTIFIER=sshd\n");
        s.conf("jail.local", "[journal]\nenabled = true\nfilter = sshdj\nbackend = systemd[journalfiles=\""
                + journal + "\"]\naction = recfile[name=journal]\n");
        Process first = h.startOurs(s);
        awaitReady(first, s, "journal");
        write(journal, "other", "192.0.2.99", 3);
        write(journal, "sshd", "192.0.2.80", 3);
        write(journal, "sshd", "192.0.2.81", 2);
        await(() -> count(s.actions(), "ban 192.0.2.80") == 1 && found(s.logText(), "192.0.2.81") == 2, STEP,
                () -> "journal ban:\n" + s.logTail());
        assertEquals(0, found(s.logText(), "192.0.2.99"), "journalmatch");
        assertEquals(3, found(s.logText(), "192.0.2.80"), s.logTail());
        // the position is stored at the first batch, then at most every 10 s (upstream's interval)
        double lastSeconds = last.getEpochSecond() + last.getNano() / 1e9;
        await(() -> Math.abs(storedPosition(s) - lastSeconds) < 1e-6, STEP,
                () -> "the stored journal position " + storedPosition(s) + " to be " + lastSeconds);

        first.destroyForcibly();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        int before = s.logText().length();
        write(journal, "other", "192.0.2.81", 1);
        write(journal, "sshd", "192.0.2.81", 1);
        Process second = h.startOurs(s, serverArgs(s, "-f"));
        awaitReady(second, s, "journal");
        await(() -> count(s.actions(), "ban 192.0.2.80") == 2, STEP, () -> "restored ban:\n" + s.logTail());
        await(() -> found(s.logText().substring(before), "192.0.2.81") == 1, STEP,
                () -> "the entry written while down:\n" + s.logTail());
        write(journal, "sshd", "192.0.2.81", 1);
        await(() -> found(s.logText().substring(before), "192.0.2.81") == 2, STEP,
                () -> "the entry written after the restart:\n" + s.logTail());
        String after = s.logText().substring(before);
        assertTrue(after.contains("Restore Ban 192.0.2.80"), after);
        assertEquals(0, found(after, "192.0.2.80"), "old entries read again:\n" + after);
        assertEquals(0, count(s.actions(), "ban 192.0.2.81"), "old entries counted again:\n" + after);
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    }
}
