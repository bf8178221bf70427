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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code systemd} backend end to end, our server and Python's alike: a jail with {@code journalfiles} on a journal file the test writes
 * ({@code systemd-journal-remote}, each batch by its own run) and a {@code journalmatch}; entries of another
 * identifier do not count, every entry of a batch does. After {@code kill -9} (once the journal position is in the
 * database), more entries and a restart, the ban comes back from the database and reading resumes after the stored
 * position, as upstream: the entries before it (up to the one stored) are not read again, the ones written while
 * the server was down and after the restart count, each once.
 */
class ServerJournalTest extends RealServerTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private long monotonic = 1_000_000;
    /** The times of the entries written, in epoch seconds. */
    private final List<Double> written = new ArrayList<>();

    private void write(Path journal, String identifier, String ip, int n) throws Exception {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            monotonic += 1000;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            written.add(now.getEpochSecond() + now.getNano() / 1e9);
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

    /** Whether Python's server has its systemd backend (Debian's python3-systemd). */
    private static boolean pythonSystemd() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import systemd.journal").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private Process start(String server, Setup s, boolean restart) throws Exception {
        if (server.equals("python")) {
            return h.startPython(s);
        }
        return restart ? h.startOurs(s, serverArgs(s, "-f")) : h.startOurs(s);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ours", "python"})
    void bansFromTheJournalAndResumesAfterKill(String server) throws Exception {
        assumeTrue(JournalFixture.available(), "systemd-journal-remote and journalctl are needed");
        assumeTrue(server.equals("ours") || pythonSystemd(), "python3-systemd is needed by Python's server");
        Setup s = h.setup("journal");
        Path journal = s.dir().resolve("test.journal");
        write(journal, "other", "192.0.2.99", 1);
        s.conf("filter.d/sshdj.conf", "[Definition]\nfailregex = Failed password for \\S+ from <HOST>\\s*$\n"
                + "journalmatch = SYSLOG_IDENTIFIER=sshd\n");
        s.conf("jail.local", "[journal]\nenabled = true\nfilter = sshdj\nbackend = systemd[journalfiles=\""
                + journal + "\"]\naction = recfile[name=journal]\n");
        Process first = start(server, s, false);
        awaitReady(first, s, "journal");
        write(journal, "other", "192.0.2.99", 3);
        write(journal, "sshd", "192.0.2.80", 3);
        await(() -> count(s.actions(), "ban 192.0.2.80") == 1, STEP, () -> "journal ban:\n" + s.logTail());
        assertEquals(3, found(s.logText(), "192.0.2.80"), s.logTail());
        assertEquals(0, found(s.logText(), "192.0.2.99"), "journalmatch");
        // the position is stored with the first batch read (the batch may hold 1 to 3 of these entries), later
        // ones at most every 10 s (as upstream): the entries after the stored one are read again after the restart
        List<Double> times80 = List.copyOf(written.subList(written.size() - 3, written.size()));
        await(() -> times80.stream().anyMatch(t -> Math.abs(storedPosition(s) - t) < 1e-6), STEP,
                () -> "a stored journal position " + storedPosition(s) + " in " + times80);

        // the ban reaches the database shortly after its log line (the observer thread, as upstream's)
        await(() -> Oracle.storedBans(s.db(), "journal", "192.0.2.80") == 1, STEP,
                () -> "the ban of 192.0.2.80 in the database:\n" + s.logTail());
        first.destroyForcibly();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        double stored = storedPosition(s);
        long unread80 = times80.stream().filter(t -> t > stored + 1e-6).count();
        int before = s.logText().length();
        write(journal, "sshd", "192.0.2.81", 2);
        write(journal, "other", "192.0.2.81", 1);
        write(journal, "sshd", "192.0.2.81", 1);
        Process second = start(server, s, true);
        awaitReady(second, s, "journal");
        await(() -> count(s.actions(), "ban 192.0.2.80") == 2 && count(s.actions(), "ban 192.0.2.81") == 1, STEP,
                () -> "restored ban and the entries written while down:\n" + s.logTail());
        write(journal, "sshd", "192.0.2.82", 2);
        write(journal, "sshd", "192.0.2.82", 1);
        await(() -> count(s.actions(), "ban 192.0.2.82") == 1, STEP,
                () -> "the entries written after the restart:\n" + s.logTail());
        String after = s.logText().substring(before);
        assertTrue(after.contains("Restore Ban 192.0.2.80"), after);
        assertEquals(unread80, found(after, "192.0.2.80"),
                "the entries up to " + stored + " read again, or the ones after it not:\n" + after);
        assertEquals(3, found(after, "192.0.2.81"), after);
        assertEquals(3, found(after, "192.0.2.82"), after);
        assertEquals(0, found(after, "192.0.2.99"), "journalmatch");
        // the restored ban and the first new one may come in either order (Python restores in another thread)
        assertEquals(List.of("ban 192.0.2.80", "ban 192.0.2.80", "ban 192.0.2.81", "ban 192.0.2.82", "start journal",
                "start journal"), ServerHarness.read(s.actions()).lines().filter(l -> !l.endsWith(" test")).sorted()
                .toList());
        assertTrue(client(s, "stop").contains("Shutdown successful"));
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    }
}
