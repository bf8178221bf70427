package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogEncodingTest {

    @ParameterizedTest
    @CsvSource({
        "utf-8, UTF-8",
        "UTF8, UTF-8",
        "utf_8, UTF-8",
        "U8, UTF-8",
        "latin-1, ISO-8859-1",
        "latin1, ISO-8859-1",
        "ISO-8859-1, ISO-8859-1",
        "iso8859-1, ISO-8859-1",
        "L1, ISO-8859-1",
        "ascii, US-ASCII",
        "us-ascii, US-ASCII",
        "ANSI_X3.4-1968, US-ASCII",
        "cp1252, windows-1252",
        "Windows-1252, windows-1252",
        "iso-8859-15, ISO-8859-15",
        "latin9, ISO-8859-15",
        "utf-16-le, UTF-16LE",
        "UTF-16BE, UTF-16BE",
        "koi8-r, KOI8-R",
        "shift_jis, Shift_JIS",
        "euc-jp, EUC-JP",
        "gb18030, GB18030",
    })
    void pythonCodecNamesResolve(String name, String charset) {
        LogEncoding e = LogEncoding.of(name, "UTF-8");
        assertEquals(charset, e.charset().name());
        assertEquals(name, e.name());
    }

    @ParameterizedTest
    @CsvSource({
        "auto, UTF-8, UTF-8",
        "AUTO, UTF-8, UTF-8",
        "auto, ISO-8859-1, ISO-8859-1",
        "auto, ANSI_X3.4-1968, UTF-8",
        "auto, US-ASCII, UTF-8",
    })
    void autoIsTheLocaleEncoding(String name, String locale, String charset) {
        assertEquals(charset, LogEncoding.of(name, locale).charset().name());
    }

    @Test
    void unknownEncodingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogEncoding.of("no-such-codec"));
        assertEquals("unknown encoding: no-such-codec", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogEncoding.of("---"));
    }

    @ParameterizedTest
    @CsvSource({
        "utf-8, 0a",
        "latin-1, 0a",
        "utf-16-le, 0a00",
        "utf-16-be, 000a",
        "utf-16, 0a00",
        "utf-32-le, 0a000000",
    })
    void lineEndIsEncoded(String name, String hex) {
        LogEncoding e = LogEncoding.of(name);
        assertEquals(hex, HexFormat.of().formatHex(e.newline()));
        assertEquals(hex.length() / 2, e.newlineUnit());
    }

    @Test
    void strictDecodingReportsInvalidBytes() {
        byte[] bad = {'a', (byte) 0xff, 'b'};
        assertNull(LogEncoding.UTF_8.decodeStrict(bad, 0, 3));
        assertEquals("a\uFFFDb", LogEncoding.UTF_8.decodeReplacing(bad, 0, 3));
        byte[] realReplacement = "x\uFFFDy".getBytes(StandardCharsets.UTF_8);
        assertEquals("x\uFFFDy", LogEncoding.UTF_8.decodeStrict(realReplacement, 0, realReplacement.length));
        assertEquals("a\u00ffb", LogEncoding.of("latin-1").decodeStrict(bad, 0, 3));
        byte[] cp1252Undefined = {'a', (byte) 0x81};
        assertNull(LogEncoding.of("cp1252").decodeStrict(cp1252Undefined, 0, 2));
        assertEquals("a\uFFFD", LogEncoding.of("cp1252").decode(cp1252Undefined, 0, 2));
    }

    @ParameterizedTest
    @CsvSource({
        "Latin-1, latin_1",
        "' utf 8 ', utf_8",
        "ISO_8859-1:1987, iso_8859_1_1987",
        "ansi_x3.4-1968, ansi_x3.4_1968",
    })
    void namesNormaliseAsPython(String name, String normalized) {
        assertEquals(normalized, LogEncoding.normalize(name));
    }
}
