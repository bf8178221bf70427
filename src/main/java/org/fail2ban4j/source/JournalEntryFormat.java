package org.fail2ban4j.source;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Port of {@code fail2ban/server/filtersystemd.py:FilterSystemd.formatJournalEntry} and {@code getJrnEntTime},
 * on entries as {@code journalctl -o json} writes them, with the field conversions of python-systemd's
 * {@code journal.Reader} that upstream relies on.
 *
 * <p>The line is {@code [_HOSTNAME] IDENT[[PID]]: [kernel time] MESSAGE}: the host when not empty;
 * {@code SYSLOG_IDENTIFIER}, else {@code _COMM}; {@code [SYSLOG_PID]}, else {@code [_PID]} (a PID that Python's
 * {@code int()} reads as 0 counts as missing; one it cannot read is written as Python's bytes repr,
 * {@code [b'abc']}); then {@code :}; for {@code kernel:} the monotonic time as {@code [%12.6f]}; then
 * {@code MESSAGE} (several values joined with a space). Values journalctl writes as byte arrays are decoded as
 * UTF-8, else with the log encoding (replacing what does not decode). Newlines become {@code \n}.
 *
 * <p>The time is {@code _SOURCE_REALTIME_TIMESTAMP}, else {@code __REALTIME_TIMESTAMP}. Its ISO text uses one
 * fixed UTC offset, as python-systemd does (the local offset when the reader was created).
 *
 * <p>Where a field upstream expects once appears several times (other than {@code MESSAGE}), its first value is
 * used; upstream fails on such entries.
 *
 * <p>Immutable and thread-safe.
 */
public final class JournalEntryFormat {

    private final LogEncoding encoding;
    private final ZoneOffset offset;

    /**
     * A formatter.
     *
     * @param encoding decodes values that are not UTF-8 (upstream's {@code uni_decode(v, logencoding)})
     * @param offset the UTC offset of ISO times
     */
    public JournalEntryFormat(LogEncoding encoding, ZoneOffset offset) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.offset = Objects.requireNonNull(offset, "offset");
    }

    /**
     * Formats one entry.
     *
     * @param entry the parsed JSON object: field name to a string, a list of byte values, or a list of those
     * @return the line (not in operation)
     * @throws IllegalArgumentException when the entry has no {@code __CURSOR} or no readable realtime timestamp
     */
    public JournalLine format(Map<String, ?> entry) {
        StringBuilder line = new StringBuilder(128);
        String host = text(first(entry.get("_HOSTNAME")));
        if (!host.isEmpty()) {
            line.append(host);
        }
        String ident = text(first(entry.get("SYSLOG_IDENTIFIER")));
        if (ident.isEmpty()) {
            ident = text(first(entry.get("_COMM")));
        }
        if (!ident.isEmpty()) {
            if (line.length() > 0) {
                line.append(' ');
            }
            int identStart = line.length();
            line.append(ident);
            String pid = pid(first(entry.get("SYSLOG_PID")));
            if (pid == null) {
                pid = pid(first(entry.get("_PID")));
            }
            if (pid != null) {
                line.append(pid);
            }
            line.append(':');
            if (line.length() - identStart == 7 && line.indexOf("kernel:", identStart) == identStart) {
                long micros = micros(first(entry.get("_SOURCE_MONOTONIC_TIMESTAMP")));
                if (micros < 0) {
                    micros = micros(first(entry.get("__MONOTONIC_TIMESTAMP")));
                }
                line.append(' ').append(kernelTime(Math.max(0, micros)));
            }
        }
        Object msg = entry.get("MESSAGE");
        if (line.length() > 0) {
            line.append(' ');
        }
        if (isMultiValue(msg)) {
            List<?> values = (List<?>) msg;
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    line.append(' ');
                }
                line.append(text(values.get(i)));
            }
        } else {
            line.append(text(msg));
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\n') {
                line.replace(i, i + 1, "\\n");
            }
        }
        long micros = micros(first(entry.get("_SOURCE_REALTIME_TIMESTAMP")));
        if (micros < 0) {
            micros = micros(first(entry.get("__REALTIME_TIMESTAMP")));
        }
        if (micros < 0) {
            throw new IllegalArgumentException("journal entry without a realtime timestamp: " + entry.keySet());
        }
        Object cursor = first(entry.get("__CURSOR"));
        if (!(cursor instanceof String)) {
            throw new IllegalArgumentException("journal entry without a cursor: " + entry.keySet());
        }
        Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
        return new JournalLine(line.toString(), isoTime(time), time, (String) cursor, false);
    }

    /** Python's {@code datetime.fromtimestamp(t, tz).isoformat()} with this formatter's fixed offset. */
    public String isoTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), offset);
        StringBuilder b = new StringBuilder(32);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            pad(b.append('.'), micros, 6);
        }
        int secs = offset.getTotalSeconds();
        b.append(secs < 0 ? '-' : '+');
        secs = Math.abs(secs);
        pad(b, secs / 3600, 2).append(':');
        pad(b, secs / 60 % 60, 2);
        if (secs % 60 != 0) {
            pad(b.append(':'), secs % 60, 2);
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** {@code "[%12.6f]" % seconds}, exact from microseconds. */
    static String kernelTime(long micros) {
        String s = (micros / 1_000_000L) + "." + String.format("%06d", micros % 1_000_000L);
        StringBuilder b = new StringBuilder(14).append('[');
        for (int i = s.length(); i < 12; i++) {
            b.append(' ');
        }
        return b.append(s).append(']').toString();
    }

    /** A list whose elements are values (strings or byte lists), as opposed to one value as a byte list. */
    private static boolean isMultiValue(Object v) {
        if (!(v instanceof List)) {
            return false;
        }
        List<?> l = (List<?>) v;
        return !l.isEmpty() && !(l.get(0) instanceof Number);
    }

    private static Object first(Object v) {
        if (isMultiValue(v)) {
            return ((List<?>) v).get(0);
        }
        return v;
    }

    /** The value as text: a string as is, bytes as UTF-8 if valid, else in the log encoding. */
    private String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String) {
            return (String) v;
        }
        byte[] b = bytes(v);
        if (PyUtf8.isValid(b, 0, b.length)) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return encoding.decode(b, 0, b.length);
    }

    private static byte[] bytes(Object v) {
        if (v instanceof String) {
            return ((String) v).getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = ((Number) l.get(i)).byteValue();
            }
            return b;
        }
        return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code [pid]} part for a PID value, or {@code null} when Python would find the value false (absent,
     * empty, or an integer 0).
     */
    static String pid(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            long n = ((Number) v).longValue();
            return n == 0 ? null : "[" + n + "]";
        }
        byte[] b = bytes(v);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        BigInteger n = pyInt(s, 10);
        if (n != null) {
            return n.signum() == 0 ? null : "[" + n + "]";
        }
        if (b.length == 0) {
            return null;
        }
        n = pyInt(s, 0);
        if (n != null) {
            return "[" + n + "]";
        }
        return "[" + PyBytes.repr(b) + "]";
    }

    /** Python's {@code int(s, base)} for base 10 or 0, or {@code null} where it raises {@code ValueError}. */
    static BigInteger pyInt(String text, int base) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        boolean prefixed = false;
        if (base == 0 && s.length() > 1 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                s = s.substring(2);
                prefixed = true;
            }
        }
        if (prefixed && s.startsWith("_")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String digits = s.replace("_", "");
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7F) {
                return null;
            }
        }
        if (base == 0 && !prefixed && digits.length() > 1 && digits.charAt(0) == '0'
                && digits.chars().anyMatch(c -> c != '0')) {
            return null;
        }
        BigInteger n = new BigInteger(digits, radix);
        return neg ? n.negate() : n;
    }

    /** Microseconds from a timestamp field, or -1 when absent or not a decimal integer. */
    private static long micros(Object v) {
        if (v == null) {
            return -1;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        String s = v instanceof String ? ((String) v).strip() : new String(bytes(v), StandardCharsets.ISO_8859_1);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
