package org.fail2ban4j.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Port of {@code fail2ban/server/filter.py:Filter.setLogEncoding} (with {@code FileContainer.decode_line}): the
 * {@code logencoding} of a jail, a Python codec name resolved to a JDK {@link Charset}, with upstream's decoding
 * rules (strict first, {@code 'replace'} after a warning).
 *
 * <p>{@code auto} means the locale's preferred encoding (upstream's
 * {@code helpers.PREFER_ENC}; the C locale counts as UTF-8, as Python 3 coerces it). Names are matched as Python's
 * codec registry does (case and punctuation do not matter, {@code latin-1}, {@code utf8}, {@code cp1252},
 * {@code iso-8859-15}, {@code utf_16_le}... are all known). An unknown name is refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogEncoding {

    private static final char REPLACEMENT = '\uFFFD';

    /** Python codec module names (after alias resolution) whose JDK name differs. */
    private static final Map<String, String> PY_TO_JAVA = new HashMap<>();
    /** Python aliases of those modules. */
    private static final Map<String, String> PY_ALIASES = new HashMap<>();

    static {
        codec("utf_8", "UTF-8", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", "cp65001");
        codec("latin_1", "ISO-8859-1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1",
                "iso_8859_1", "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1");
        codec("ascii", "US-ASCII", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367",
                "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii");
        codec("cp1250", "windows-1250", "1250", "windows_1250");
        codec("cp1251", "windows-1251", "1251", "windows_1251");
        codec("cp1252", "windows-1252", "1252", "windows_1252");
        codec("iso8859_2", "ISO-8859-2", "csisolatin2", "iso_8859_2", "iso_8859_2_1987", "iso_ir_101", "l2",
                "latin2");
        codec("iso8859_5", "ISO-8859-5", "csisolatincyrillic", "cyrillic", "iso_8859_5", "iso_8859_5_1988",
                "iso_ir_144");
        codec("iso8859_15", "ISO-8859-15", "iso_8859_15", "l9", "latin9");
        codec("utf_16", "x-UTF-16LE-BOM", "u16", "utf16");
        codec("utf_16_le", "UTF-16LE", "unicodelittleunmarked", "utf_16le");
        codec("utf_16_be", "UTF-16BE", "unicodebigunmarked", "utf_16be");
        codec("utf_32", "X-UTF-32LE-BOM", "u32", "utf32");
        codec("utf_32_le", "UTF-32LE", "utf_32le");
        codec("utf_32_be", "UTF-32BE", "utf_32be");
        codec("koi8_r", "KOI8-R", "cskoi8r");
        codec("koi8_u", "KOI8-U");
        codec("gb2312", "GB2312", "chinese", "csiso58gb231280", "euc_cn", "euccn", "eucgb2312_cn", "gb2312_1980",
                "gb2312_80", "iso_ir_58");
        codec("gbk", "GBK", "936", "cp936", "ms936");
        codec("gb18030", "GB18030", "gb18030_2000");
        codec("big5", "Big5", "big5_tw", "csbig5");
        codec("shift_jis", "Shift_JIS", "csshiftjis", "s_jis", "shiftjis", "sjis");
        codec("euc_jp", "EUC-JP", "eucjp", "u_jis", "ujis");
        codec("euc_kr", "EUC-KR", "euckr", "korean", "ks_c_5601", "ks_c_5601_1987", "ks_x_1001", "ksc5601",
                "ksx1001");
        codec("cp437", "IBM437", "437", "cspc8codepage437", "ibm437");
        codec("cp850", "IBM850", "850", "cspc850multilingual", "ibm850");
        codec("mac_roman", "x-MacRoman", "macintosh", "macroman");
    }

    private static void codec(String module, String javaName, String... aliases) {
        PY_TO_JAVA.put(module, javaName);
        for (String a : aliases) {
            PY_ALIASES.put(a, module);
        }
    }

    private final String name;
    private final Charset charset;
    private final boolean utf8;
    private final byte[] newline;

    private LogEncoding(String name, Charset charset) {
        this.name = name;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.newline = newlineOf(charset);
    }

    /** UTF-8, the usual encoding. */
    public static final LogEncoding UTF_8 = new LogEncoding("UTF-8", StandardCharsets.UTF_8);

    /**
     * Resolves a {@code logencoding} value; {@code auto} (any case) takes the locale's encoding from the JVM's
     * {@code native.encoding}.
     *
     * @param name a Python codec name or {@code auto}
     * @return the encoding
     * @throws IllegalArgumentException when Python would not know the codec ({@code unknown encoding: x})
     */
    public static LogEncoding of(String name) {
        return of(name, System.getProperty("native.encoding", Charset.defaultCharset().name()));
    }

    /**
     * Resolves a {@code logencoding} value with an explicit locale encoding for {@code auto}.
     *
     * @param name a Python codec name or {@code auto}
     * @param localeEncoding the locale's encoding name (the C locale's {@code ANSI_X3.4-1968} counts as UTF-8)
     * @return the encoding
     */
    public static LogEncoding of(String name, String localeEncoding) {
        Objects.requireNonNull(name, "logencoding");
        if (name.equalsIgnoreCase("auto")) {
            Objects.requireNonNull(localeEncoding, "localeEncoding");
            Charset cs = lookup(localeEncoding);
            if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
                return new LogEncoding("UTF-8", StandardCharsets.UTF_8);
            }
            return new LogEncoding(localeEncoding, cs);
        }
        Charset cs = lookup(name);
        if (cs == null) {
            throw new IllegalArgumentException("unknown encoding: " + name);
        }
        return new LogEncoding(name, cs);
    }

    private static Charset lookup(String name) {
        String norm = normalize(name);
        if (norm.isEmpty()) {
            return null;
        }
        String module = PY_ALIASES.getOrDefault(norm, PY_ALIASES.getOrDefault(norm.replace('.', '_'), norm));
        String java = PY_TO_JAVA.get(module);
        for (String candidate : new String[] {java, name, module.replace('_', '-'), module}) {
            if (candidate == null) {
                continue;
            }
            try {
                return Charset.forName(candidate);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // try the next spelling
            }
        }
        return null;
    }

    /** Python's {@code encodings.normalize_encoding} on the lower-cased name. */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean punct = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '.') {
                if (punct && out.length() > 0) {
                    out.append('_');
                }
                if (c < 0x80) {
                    out.append(c);
                }
                punct = false;
            } else {
                punct = true;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static byte[] newlineOf(Charset cs) {
        byte[] one = "\n".getBytes(cs);
        byte[] two = "\n\n".getBytes(cs);
        int unit = two.length - one.length;
        if (unit <= 0 || unit > one.length) {
            return new byte[] {'\n'};
        }
        byte[] nl = new byte[unit];
        System.arraycopy(one, one.length - unit, nl, 0, unit);
        return nl;
    }

    /** The name as configured, or the locale's encoding for {@code auto} (what upstream reports). */
    public String name() {
        return name;
    }

    /** The JDK charset. */
    public Charset charset() {
        return charset;
    }

    /** The encoded line end: {@code 0A} for ASCII-compatible encodings, {@code 0A 00} for UTF-16LE... */
    byte[] newline() {
        return newline.clone();
    }

    /** Width in bytes of the encoded line end; lines are split at line ends aligned on this unit. */
    int newlineUnit() {
        return newline.length;
    }

    /** Whether {@code b[i..]} holds the encoded line end. */
    boolean isNewlineAt(byte[] b, int i) {
        for (int k = 0; k < newline.length; k++) {
            if (b[i + k] != newline[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes strictly.
     *
     * @return the text, or {@code null} when the bytes are not valid in this encoding
     */
    String decodeStrict(byte[] b, int off, int len) {
        String s = new String(b, off, len, charset);
        if (s.indexOf(REPLACEMENT) < 0) {
            return s;
        }
        if (utf8) {
            return PyUtf8.isValid(b, off, len) ? s : null;
        }
        CharsetDecoder dec = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(b, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Decodes as Python's {@code bytes.decode(enc, 'replace')}. */
    String decodeReplacing(byte[] b, int off, int len) {
        return utf8 ? PyUtf8.decodeReplacing(b, off, len) : new String(b, off, len, charset);
    }

    /** Decodes, replacing invalid bytes; for text upstream decodes with {@code errors='replace'} directly. */
    String decode(byte[] b, int off, int len) {
        String s = decodeStrict(b, off, len);
        return s != null ? s : decodeReplacing(b, off, len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEncoding && ((LogEncoding) o).name.equals(name)
                && ((LogEncoding) o).charset.equals(charset);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + charset.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
