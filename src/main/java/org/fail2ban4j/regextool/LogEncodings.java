package org.fail2ban4j.regextool;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * The Java charset for a Python encoding name ({@code -e utf-8}, {@code latin-1}, {@code latin1}, {@code cp1252},
 * {@code utf_16}...): Python's own spellings and aliases for the common encodings, then any name Java knows.
 */
final class LogEncodings {
    private static final Map<String, String> PYTHON_ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("utf_8", "UTF-8"), Map.entry("u8", "UTF-8"),
            Map.entry("utf", "UTF-8"), Map.entry("cp65001", "UTF-8"),
            Map.entry("latin1", "ISO-8859-1"), Map.entry("latin_1", "ISO-8859-1"), Map.entry("l1", "ISO-8859-1"),
            Map.entry("iso8859_1", "ISO-8859-1"), Map.entry("iso_8859_1", "ISO-8859-1"),
            Map.entry("8859", "ISO-8859-1"), Map.entry("cp819", "ISO-8859-1"), Map.entry("latin", "ISO-8859-1"),
            Map.entry("ascii", "US-ASCII"), Map.entry("us_ascii", "US-ASCII"), Map.entry("646", "US-ASCII"),
            Map.entry("utf_16", "UTF-16"), Map.entry("utf16", "UTF-16"), Map.entry("u16", "UTF-16"),
            Map.entry("utf_16_le", "UTF-16LE"), Map.entry("utf_16le", "UTF-16LE"),
            Map.entry("utf_16_be", "UTF-16BE"), Map.entry("utf_16be", "UTF-16BE"),
            Map.entry("utf_32", "UTF-32"), Map.entry("utf32", "UTF-32"), Map.entry("u32", "UTF-32"),
            Map.entry("utf_32_le", "UTF-32LE"), Map.entry("utf_32_be", "UTF-32BE"),
            Map.entry("cp1252", "windows-1252"), Map.entry("windows_1252", "windows-1252"),
            Map.entry("latin9", "ISO-8859-15"), Map.entry("iso8859_15", "ISO-8859-15"),
            Map.entry("iso_8859_15", "ISO-8859-15"), Map.entry("l9", "ISO-8859-15"));

    private LogEncodings() {
    }

    /**
     * @throws IllegalArgumentException {@code unknown encoding: NAME} (Python's {@code LookupError} text)
     */
    static Charset forName(String name) {
        String norm = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_");
        String alias = PYTHON_ALIASES.get(norm);
        try {
            return Charset.forName(alias != null ? alias : name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            try {
                return Charset.forName(norm.replace('_', '-'));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e2) {
                throw new IllegalArgumentException("unknown encoding: " + name, e);
            }
        }
    }
}
