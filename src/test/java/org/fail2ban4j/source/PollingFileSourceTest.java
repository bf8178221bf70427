package org.fail2ban4j.source;

import static org.fail2ban4j.source.SourceTesting.append;
import static org.fail2ban4j.source.SourceTesting.texts;
import static org.fail2ban4j.source.SourceTesting.truncateAndWrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollingFileSourceTest {

    @TempDir
    Path dir;
    TestClock clock;
    PollingFileSource source;

    @BeforeEach
    void setUp() {
        clock = new TestClock();
        source = new PollingFileSource(SourceSettings.of("sshd", LogEncoding.UTF_8, clock, TestClock.ZONE));
    }

    @AfterEach
    void tearDown() {
        source.close();
    }

    private List<String> poll() {
        return texts(source.poll());
    }

    @Test
    void readsExistingContentThenAppends() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "a1\na2\n");
        assertTrue(source.addLogPath(a, false, Optional.empty()));
        List<LogLine> first = source.poll();
        assertEquals(List.of("a1", "a2"), texts(first));
        assertEquals(a.toString(), first.get(0).sourceId());
        assertFalse(first.get(0).inOperation());
        assertEquals(List.of(), poll(), "nothing changed");
        append(a, "a3\n");
        List<LogLine> next = source.poll();
        assertEquals(List.of("a3"), texts(next));
        assertTrue(next.get(0).inOperation());
        assertEquals("polling", source.backend());
    }

    @Test
    void tailIgnoresOldContent() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "old\n");
        source.addLogPath(a, true, Optional.empty());
        assertEquals(List.of(), poll());
        append(a, "new\n");
        assertEquals(List.of("new"), poll());
    }

    @Test
    void severalFilesAndBatches() throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        append(a, IntStream.range(0, 25).mapToObj(i -> "a" + i + "\n").collect(Collectors.joining()));
        append(b, "b0\nb1\n");
        source.close();
        source = new PollingFileSource(SourceSettings.of("j", LogEncoding.UTF_8, clock, TestClock.ZONE)
                .withMaxBatch(10));
        source.addLogPath(a, false, Optional.empty());
        source.addLogPath(b, false, Optional.empty());
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<String> batch = poll();
            assertTrue(batch.size() <= 10, "batch limit");
            all.addAll(batch);
        }
        assertEquals(27, all.size());
        assertTrue(all.containsAll(List.of("a0", "a24", "b0", "b1")));
        assertEquals(List.of(), poll());
        assertEquals(List.of(a, b), source.logPaths());
    }

    @Test
    void addingTwiceIsRefusedAndDeletingStops() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "x\n");
        assertTrue(source.addLogPath(a, false, Optional.empty()));
        assertFalse(source.addLogPath(a, false, Optional.empty()));
        assertTrue(source.containsLogPath(a));
        assertEquals(List.of("x"), poll());
        assertTrue(source.delLogPath(a));
        assertFalse(source.delLogPath(a));
        append(a, "y\n");
        assertEquals(List.of(), poll());
        assertEquals(List.of(), source.logPaths());
    }

    @Test
    void fileThatAppearsLaterIsReadFromItsStart() throws IOException {
        Path late = dir.resolve("late.log");
        assertTrue(source.addLogPath(late, true, Optional.empty()));
        assertEquals(List.of(), poll());
        assertEquals(List.of(), poll());
        append(late, "first\nsecond\n");
        assertEquals(List.of("first", "second"), poll());
    }

    @Test
    void vanishedFileThatComesBack() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "a1\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(List.of("a1"), poll());
        Files.delete(a);
        for (int i = 0; i < 60; i++) {
            assertEquals(List.of(), poll(), "an absent file is kept (upstream drops it after 50 looks)");
        }
        append(a, "b1\n");
        assertEquals(List.of("b1"), poll());
        assertTrue(source.containsLogPath(a));
    }

    @Test
    void rotationByRenameWithLateWritesToTheOldFile() throws IOException {
        Path a = dir.resolve("a.log");
        Path rotated = dir.resolve("a.log.1");
        append(a, "a1\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(List.of("a1"), poll());
        Files.move(a, rotated);
        append(rotated, "a2 written after the rename\n");
        assertEquals(List.of("a2 written after the rename"), poll());
        append(rotated, "a3 before the switch\n");
        append(a, "b1 in the new file\n");
        assertEquals(List.of("a3 before the switch", "b1 in the new file"), poll());
        assertEquals(List.of(), poll());
    }

    @Test
    void copyTruncateStartsOver() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "a1 with some length\na2 with some length\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(2, poll().size());
        truncateAndWrite(a, "b1\n");
        assertEquals(List.of("b1"), poll());
    }

    @Test
    void resumeFromStoredPositionWithoutDoubleCounting() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "a1\na2\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(2, poll().size());
        FilePosition stored = source.position(a).orElseThrow();
        assertEquals(List.of(stored), source.positions());
        source.close();

        append(a, "a3\n");
        source = new PollingFileSource(SourceSettings.of("sshd", LogEncoding.UTF_8, clock, TestClock.ZONE));
        source.addLogPath(a, false, Optional.of(stored));
        assertEquals(List.of("a3"), poll());
        assertEquals(9, source.position(a).orElseThrow().offset());
    }

    @Test
    void storedPositionIsIgnoredInTailMode() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "a1\na2\n");
        source.addLogPath(a, true, Optional.of(new FilePosition(a.toString(), "", 0)));
        assertEquals(List.of(), poll());
    }

    @Test
    void seekToTimeSkipsOldLines() throws IOException {
        Path a = dir.resolve("a.log");
        append(a, "100 old\n200 mid\n300 new\n");
        source.addLogPath(a, false, Optional.empty());
        assertTrue(source.seekToTime(a, Instant.ofEpochSecond(150), line ->
                Optional.of(Instant.ofEpochSecond(Long.parseLong(line.substring(0, 3))))));
        assertEquals(List.of("200 mid", "300 new"), poll());
        assertFalse(source.seekToTime(dir.resolve("other.log"), Instant.EPOCH, line -> Optional.empty()));
    }

    @Test
    void encodingChangeAppliesToFollowedFiles() throws IOException {
        Path a = dir.resolve("a.log");
        source.addLogPath(a, false, Optional.empty());
        source.setLogEncoding(LogEncoding.of("latin-1"));
        append(a, new byte[] {(byte) 0xe9, '\n'});
        assertEquals(List.of("\u00e9"), poll());
    }

    @Test
    void awaitReturnsReadyLinesAndWakeupEndsAWait() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "ready\n");
        source.addLogPath(a, false, Optional.empty());
        assertEquals(List.of("ready"), texts(source.await(Duration.ofMinutes(5))));
        source.wakeup();
        assertEquals(List.of(), source.await(Duration.ofMinutes(5)), "woken before waiting: returns at once");
        assertEquals(List.of(), source.await(Duration.ZERO));
    }

    @Test
    void closedSourceReturnsNothing() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, "x\n");
        source.addLogPath(a, false, Optional.empty());
        source.close();
        assertEquals(List.of(), source.poll());
        assertEquals(List.of(), source.await(Duration.ofMinutes(5)));
        assertThrows(IllegalStateException.class, () -> source.addLogPath(a, false, Optional.empty()));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> SourceSettings.of("j", LogEncoding.UTF_8, clock, TestClock.ZONE).withMaxBatch(0));
        assertThrows(IllegalArgumentException.class,
                () -> SourceSettings.of("j", LogEncoding.UTF_8, clock, TestClock.ZONE)
                        .withPollInterval(Duration.ZERO));
    }
}
