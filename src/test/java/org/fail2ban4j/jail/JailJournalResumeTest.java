package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.fail2ban4j.persist.SqliteBanStore;
import org.fail2ban4j.source.JournalFixture;
import org.fail2ban4j.source.LogSourceFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jail on the {@code systemd} backend (a journal file written by systemd-journal-remote, read by journalctl)
 * resumes after the journal position stored in the database, as upstream: the entry dated at the stored time, the
 * last one read, is not read again. Tagged {@code threads}: it waits (bounded) for the journalctl subprocess.
 */
@Tag("threads")
class JailJournalResumeTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private JailFixture fx;
    private SqliteBanStore db;
    private Path journal;
    private long monotonic = 1_000_000;

    @BeforeEach
    void setUp() {
        assumeTrue(JournalFixture.available(), "journalctl or systemd-journal-remote missing");
        fx = new JailFixture();
        db = SqliteBanStore.open(dir.resolve("fail2ban.sqlite3").toString(), fx.clock);
        journal = dir.resolve("test.journal");
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    private void write(String ip, Instant... times) throws Exception {
        List<byte[]> entries = new ArrayList<>();
        for (Instant t : times) {
            monotonic += 1000;
            entries.add(JournalFixture.entry(t, monotonic, List.of(Map.entry("SYSLOG_IDENTIFIER", "sshd"),
                    Map.entry("_PID", "7"), Map.entry("MESSAGE", "Failed password for root from " + ip))));
        }
        JournalFixture.write(journal, entries);
    }

    private Jail jail() throws Exception {
        JailEnvironment env = fx.environment(new LogSourceFactories(List.of(LogSourceFactories.watching(),
                LogSourceFactories.polling(), LogSourceFactories.journal("journalctl", Map.of()))));
        Jail j = new Jail("test", "systemd[journalfiles=\"" + journal + "\"]", env, Optional.of(db), fx.log);
        j.setMaxRetry(3);
        j.addFailRegex(JailFixture.FAILREGEX);
        j.addJournalMatch(List.of("SYSLOG_IDENTIFIER=sshd"));
        JailFixture.dummyAction(j, "a");
        return j;
    }

    private long found(String ip) {
        return fx.filterLog.lines().stream().filter(l -> l.startsWith("INFO [test] Found " + ip + " ")).count();
    }

    /** Steps the filter worker (each step waits at most its sleep time for entries) until {@code cond} holds. */
    private static void stepUntil(Jail jail, BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            jail.filterWorker().step();
        }
        assertTrue(cond.getAsBoolean(), "timed out waiting for " + what);
    }

    @Test
    void resumesAfterTheEntryAtTheStoredTime() throws Exception {
        Instant now = fx.clock.instant();
        db.addJail("test");
        write("192.0.2.1", now.minusSeconds(30), now.minusSeconds(20).plusNanos(123_456_000));
        Jail first = jail();
        first.startWithoutThreads();
        stepUntil(first, () -> found("192.0.2.1") == 2, "the two entries");
        first.stop();

        fx.clock.advanceSeconds(30);
        fx.filterLog.clear();
        write("192.0.2.2", fx.clock.instant());
        Jail second = jail();
        second.startWithoutThreads();
        // entries come in journal order: one read again would come before the new one
        stepUntil(second, () -> found("192.0.2.2") == 1, "the new entry");
        assertEquals(0, found("192.0.2.1"), fx.filterLog.lines().toString());
        second.stop();
    }
}
