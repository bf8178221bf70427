package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JournalEntryFormatTest {

    /**
     * Golden lines made by {@code make_journal_golden.py}: journalctl's JSON of an entry, and upstream's
     * {@code formatJournalEntry} text and ISO time for the same entry read through python-systemd (offset +01:00).
     */
    static Stream<Arguments> golden() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                JournalEntryFormatTest.class.getResourceAsStream("journal-format-golden.jsonl")),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                Map<String, Object> rec = JSON.std.mapFrom(l);
                out.add(Arguments.of(rec.get("encoding"), rec.get("text"), rec.get("iso"), rec.get("entry")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("golden")
    void formatsAsUpstream(String encoding, String text, String iso, Map<String, Object> entry) {
        JournalEntryFormat f = new JournalEntryFormat(LogEncoding.of(encoding), ZoneOffset.ofHours(1));
        JournalLine line = f.format(entry);
        assertEquals(text, line.text());
        assertEquals(iso, line.isoTime());
        assertEquals(entry.get("__CURSOR"), line.cursor());
        assertEquals("systemd-journal", line.sourceId());
    }

    @Test
    void timePrefersTheSourceTimestamp() {
        JournalEntryFormat f = new JournalEntryFormat(LogEncoding.UTF_8, ZoneOffset.UTC);
        JournalLine l = f.format(Map.of("__CURSOR", "c", "__REALTIME_TIMESTAMP", "1124013600500000",
                "_SOURCE_REALTIME_TIMESTAMP", "1124013599000001", "MESSAGE", "m"));
        assertEquals(Instant.ofEpochSecond(1124013599, 1000), l.time());
        assertEquals(1124013599.000001, l.epochSeconds(), 1e-9);
        assertEquals("2005-08-14T09:59:59.000001+00:00", l.isoTime());
        JournalLine bad = f.format(Map.of("__CURSOR", "c", "__REALTIME_TIMESTAMP", "1124013600500000",
                "_SOURCE_REALTIME_TIMESTAMP", "x", "MESSAGE", "m"));
        assertEquals(Instant.ofEpochSecond(1124013600, 500_000_000), bad.time());
    }

    @Test
    void entriesWithoutCursorOrTimeAreRefused() {
        JournalEntryFormat f = new JournalEntryFormat(LogEncoding.UTF_8, ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class, () -> f.format(Map.of("__REALTIME_TIMESTAMP", "1")));
        assertThrows(IllegalArgumentException.class, () -> f.format(Map.of("__CURSOR", "c")));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, '[    0.000000]'",
        "12345678, 0, '[   12.345678]'",
        "123456789012345, 0, '[123456789.012345]'",
        "1234567890123456, 0, '[1234567890.123456]'",
    })
    void kernelTimeIsPercent12Point6f(long micros, int unused, String expected) {
        assertEquals(expected, JournalEntryFormat.kernelTime(micros));
    }

    /** Expected values from Python 3: {@code int(s)} and {@code int(s, 0)}; empty means ValueError. */
    @ParameterizedTest
    @CsvSource({
        "12, 10, 12",
        "' 12 ', 10, 12",
        "+7, 10, 7",
        "-5, 10, -5",
        "1_000, 10, 1000",
        "1__0, 10, ''",
        "_1, 10, ''",
        "1_, 10, ''",
        "017, 10, 17",
        "017, 0, ''",
        "000, 0, 0",
        "0x1f, 0, 31",
        "0X1F, 0, 31",
        "0x_1f, 0, 31",
        "0o17, 0, 15",
        "0b101, 0, 5",
        "0x1f, 10, ''",
        "abc, 10, ''",
        "'', 10, ''",
        "99999999999999999999, 10, 99999999999999999999",
    })
    void pythonIntParsing(String text, int base, String expected) {
        BigInteger got = JournalEntryFormat.pyInt(text == null ? "" : text, base);
        if (expected == null || expected.isEmpty()) {
            assertNull(got);
        } else {
            assertEquals(new BigInteger(expected), got);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1234, [1234]",
        "0, ",
        "'', ",
        "0x0, [0]",
        "0x10, [16]",
        "x, [b'x']",
    })
    void pidPart(String value, String expected) {
        assertEquals(expected, JournalEntryFormat.pid(value == null ? "" : value));
    }
}
