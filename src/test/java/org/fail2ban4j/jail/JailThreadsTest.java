package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.SqliteBanStore;
import org.fail2ban4j.source.LogSourceFactories;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real worker threads on a temporary log file with the polling backend. */
@Tag("threads")
class JailThreadsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Waits until {@code cond} holds, at most {@code bound}. */
    static void awaitUntil(BooleanSupplier cond, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static void append(Path file, String... lines) throws IOException {
        String text = List.of(lines).stream().map(l -> l + "\n").collect(Collectors.joining());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void threadsReadBanAndUnban() throws Exception {
        JailFixture fx = new JailFixture();
        Path log = dir.resolve("auth.log");
        append(log, "start of log");
        SqliteBanStore db = SqliteBanStore.open(dir.resolve("f2b.sqlite3").toString(), fx.clock);
        JailEnvironment env = fx.environment(new LogSourceFactories(List.of(LogSourceFactories.watching(),
                LogSourceFactories.polling(), LogSourceFactories.journal("journalctl", Map.of()))));
        Jails jails = new Jails(env);
        Jail jail = jails.add("sshd", "polling", Optional.of(db));
        jail.setMaxRetry(3);
        jail.setBanTime("600");
        jail.addFailRegex(JailFixture.FAILREGEX);
        jail.addLogPath(log.toString(), false);
        JailFixture.dummyAction(jail, "a");
        jail.start();
        try {
            awaitUntil(() -> threadNames().containsAll(Set.of("f2b/f.sshd", "f2b/a.sshd")), BOUND, "the threads");
            assertTrue(jail.isAlive());
            append(log, fx.failure("192.0.2.1"), fx.failure("192.0.2.1"), fx.failure("192.0.2.1"));
            awaitUntil(() -> jail.isBanned(IpAddress.parse("192.0.2.1")), BOUND, "the ban");
            awaitUntil(() -> fx.runner.scripts().contains("a ban 192.0.2.1 600 1 0"), BOUND, "the ban command");
            fx.clock.advanceSeconds(601);
            awaitUntil(() -> fx.runner.scripts().contains("a unban 192.0.2.1"), BOUND, "the unban command");
            assertEquals(List.of("a start", "a ban 192.0.2.1 600 1 0", "a unban 192.0.2.1"), fx.runner.scripts());
            jail.setIdle(true);
            assertTrue(jail.isIdle());
            jail.setIdle(false);
        } finally {
            jails.stopAll();
        }
        assertFalse(jail.isAlive());
        assertEquals(0, jails.size());
        awaitUntil(() -> !threadNames().contains("f2b/f.sshd") && !threadNames().contains("f2b/a.sshd"), BOUND,
                "the threads to end");
        assertTrue(fx.runner.scripts().contains("a stop"));
        assertEquals(Set.of("sshd"), db.getJailNames(false));
        db.close();
    }

    @Test
    void stoppingAThreadedJailLiftsItsBans() throws Exception {
        JailFixture fx = new JailFixture();
        Jail jail = fx.jail("test", Optional.empty());
        JailFixture.dummyAction(jail, "a");
        jail.start();
        jail.banIps(List.of("192.0.2.1"));
        fx.source.append(JailFixture.LOG, fx.failure("192.0.2.2"), fx.failure("192.0.2.2"),
                fx.failure("192.0.2.2"));
        awaitUntil(() -> jail.isBanned(IpAddress.parse("192.0.2.2")), BOUND, "the ban from the log");
        jail.stop();
        List<String> s = fx.runner.scripts();
        assertEquals("a stop", s.get(s.size() - 1));
        assertTrue(s.containsAll(List.of("a unban 192.0.2.1", "a unban 192.0.2.2")), s.toString());
        assertEquals(2, fx.notices().stream().filter(l -> l.contains("Repeal Ban")).count());
        assertTrue(fx.source.isClosed());
    }
}
