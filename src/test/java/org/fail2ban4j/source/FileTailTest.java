package org.fail2ban4j.source;

import static org.fail2ban4j.source.SourceTesting.append;
import static org.fail2ban4j.source.SourceTesting.readAll;
import static org.fail2ban4j.source.SourceTesting.texts;
import static org.fail2ban4j.source.SourceTesting.truncateAndWrite;
import static org.fail2ban4j.source.SourceTesting.upstream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTailTest {

    @TempDir
    Path dir;
    Path log;
    TestClock clock;

    @BeforeEach
    void setUp() {
        log = dir.resolve("test.log");
        clock = new TestClock();
    }

    private FileTail open(boolean tail) throws IOException {
        return FileTail.open(log, LogEncoding.UTF_8, tail, clock);
    }

    @Test
    void readsCompleteLinesWithEndOffsets() throws IOException {
        append(log, "one\ntwo\n");
        try (FileTail t = open(false)) {
            List<FileLine> lines = readAll(t);
            assertEquals(List.of("one", "two"), texts(lines));
            assertEquals(4, lines.get(0).endOffset());
            assertEquals(8, lines.get(1).endOffset());
            assertEquals(log.toString(), lines.get(0).sourceId());
            assertEquals(8, t.position());
        }
    }

    @Test
    void partialLastLineWaitsForItsEnd() throws IOException {
        append(log, "one\ntw");
        try (FileTail t = open(false)) {
            assertEquals(List.of("one"), texts(readAll(t)));
            assertEquals(4, t.position());
            assertEquals(List.of(), texts(readAll(t)));
            append(log, "o\nthr");
            assertEquals(List.of("two"), texts(readAll(t)));
            append(log, "ee\n");
            assertEquals(List.of("three"), texts(readAll(t)));
            assertEquals(14, t.position());
        }
    }

    @Test
    void appendedLinesAreReadOnceEach() throws IOException {
        append(log, "a\n");
        try (FileTail t = open(false)) {
            assertEquals(List.of("a"), texts(readAll(t)));
            for (int i = 0; i < 5; i++) {
                append(log, "line " + i + "\n");
                assertEquals(List.of("line " + i), texts(readAll(t)));
            }
            assertEquals(List.of(), texts(readAll(t)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'a\\r\\nb\\r\\n'|a,b",
        "'a\\r\\r\\nb\\n'|a,b",
        "'\\n\\nx\\n'|,,x",
        "'\\r\\n'|",
        "'tab\\there\\n'|tab\there",
    })
    void lineEndsAreStrippedAsRstrip(String content, String expected) throws IOException {
        append(log, content.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t"));
        try (FileTail t = open(false)) {
            List<String> want = expected == null ? List.of("") : List.of(expected.split(",", -1));
            assertEquals(want, texts(readAll(t)));
        }
    }

    @Test
    void nulBytesAreOrdinaryCharacters() throws IOException {
        append(log, new byte[] {'a', 0, 'b', '\n', 0, 0, '\n'});
        try (FileTail t = open(false)) {
            assertEquals(List.of("a\0b", "\0\0"), texts(readAll(t)));
        }
    }

    @Test
    void veryLongLinesAndLinesAcrossBufferBoundaries() throws IOException {
        String longLine = "x".repeat(300_000);
        StringBuilder content = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String l = "line " + i + " " + "y".repeat(i % 97);
            expected.add(l);
            content.append(l).append('\n');
        }
        content.append(longLine).append('\n').append("after\n");
        expected.add(longLine);
        expected.add("after");
        append(log, content.toString());
        try (FileTail t = open(false)) {
            assertEquals(expected, texts(readAll(t, 100_000)));
            assertEquals(Files.size(log), t.position());
        }
    }

    @Test
    void longLineWithoutEndIsNotDelivered() throws IOException {
        append(log, "z".repeat(200_000));
        try (FileTail t = open(false)) {
            assertEquals(List.of(), texts(readAll(t)));
            assertEquals(0, t.position());
            append(log, "\n");
            assertEquals(200_000, readAll(t).get(0).text().length());
        }
    }

    @Test
    void lineLimitLeavesTheRestForTheNextRead() throws IOException {
        append(log, IntStream.range(0, 10).mapToObj(i -> "l" + i + "\n").collect(Collectors.joining()));
        try (FileTail t = open(false)) {
            List<FileLine> got = new ArrayList<>();
            assertEquals(4, t.read(got::add, 4));
            assertTrue(t.needsRead());
            assertFalse(t.inOperation(), "not at the end yet");
            assertFalse(got.get(3).inOperation());
            assertEquals(4, t.read(got::add, 4));
            assertEquals(2, t.read(got::add, 4));
            assertFalse(t.needsRead());
            assertTrue(t.inOperation(), "end reached");
            assertEquals(IntStream.range(0, 10).mapToObj(i -> "l" + i).collect(Collectors.toList()), texts(got));
            append(log, "new\n");
            List<FileLine> after = readAll(t);
            assertTrue(after.get(0).inOperation());
        }
    }

    @Test
    void tailStartsAtTheEnd() throws IOException {
        append(log, "old\nold2\n");
        try (FileTail t = open(true)) {
            assertEquals(9, t.position());
            assertTrue(t.inOperation());
            assertEquals(List.of(), texts(readAll(t)));
            append(log, "new\n");
            List<FileLine> lines = readAll(t);
            assertEquals(List.of("new"), texts(lines));
            assertTrue(lines.get(0).inOperation());
        }
    }

    /**
     * SHA-1, as upstream computes it under Python 3 (its {@code md5sum} falls back to {@code hashlib.sha1}; the values
     * are Python's): a position stored by Python fail2ban then resumes instead of reading the log again.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'first line\\nsecond\\n'|e32c72173d6151f438f6ff3a85c56a46ed99ca81",
        "'a\\n'|3f786850e387550fdab836ed7e6dc881de23001b",
        "'no end'|''",
        "''|''",
    })
    void firstLineHashIsSha1OfTheFirstCompleteLine(String content, String sha1) throws IOException {
        append(log, content.replace("\\n", "\n"));
        try (FileTail t = open(false)) {
            assertEquals(sha1, t.firstLineHash());
            assertEquals(new FilePosition(log.toString(), sha1, 0), t.filePosition());
        }
    }

    @Test
    void hashAppearsOnceTheFirstLineIsComplete() throws IOException {
        append(log, "a");
        try (FileTail t = open(false)) {
            assertEquals("", t.firstLineHash());
            append(log, "\nb\n");
            assertEquals(List.of("a", "b"), texts(readAll(t)));
            assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", t.firstLineHash());
        }
    }

    @Test
    void resumeFromAStoredPositionWithoutDoubleCounting() throws IOException {
        append(log, "a\nb\nc\n");
        FilePosition stored;
        try (FileTail t = open(false)) {
            readAll(t);
            stored = t.filePosition();
        }
        append(log, "d\ne\n");
        try (FileTail t = open(false)) {
            assertTrue(t.resume(stored));
            List<FileLine> lines = readAll(t);
            assertEquals(List.of("d", "e"), texts(lines));
            assertFalse(lines.get(0).inOperation(), "catching up after a restart");
        }
    }

    @Test
    void storedPositionOfAnotherFileIsRefused() throws IOException {
        append(log, "x\ny\n");
        try (FileTail t = open(false)) {
            assertFalse(t.resume(new FilePosition(log.toString(), "3f786850e387550fdab836ed7e6dc881de23001b", 2)));
            assertEquals(0, t.position());
            assertEquals(List.of("x", "y"), texts(readAll(t)));
        }
    }

    @Test
    void storedPositionPastTheEndMeansRotated() throws IOException {
        append(log, "a\nb\n");
        try (FileTail t = open(false)) {
            assertTrue(t.resume(new FilePosition(log.toString(), "3f786850e387550fdab836ed7e6dc881de23001b", 1000)));
            assertEquals(List.of("a", "b"), texts(readAll(t)));
        }
    }

    @Test
    void rotationByRenameFinishesTheOldFileFirst() throws IOException {
        append(log, "a1\na2\n");
        try (FileTail t = open(false)) {
            assertEquals(List.of("a1", "a2"), texts(readAll(t)));
            Path rotated = dir.resolve("test.log.1");
            Files.move(log, rotated);
            append(rotated, "a3 after rename\n");
            append(log, "b1\n");
            assertEquals(List.of("a3 after rename", "b1"), texts(readAll(t)));
            append(rotated, "a4 still written to the old file\n");
            append(log, "b2\n");
            assertEquals(List.of("a4 still written to the old file", "b2"), texts(readAll(t)));
            clock.advance(FileTail.RETIRED_GRACE.plusSeconds(1));
            assertEquals(List.of(), texts(readAll(t)));
            assertFalse(t.needsRead(), "old file closed after the grace time");
            append(rotated, "a5 too late\n");
            append(log, "b3\n");
            assertEquals(List.of("b3"), texts(readAll(t)));
            assertEquals(9, t.position());
        }
    }

    @Test
    void renamedFileIsFollowedUntilTheNewOneAppears() throws IOException {
        append(log, "a1\n");
        try (FileTail t = open(false)) {
            readAll(t);
            Path rotated = dir.resolve("test.log.1");
            Files.move(log, rotated);
            assertEquals(List.of(), texts(readAll(t)));
            assertTrue(t.isMissing());
            append(rotated, "a2\n");
            assertEquals(List.of("a2"), texts(readAll(t)));
            append(rotated, "a3\n");
            append(log, "b1\n");
            assertEquals(List.of("a3", "b1"), texts(readAll(t)));
            assertFalse(t.isMissing());
        }
    }

    @Test
    void fileMovedAwayAndBackContinuesWhereItWas() throws IOException {
        append(log, "a1\n");
        try (FileTail t = open(false)) {
            readAll(t);
            Path away = dir.resolve("away.log");
            Files.move(log, away);
            assertEquals(List.of(), texts(readAll(t)));
            Files.move(away, log);
            append(log, "a2\n");
            assertEquals(List.of("a2"), texts(readAll(t)));
        }
    }

    @Test
    void truncationIsARotation() throws IOException {
        append(log, "a1 long line\na2 long line\n");
        try (FileTail t = open(false)) {
            readAll(t);
            truncateAndWrite(log, "b1\n");
            assertEquals(List.of("b1"), texts(readAll(t)));
            append(log, "b2\n");
            assertEquals(List.of("b2"), texts(readAll(t)));
        }
    }

    @Test
    void rewrittenFirstLineIsSeenAtTheNextHashCheck() throws IOException {
        append(log, "a\nb\n");
        try (FileTail t = open(false)) {
            readAll(t);
            truncateAndWrite(log, "X\nY\nZ\nW\n");
            assertEquals(List.of("Z", "W"), texts(readAll(t)), "within 30 s only size and inode are compared");
            truncateAndWrite(log, "X\nY\nZ\nW\nV\nU\n");
            clock.advance(FileTail.HASH_RECHECK.plusSeconds(1));
            assertEquals(List.of("X", "Y", "Z", "W", "V", "U"), texts(readAll(t)));
            assertEquals("b5fec669aca110f1505934b1b08ce2351072d16b", t.firstLineHash());
        }
    }

    @Test
    void vanishedFileThatComesBackIsReadFromItsStart() throws IOException {
        append(log, "a1\n");
        try (FileTail t = open(false)) {
            readAll(t);
            Files.delete(log);
            assertEquals(List.of(), texts(readAll(t)));
            assertTrue(t.isMissing());
            assertEquals(List.of(), texts(readAll(t)));
            append(log, "b1\nb2\n");
            assertEquals(List.of("b1", "b2"), texts(readAll(t)));
        }
    }

    @Test
    void missingFileIsRefusedByOpenAndAwaitedOtherwise() throws IOException {
        assertThrows(NoSuchFileException.class, () -> open(false));
        try (FileTail t = FileTail.openOrAwait(log, log.toString(), LogEncoding.UTF_8, true, clock)) {
            assertTrue(t.isMissing());
            assertEquals(List.of(), texts(readAll(t)));
            append(log, "first\nsecond\n");
            assertEquals(List.of("first", "second"), texts(readAll(t)), "a new file is read from its start");
        }
    }

    @Test
    void storedPositionIsCheckedWhenAMissingFileAppears() throws IOException {
        try (FileTail t = FileTail.openOrAwait(log, log.toString(), LogEncoding.UTF_8, false, clock)) {
            assertTrue(t.resume(new FilePosition(log.toString(), "3f786850e387550fdab836ed7e6dc881de23001b", 2)));
            append(log, "a\nb\n");
            assertEquals(List.of("b"), texts(readAll(t)));
        }
    }

    @Test
    void wrongCharactersAreReplacedInUtf8() throws IOException {
        Path wrong = upstream("tests-files/testcase-wrong-char.log");
        try (FileTail t = FileTail.open(wrong, LogEncoding.of("utf-8"), false, clock)) {
            List<String> lines = texts(readAll(t));
            assertEquals(4, lines.size());
            assertEquals("Nov  8 00:16:12 main sshd[32547]: pam_succeed_if(sshd:auth): error retrieving "
                    + "information about user llinco\uFFFDir", lines.get(2));
            assertTrue(lines.get(0).endsWith("Invalid user llinco\\361ir from 192.0.2.0"));
        }
    }

    @Test
    void wrongCharactersDecodeInLatin1() throws IOException {
        Path wrong = upstream("tests-files/testcase-wrong-char.log");
        try (FileTail t = FileTail.open(wrong, LogEncoding.of("latin-1"), false, clock)) {
            assertTrue(texts(readAll(t)).get(2).endsWith("about user llinco\u00f1ir"));
        }
    }

    @Test
    void encodingCanChangeBetweenReads() throws IOException {
        append(log, new byte[] {'a', (byte) 0xe9, '\n'});
        try (FileTail t = open(false)) {
            assertEquals(List.of("a\uFFFD"), texts(readAll(t)));
            t.setEncoding(LogEncoding.of("latin1"));
            append(log, new byte[] {'b', (byte) 0xe9, '\n'});
            assertEquals(List.of("b\u00e9"), texts(readAll(t)));
        }
    }

    @Test
    void utf16LinesSplitOnlyAtEncodedLineEnds() throws IOException {
        // U+010A is 0A 01 in UTF-16LE: its 0A byte is not a line end
        String content = "\u010Aa\r\nb\u00e9\n";
        append(log, content.getBytes(StandardCharsets.UTF_16LE));
        try (FileTail t = FileTail.open(log, LogEncoding.of("utf-16-le"), false, clock)) {
            assertEquals(List.of("\u010Aa", "b\u00e9"), texts(readAll(t)));
            assertEquals(content.getBytes(StandardCharsets.UTF_16LE).length, t.position());
        }
    }

    @Test
    void setPositionRejectsNegative() throws IOException {
        append(log, "a\n");
        try (FileTail t = open(false)) {
            assertThrows(IllegalArgumentException.class, () -> t.setPosition(-1));
            assertThrows(IllegalArgumentException.class, () -> t.read(l -> { }, 0));
        }
    }

    /** Lines "<epoch> text": the dater reads the number. */
    private static Optional<Instant> dater(String line) {
        int sp = line.indexOf(' ');
        if (sp <= 0 || !line.substring(0, sp).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(line.substring(0, sp))));
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 1000",
        "1050, 1050",
        "1051, 1052",
        "999, 1000",
        "1199, 1200",
        "2198, 2198",
        "2199, -1",
        "5000, -1",
    })
    void seekToTimeFindsTheFirstLineAtOrAfter(long seek, long firstExpected) throws IOException {
        append(log, datedLines());
        try (FileTail t = open(false)) {
            t.seekToTime(Instant.ofEpochSecond(seek), FileTailTest::dater);
            List<String> rest = texts(readAll(t));
            if (firstExpected < 0) {
                assertEquals(List.of(), rest);
            } else {
                assertEquals(firstExpected, dater(rest.get(0)).orElseThrow().getEpochSecond(), rest.get(0));
            }
        }
    }

    /** Positions upstream's {@code FileFilter.seekToTime} (fail2ban 1.0.2 = 1.1.1) finds in the same file. */
    @ParameterizedTest
    @CsvSource({
        "1000, 0", "1050, 594", "1051, 617", "999, 0", "1199, 2348", "2198, 14614", "2199, 14638",
        "5000, 14638", "1500, 6035", "1777, 9458",
    })
    void seekToTimeMatchesUpstreamPositions(long seek, long position) throws IOException {
        append(log, datedLines());
        try (FileTail t = open(false)) {
            t.seekToTime(Instant.ofEpochSecond(seek), FileTailTest::dater);
            assertEquals(position, t.position());
        }
    }

    private static String datedLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            b.append(1000 + 2 * i).append(" message number ").append(i).append('\n');
            if (i % 50 == 7) {
                b.append("an undated continuation line\n");
            }
        }
        return b.toString();
    }

    @Test
    void seekToTimeOnAnEmptyFileStaysAtZero() throws IOException {
        Files.createFile(log);
        try (FileTail t = open(false)) {
            t.seekToTime(Instant.ofEpochSecond(5), FileTailTest::dater);
            assertEquals(0, t.position());
        }
    }

    @Test
    void linesCarryInOperationOnlyAfterTheFirstEnd() throws IOException {
        append(log, "a\nb\n");
        try (FileTail t = open(false)) {
            List<FileLine> first = readAll(t);
            assertFalse(first.get(0).inOperation());
            assertFalse(first.get(1).inOperation());
            append(log, "c\n");
            assertTrue(readAll(t).get(0).inOperation());
        }
    }

    @ParameterizedTest
    @CsvSource({"'(dev=fe00,ino=2156051)', 2156051", "other, other"})
    void rotationMessagesShowTheInode(String key, String inode) {
        assertEquals(inode, FileTail.inode(key));
        assertEquals("None", FileTail.inode(null));
    }

    @Test
    void afterCloseReadingReopens() throws IOException {
        append(log, "a\n");
        FileTail t = open(false);
        readAll(t);
        t.close();
        append(log, "b\n");
        assertEquals(List.of("b"), texts(readAll(t)));
        t.close();
        assertEquals(Duration.ofSeconds(30), FileTail.HASH_RECHECK);
    }
}
