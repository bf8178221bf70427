package org.fail2ban4j.source;

import static org.fail2ban4j.source.SourceTesting.append;
import static org.fail2ban4j.source.SourceTesting.awaitLines;
import static org.fail2ban4j.source.SourceTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch-service backend against real inotify events: the few tests that wait for real (bounded). */
@Tag("threads")
class WatchServiceFileSourceTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    TestClock clock;
    WatchServiceFileSource source;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(WatchServiceFileSource.isAvailable(), "no event-based watch service here");
        clock = new TestClock();
        source = new WatchServiceFileSource(SourceSettings.of("sshd", LogEncoding.UTF_8, clock, TestClock.ZONE));
    }

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void appendedLinesArriveThroughEvents() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "a1\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(List.of("a1"), texts(source.poll()), "a new path is read at once");
        assertEquals("pyinotify", source.backend());
        append(a, "a2\n");
        assertEquals(List.of("a2"), texts(awaitLines(source, 1, LIMIT)));
        append(dir.resolve("other.log"), "not followed\n");
        append(a, "a3\n");
        assertEquals(List.of("a3"), texts(awaitLines(source, 1, LIMIT)));
    }

    @Test
    void rotationByRenameAndANewFile() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "a1\n");
        source.addLogPath(a, false, Optional.empty());
        source.poll();
        Files.move(a, dir.resolve("a.log.1"));
        append(dir.resolve("a.log.1"), "a2 after rename\n");
        append(a, "b1\n");
        assertEquals(List.of("a2 after rename", "b1"), texts(awaitLines(source, 2, LIMIT)));
    }

    @Test
    void fileCreatedLater() throws Exception {
        Path late = dir.resolve("late.log");
        source.addLogPath(late, true, Optional.empty());
        assertEquals(List.of(), source.poll());
        append(late, "hello\n");
        assertEquals(List.of("hello"), texts(awaitLines(source, 1, LIMIT)));
    }

    @Test
    void directoryCreatedLaterIsFoundOnThePendingSchedule() throws Exception {
        Path sub = dir.resolve("sub");
        Path log = sub.resolve("x.log");
        source.addLogPath(log, false, Optional.empty());
        assertEquals(List.of(sub), source.pendingDirectories());
        assertEquals(List.of(), source.poll());
        Files.createDirectory(sub);
        append(log, "x1\n");
        assertEquals(List.of(), source.poll(), "not looked for before the retry time");
        clock.advance(WatchServiceFileSource.PENDING_FIRST.plusMillis(1));
        assertEquals(List.of("x1"), texts(source.poll()));
        assertEquals(List.of(), source.pendingDirectories());
        append(log, "x2\n");
        assertEquals(List.of("x2"), texts(awaitLines(source, 1, LIMIT)));
    }

    @Test
    void symlinkTargetChangesAreSeen() throws Exception {
        Path realDir = Files.createDirectory(dir.resolve("real"));
        Path target = realDir.resolve("t.log");
        append(target, "t1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.log"), target);
        source.addLogPath(link, false, Optional.empty());
        assertEquals(List.of("t1"), texts(source.poll()));
        append(target, "t2\n");
        List<LogLine> got = awaitLines(source, 1, LIMIT);
        assertEquals(List.of("t2"), texts(got));
        assertEquals(link.toString(), got.get(0).sourceId());
    }

    @Test
    void wakeupEndsAWaitFromAnotherThread() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "a1\n");
        source.addLogPath(a, false, Optional.empty());
        source.poll();
        CompletableFuture<List<LogLine>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return source.await(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!waiting.isDone() && System.nanoTime() < deadline) {
            source.wakeup();
            try {
                waiting.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not yet
            }
        }
        assertTrue(waiting.isDone());
        assertEquals(List.of(), waiting.get());
    }
}
