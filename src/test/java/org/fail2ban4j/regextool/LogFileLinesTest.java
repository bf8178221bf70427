package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.source.PyBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading log files as upstream's FileContainer does for fail2ban-regex. */
class LogFileLinesTest {
    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();

    private List<String> read(byte[] content, Charset cs) throws Exception {
        Path p = Files.write(dir.resolve("x.log"), content);
        List<String> lines = new ArrayList<>();
        try (LogFileLines l = new LogFileLines(p, cs, (f, raw, first) -> errors.add(PyBytes.repr(raw) + " " + first))) {
            l.forEachRemaining(lines::add);
        }
        return lines;
    }

    @Test
    void lineEndsAreRemovedAndACutLastLineIsNotRead() throws Exception {
        assertEquals(List.of("a", "b", "", "c\u0000d"),
                read("a\r\nb\n\r\nc\u0000d\r\r\ncut".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals(List.of(), read(new byte[0], StandardCharsets.UTF_8));
        assertEquals(List.of(), errors);
    }

    @Test
    void undecodableLinesAreReplacedAndReported() throws Exception {
        byte[] b = {'a', (byte) 0xff, '\n', 'o', 'k', '\n', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        assertEquals(List.of("a\uFFFD", "ok", "\uFFFD\uFFFD\uFFFD"), read(b, StandardCharsets.UTF_8));
        assertEquals(List.of("b'a\\xff\\n' true", "b'\\xed\\xa0\\x80\\n' false"), errors);
    }

    /** The straight decodings (UTF-8 without replacement characters, Latin-1, ASCII) and the strict one agree. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // charset | bytes (hex) | lines (joined with /) | decode errors reported
        "UTF-8      | 68c3a9e282ac0a          | h\u00e9\u20ac     | 0",
        "UTF-8      | efbfbd780d0a            | \ufffdx           | 0",
        "UTF-8      | c30a                    | \ufffd            | 1",
        "UTF-8      | e282ac0d0d0a410a        | \u20ac/A          | 0",
        "US-ASCII   | 410a 80 0a              | A/\ufffd          | 1",
        "ISO-8859-1 | 80ff0d0a                | \u0080\u00ff     | 0",
    })
    void straightDecodingsAgreeWithTheStrictDecoder(String charset, String hex, String expected, int reported)
            throws Exception {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        assertEquals(List.of(org.apache.commons.text.StringEscapeUtils.unescapeJava(expected).split("/")),
                read(b, Charset.forName(charset)));
        assertEquals(reported, errors.size());
    }

    @Test
    void latin1NeverFails() throws Exception {
        byte[] b = {'a', (byte) 0xff, '\n'};
        assertEquals(List.of("a\u00ff"), read(b, StandardCharsets.ISO_8859_1));
        assertEquals(List.of(), errors);
    }

    @Test
    void utf16IsSplitOnDecodedNewlines() throws Exception {
        String text = "\u010a\u0a0a x\n2nd\r\nlast";
        assertEquals(List.of("\u010a\u0a0a x", "2nd"), read(text.getBytes(StandardCharsets.UTF_16LE),
                StandardCharsets.UTF_16LE));
    }

    @Test
    void linesLongerThanTheBuffer() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String big = "\u00e9".repeat(100_000);
        b.writeBytes((big + "\nshort\n" + big + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(big, "short", big), read(b.toByteArray(), StandardCharsets.UTF_8));
    }

    /** Lines cross the reader thread's chunks and batches in order; decoding errors are told at their line. */
    @Test
    void manyLinesKeepTheirOrderAndTheirDecodingErrors() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<String> want = new ArrayList<>();
        List<String> wantErrors = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String text = "line " + i + " " + "x".repeat(i % 97);
            if (i % 4999 == 3) {
                b.writeBytes((text + " ").getBytes(StandardCharsets.UTF_8));
                b.write(0xff);
                b.write('\n');
                want.add(text + " \uFFFD");
                wantErrors.add(PyBytes.repr((text + " \u00ff\n").getBytes(StandardCharsets.ISO_8859_1)) + " "
                        + wantErrors.isEmpty());
            } else {
                b.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
                want.add(text);
            }
        }
        Path p = Files.write(dir.resolve("many.log"), b.toByteArray());
        List<String> got = new ArrayList<>();
        List<String> orderOfErrors = new ArrayList<>();
        try (LogFileLines l = new LogFileLines(p, StandardCharsets.UTF_8, (f, raw, first) -> {
            orderOfErrors.add("error after " + got.size());
            errors.add(PyBytes.repr(raw) + " " + first);
        })) {
            l.forEachRemaining(got::add);
            org.junit.jupiter.api.Assertions.assertTrue(l.hadDecodeErrors());
        }
        assertEquals(want, got);
        assertEquals(wantErrors, errors);
        assertEquals(List.of("error after 3", "error after 5002", "error after 10001", "error after 15000",
                "error after 19999", "error after 24998", "error after 29997"), orderOfErrors);
    }

    /** Closing before the end stops the reader thread, which may be waiting to hand over more lines. */
    @Test
    void closingBeforeTheEnd() throws Exception {
        Path p = Files.write(dir.resolve("long.log"), "some line\n".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        try (LogFileLines l = new LogFileLines(p, StandardCharsets.UTF_8, (f, raw, first) -> errors.add("?"))) {
            assertEquals("some line", l.next());
            assertEquals("some line", l.next());
        }
        assertEquals(List.of(), errors);
    }

    /**
     * The work done ahead: on every line from the first batch at or after {@code scanFrom} on, in order, each result
     * handed with its line; its first line is scanned only once the iterating thread is through the lines before.
     */
    @ParameterizedTest
    @CsvSource({"0", "1", "500", "2000", "9000"})
    void workAheadTakesOverAtABatchOnceTheLinesBeforeAreThrough(long scanFrom) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Path p = Files.writeString(dir.resolve("x.log"), sb);
        java.util.concurrent.atomic.AtomicInteger through = new java.util.concurrent.atomic.AtomicInteger();
        List<String> scanned = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] throughAtFirstScan = {-1};
        LogFileLines.Ahead ahead = (line, hurry) -> {
            if (scanned.isEmpty()) {
                throughAtFirstScan[0] = through.get();
            }
            scanned.add(line);
            return "scan of " + line;
        };
        // a hand-over that waits for lines never through would hang both threads: a failure, not a hang
        int firstScanned = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> {
                    int first = -1;
                    try (LogFileLines l = new LogFileLines(p, StandardCharsets.UTF_8, (f, raw, e) -> { }, ahead,
                            scanFrom)) {
                        for (int i = 0; l.hasNext(); i++) {
                            String line = l.next();
                            assertEquals("line " + i, line);
                            Object scan = l.scanOfLast();
                            if (scan != null && first < 0) {
                                first = i;
                            }
                            assertEquals(first >= 0 ? "scan of " + line : null, scan, line);
                            through.incrementAndGet();
                        }
                    }
                    return first;
                });
        if (scanFrom >= 5000) {
            assertEquals(List.of(), scanned);
            return;
        }
        assertTrue(firstScanned >= scanFrom && firstScanned < scanFrom + 1024, "first scanned " + firstScanned);
        assertEquals(firstScanned, throughAtFirstScan[0], "lines processed before the first scan");
        assertEquals(5000 - firstScanned, scanned.size());
        assertEquals("line " + firstScanned, scanned.get(0));
        assertEquals("line 4999", scanned.get(scanned.size() - 1));
    }

    /** Closed while the reader waits to take over (the lines before are not through): it does not hang. */
    @Test
    void closingWhileTheWorkAheadWaits() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Path p = Files.writeString(dir.resolve("x.log"), sb);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            try (LogFileLines l = new LogFileLines(p, StandardCharsets.UTF_8, (f, raw, first) -> { },
                    (line, hurry) -> line, 100)) {
                for (int i = 0; i < 50; i++) {
                    l.next();
                }
                Thread.sleep(50); // the reader has handed the lines before 160 and waits for them to be through
            }
        });
    }

    @Test
    void pythonEncodingNames() {
        assertEquals(StandardCharsets.ISO_8859_1, LogEncodings.forName("latin-1"));
        assertEquals(StandardCharsets.ISO_8859_1, LogEncodings.forName("Latin_1"));
        assertEquals(StandardCharsets.UTF_8, LogEncodings.forName("utf8"));
        assertEquals(StandardCharsets.UTF_16LE, LogEncodings.forName("utf-16-le"));
        assertEquals(Charset.forName("windows-1252"), LogEncodings.forName("cp1252"));
        assertEquals("unknown encoding: nope", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LogEncodings.forName("nope")).getMessage());
    }

    /** The newline search agrees with a plain scan at every position, for bytes around 0x0A and above 0x7F. */
    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0", "7, 0", "8, 0", "9, 1", "16, 3", "17, 5", "40, 7"})
    void newlineSearchFindsTheFirstNewline(int length, int from) {
        byte[] values = {'\n', 0x0B, 0x09, 0x00, (byte) 0x8A, (byte) 0xFF, 'a', (byte) (0x0A ^ 0x80), 0x01};
        for (int seed = 0; seed < 200; seed++) {
            byte[] b = new byte[length + 3];
            long x = seed * 0x9E3779B97F4A7C15L + length;
            for (int i = 0; i < b.length; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                // mostly other bytes, sometimes a newline or a byte that differs from it in one bit
                b[i] = (x & 7) == 0 ? values[(int) ((x >>> 8) & 0xFF) % values.length] : (byte) ('b' + (x & 3));
            }
            int want = from;
            while (want < length && b[want] != '\n') {
                want++;
            }
            assertEquals(want, LogFileLines.indexOfNewline(b, from, length), "seed " + seed);
        }
    }
}
