package org.fail2ban4j.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/helpers.py:getVerbosityFormat} and of Python's {@code logging.Formatter} with the
 * {@code %}-style: a log line format such as fail2ban's default
 * {@code "%(asctime)s %(name)-24s[%(process)d]: %(levelname)-7s %(message)s"}, compiled once and applied to
 * {@link LogEvent}s. {@code asctime} is written as Python's logging writes it ({@code 2005-08-14 12:00:00,123}, local
 * time of the given zone).
 *
 * <p>Fields: {@code name}, {@code levelname}, {@code levelno}, {@code message}, {@code asctime}, {@code created},
 * {@code msecs}, {@code relativeCreated} (milliseconds since the given start), {@code process}, {@code processName}
 * ({@code MainProcess}), {@code thread} (the Java thread id), {@code threadName}, {@code module} (the last part of the
 * logger name, which is upstream's module name), {@code pathname}/{@code filename} ({@code (unknown file)}),
 * {@code funcName} ({@code (unknown function)}) and {@code lineno} (0): Java loggers do not know their caller cheaply.
 * Conversions {@code s r a d i u x X o e E f F g G c} with Python's flags, width and precision. An unknown field, a
 * conversion that does not fit the field's type, or a format without any field is refused when compiling (Python
 * fails on every record instead).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LogLineFormat {
    /** fail2ban's default line format (verbosity 0, with time and padding). */
    public static final String DEFAULT_FORMAT = "%(asctime)s %(name)-24s[%(process)d]: %(levelname)-7s %(message)s";
    /** Python's {@code logging.Formatter()} without a format: the bare message. */
    public static final String MESSAGE_FORMAT = "%(message)s";

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final DateTimeFormatter ASCTIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** {@code getVerbosityFormat(padding=False)}: drops width and precision of {@code s} fields. */
    private static final Pattern PADDING = Pattern.compile("(?<=\\))-?\\d+(?:\\.\\d+)?s");

    private final String source;
    private final Segment[] segments;
    private final boolean usesTime;
    private final ZoneId zone;
    private final long pid;
    private final Instant start;
    /** The last second's {@code yyyy-MM-dd HH:mm:ss} text (one log line after another mostly share it). */
    private volatile SecondText lastSecond = new SecondText(Long.MIN_VALUE, "");

    private record SecondText(long epochSecond, String text) {
    }

    private LogLineFormat(String source, Segment[] segments, ZoneId zone, long pid, Instant start) {
        this.source = source;
        this.segments = segments;
        this.usesTime = source.contains("%(asctime)");
        this.zone = zone;
        this.pid = pid;
        this.start = start;
    }

    /**
     * Compiles a Python {@code %}-style logging format.
     *
     * @param pyFormat the format, e.g. {@link #DEFAULT_FORMAT}
     * @param zone the zone {@code asctime} is written in
     * @param pid the process id ({@code %(process)d})
     * @param start the start of logging ({@code %(relativeCreated)d} counts from it)
     * @throws IllegalArgumentException {@code Invalid log format '...': reason} for a format Python could not apply
     */
    public static LogLineFormat compile(String pyFormat, ZoneId zone, long pid, Instant start) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        return new LogLineFormat(pyFormat, parse(pyFormat), zone, pid, start);
    }

    /**
     * Port of {@code helpers.py:getVerbosityFormat} with the default {@code fmt=' %(message)s'}: the line format for a
     * verbosity (0 and 1: the default format; 2: time, thread and short level; 3: relative time, thread, name and
     * short level; 4 and more: also module, level number and function), with or without time, with or without
     * padding.
     */
    public static String verbosityFormat(int verbosity, boolean addTime, boolean padding) {
        String fmt = " %(message)s";
        if (verbosity > 1) {
            if (verbosity > 3) {
                fmt = " | %(module)15.15s-%(levelno)-2d: %(funcName)-20.20s |" + fmt;
            }
            if (verbosity > 2) {
                fmt = " +%(relativeCreated)5d %(thread)X %(name)-25.25s %(levelname)-5.5s" + fmt;
            } else {
                fmt = " %(thread)X %(levelname)-5.5s" + fmt;
                if (addTime) {
                    fmt = " %(asctime)-15s" + fmt;
                }
            }
        } else {
            fmt = "%(name)-24s[%(process)d]: %(levelname)-7s" + fmt;
            if (addTime) {
                fmt = "%(asctime)s " + fmt;
            }
        }
        return padding ? fmt : PADDING.matcher(fmt).replaceAll("s");
    }

    /**
     * One line of fail2ban's default format (used where no {@link LogEvent} exists, e.g. the client's own messages).
     *
     * @param when the time of the message
     * @param zone the zone the time is written in
     * @param logger the logger name (padded to 24)
     * @param pid the process id
     * @param level the level name (padded to 7)
     * @param message the message
     */
    public static String format(Instant when, ZoneId zone, String logger, long pid, String level, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append(ASCTIME.format(when.atZone(zone))).append(' ');
        pad(sb.append(logger), logger.length(), 24);
        sb.append('[').append(pid).append("]: ").append(level);
        pad(sb, level.length(), 7);
        return sb.append(' ').append(message).toString();
    }

    /**
     * Python logging's numeric level of a level name: the configuration names of {@link LogLevel#parse} and the
     * display names {@code TRACE}, {@code HEAVY}, {@code #NN-Lev.}; 0 for anything else.
     */
    public static int levelNumber(String level) {
        int n = LogLevel.ofMarkerName(level);
        if (n >= 0) {
            return n;
        }
        try {
            return LogLevel.parse(level);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** The Python format this was compiled from. */
    public String source() {
        return source;
    }

    /** The event as one line (an exception's stack trace follows on the next lines, as Python's formatter does). */
    public String format(LogEvent event) {
        StringBuilder sb = new StringBuilder(96 + event.message().length());
        formatTo(sb, event);
        return sb.toString();
    }

    /** Appends the formatted event to {@code sb}. */
    public void formatTo(StringBuilder sb, LogEvent event) {
        String asctime = usesTime ? asctime(event.time()) : null;
        for (Segment s : segments) {
            s.append(sb, event, this, asctime);
        }
        if (event.thrown() != null) {
            if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
            sb.append(stackTrace(event.thrown()));
        }
    }

    private String asctime(Instant t) {
        long sec = t.getEpochSecond();
        SecondText st = lastSecond;
        if (st.epochSecond != sec) {
            st = new SecondText(sec, ASCTIME_SECONDS.format(Instant.ofEpochSecond(sec).atZone(zone)));
            lastSecond = st;
        }
        int ms = t.getNano() / 1_000_000;
        char[] c = {',', (char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10)};
        return st.text + new String(c);
    }

    /** The exception as Python's {@code formatException} would place it: the stack trace without final newline. */
    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static void pad(StringBuilder sb, int have, int width) {
        for (int i = have; i < width; i++) {
            sb.append(' ');
        }
    }

    @Override
    public String toString() {
        return source;
    }

    // ---- compiling -------------------------------------------------------------------------------------------

    private enum Kind { STR, INT, FLOAT }

    /** The record attributes a format may name. */
    private enum Key {
        NAME("name", Kind.STR), LEVELNAME("levelname", Kind.STR), LEVELNO("levelno", Kind.INT),
        MESSAGE("message", Kind.STR), ASCTIME("asctime", Kind.STR), CREATED("created", Kind.FLOAT),
        MSECS("msecs", Kind.FLOAT), RELATIVE("relativeCreated", Kind.FLOAT), PROCESS("process", Kind.INT),
        PROCESSNAME("processName", Kind.STR), THREAD("thread", Kind.INT), THREADNAME("threadName", Kind.STR),
        MODULE("module", Kind.STR), PATHNAME("pathname", Kind.STR), FILENAME("filename", Kind.STR),
        FUNCNAME("funcName", Kind.STR), LINENO("lineno", Kind.INT);

        final String py;
        final Kind kind;

        Key(String py, Kind kind) {
            this.py = py;
            this.kind = kind;
        }

        static Key of(String name) {
            for (Key k : values()) {
                if (k.py.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private interface Segment {
        void append(StringBuilder sb, LogEvent e, LogLineFormat f, String asctime);
    }

    private record Literal(String text) implements Segment {
        @Override
        public void append(StringBuilder sb, LogEvent e, LogLineFormat f, String asctime) {
            sb.append(text);
        }
    }

    private static Segment[] parse(String fmt) {
        List<Segment> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int fields = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            int at = i;
            i++;
            if (i < n && fmt.charAt(i) == '%') {
                lit.append('%');
                i++;
                continue;
            }
            if (i >= n || fmt.charAt(i) != '(') {
                throw invalid(fmt, "a '%' at index " + at + " without a (field) name; write '%%' for a percent sign");
            }
            int depth = 1;
            int keyStart = ++i;
            while (i < n && depth > 0) {
                char k = fmt.charAt(i++);
                if (k == '(') {
                    depth++;
                } else if (k == ')') {
                    depth--;
                }
            }
            if (depth > 0) {
                throw invalid(fmt, "incomplete field name at index " + at);
            }
            String name = fmt.substring(keyStart, i - 1);
            Key key = Key.of(name);
            if (key == null) {
                throw invalid(fmt, "unknown field " + PyStr.repr(name) + " at index " + at);
            }
            boolean left = false;
            boolean zero = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            for (; i < n; i++) {
                char f = fmt.charAt(i);
                if (f == '-') {
                    left = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    alt = true;
                } else {
                    break;
                }
            }
            int width = -1;
            int ws = i;
            while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                i++;
            }
            if (i > ws) {
                width = parseNumber(fmt, ws, i);
            }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                int ps = ++i;
                while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                    i++;
                }
                precision = i > ps ? parseNumber(fmt, ps, i) : 0;
            }
            if (i < n && fmt.charAt(i) == '*') {
                throw invalid(fmt, "'*' width or precision at index " + i + " needs a tuple, not the record");
            }
            while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                throw invalid(fmt, "incomplete format at index " + at);
            }
            char conv = fmt.charAt(i++);
            checkConversion(fmt, key, conv, at);
            if (lit.length() > 0) {
                out.add(new Literal(lit.toString()));
                lit.setLength(0);
            }
            out.add(new Field(key, conv, left, zero, plus, space, alt, width, precision));
            fields++;
        }
        if (lit.length() > 0) {
            out.add(new Literal(lit.toString()));
        }
        if (fields == 0) {
            throw invalid(fmt, "no %(field)s in it");
        }
        return out.toArray(new Segment[0]);
    }

    private static int parseNumber(String fmt, int from, int to) {
        try {
            return Integer.parseInt(fmt.substring(from, to));
        } catch (NumberFormatException e) {
            throw invalid(fmt, "width or precision too large at index " + from);
        }
    }

    private static void checkConversion(String fmt, Key key, char conv, int at) {
        switch (conv) {
            case 's': case 'r': case 'a':
                return;
            case 'd': case 'i': case 'u': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
                if (key.kind == Kind.STR) {
                    throw invalid(fmt, "%" + conv + " at index " + at + " needs a number, but " + key.py
                            + " is a string");
                }
                return;
            case 'x': case 'X': case 'o': case 'c':
                if (key.kind != Kind.INT) {
                    throw invalid(fmt, "%" + conv + " at index " + at + " needs an integer, but " + key.py + " is a "
                            + (key.kind == Kind.STR ? "string" : "float"));
                }
                return;
            default:
                throw invalid(fmt, "unsupported format character " + PyStr.repr(String.valueOf(conv)) + " at index "
                        + at);
        }
    }

    private static IllegalArgumentException invalid(String fmt, String why) {
        return new IllegalArgumentException("Invalid log format " + PyStr.repr(fmt) + ": " + why);
    }

    // ---- applying ---------------------------------------------------------------------------------------------

    private record Field(Key key, char conv, boolean left, boolean zero, boolean plus, boolean space, boolean alt,
            int width, int precision) implements Segment {

        @Override
        public void append(StringBuilder sb, LogEvent e, LogLineFormat f, String asctime) {
            if (key.kind == Kind.STR) {
                appendText(sb, text(e, f, asctime));
                return;
            }
            if (key.kind == Kind.INT) {
                long v = intValue(e, f);
                switch (conv) {
                    case 's': case 'r': case 'a':
                        appendText(sb, Long.toString(v));
                        return;
                    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
                        appendNumber(sb, v < 0, formatFloat(Math.abs((double) v), conv, precision, alt), "");
                        return;
                    case 'c':
                        appendText(sb, new String(Character.toChars((int) v)));
                        return;
                    default:
                        appendInt(sb, v);
                        return;
                }
            }
            double v = floatValue(e, f);
            switch (conv) {
                case 's': case 'r': case 'a':
                    appendText(sb, floatRepr(v));
                    return;
                case 'd': case 'i': case 'u':
                    appendInt(sb, (long) v);
                    return;
                default:
                    boolean neg = v < 0 || v == 0 && 1 / v < 0;
                    appendNumber(sb, neg, formatFloat(Math.abs(v), conv, precision, alt), "");
            }
        }

        private String text(LogEvent e, LogLineFormat f, String asctime) {
            switch (key) {
                case NAME: return e.logger();
                case LEVELNAME: return LogLevel.name(e.level());
                case MESSAGE: return e.message();
                case ASCTIME: return asctime;
                case PROCESSNAME: return "MainProcess";
                case THREADNAME: return e.threadName();
                case MODULE: return e.logger().substring(e.logger().lastIndexOf('.') + 1);
                case PATHNAME: case FILENAME: return "(unknown file)";
                default: return "(unknown function)";
            }
        }

        private long intValue(LogEvent e, LogLineFormat f) {
            switch (key) {
                case LEVELNO: return e.level();
                case PROCESS: return f.pid;
                case THREAD: return e.threadId();
                default: return 0;
            }
        }

        private double floatValue(LogEvent e, LogLineFormat f) {
            Instant t = e.time();
            switch (key) {
                case CREATED: return t.getEpochSecond() + t.getNano() / 1e9;
                case MSECS: return t.getNano() / 1_000_000;
                default:
                    return (t.getEpochSecond() - f.start.getEpochSecond()) * 1000.0
                            + (t.getNano() - f.start.getNano()) / 1e6;
            }
        }

        private void appendText(StringBuilder sb, String s) {
            if (conv == 'r' || conv == 'a') {
                if (key.kind == Kind.STR) {
                    StringBuilder r = new StringBuilder(s.length() + 2);
                    PyStr.appendRepr(r, s, conv == 'a');
                    s = r.toString();
                }
            }
            if (precision >= 0 && s.codePointCount(0, s.length()) > precision) {
                s = s.substring(0, s.offsetByCodePoints(0, precision));
            }
            if (width < 0) {
                sb.append(s);
                return;
            }
            int len = s.codePointCount(0, s.length());
            if (left) {
                sb.append(s);
                pad(sb, len, width);
            } else {
                pad(sb, len, width);
                sb.append(s);
            }
        }

        private void appendInt(StringBuilder sb, long v) {
            boolean neg = v < 0;
            String digits;
            String prefix = "";
            long a = Math.abs(v);
            switch (conv) {
                case 'x':
                    digits = Long.toHexString(a);
                    prefix = alt ? "0x" : "";
                    break;
                case 'X':
                    digits = Long.toHexString(a).toUpperCase(Locale.ROOT);
                    prefix = alt ? "0X" : "";
                    break;
                case 'o':
                    digits = Long.toOctalString(a);
                    prefix = alt ? "0o" : "";
                    break;
                default:
                    digits = Long.toString(a);
                    break;
            }
            if (precision > digits.length()) {
                digits = "0".repeat(precision - digits.length()) + digits;
            }
            appendNumber(sb, neg, digits, prefix);
        }

        /** Sign, prefix and digits, padded to the width as Python does (zeros go after sign and prefix). */
        private void appendNumber(StringBuilder sb, boolean neg, String digits, String prefix) {
            String sign = neg ? "-" : plus ? "+" : space ? " " : "";
            int len = sign.length() + prefix.length() + digits.length();
            if (width <= len) {
                sb.append(sign).append(prefix).append(digits);
            } else if (left) {
                sb.append(sign).append(prefix).append(digits);
                pad(sb, len, width);
            } else if (zero && !digits.equals("inf") && !digits.equals("nan")) {
                sb.append(sign).append(prefix);
                for (int i = len; i < width; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else {
                pad(sb, len, width);
                sb.append(sign).append(prefix).append(digits);
            }
        }
    }

    /** Python's {@code %e %f %g} (and upper-case forms) of a non-negative value, exactly rounded (half-even). */
    static String formatFloat(double v, char conv, int precision, boolean alt) {
        boolean upper = Character.isUpperCase(conv);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            String s = Double.isNaN(v) ? "nan" : "inf";
            return upper ? s.toUpperCase(Locale.ROOT) : s;
        }
        int prec = precision < 0 ? 6 : precision;
        BigDecimal d = new BigDecimal(v);
        String s;
        switch (Character.toLowerCase(conv)) {
            case 'f':
                s = d.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
                if (alt && prec == 0) {
                    s += ".";
                }
                break;
            case 'e':
                s = exponential(d, prec, alt);
                break;
            default:
                int p = prec == 0 ? 1 : prec;
                int exp = v == 0 ? 0 : exponent(d.round(new MathContext(p, RoundingMode.HALF_EVEN)));
                if (exp >= -4 && exp < p) {
                    s = d.setScale(p - 1 - exp, RoundingMode.HALF_EVEN).toPlainString();
                    if (!alt) {
                        s = stripZeros(s);
                    } else if (s.indexOf('.') < 0) {
                        s += ".";
                    }
                } else {
                    s = exponential(d, p - 1, alt);
                    if (!alt) {
                        int e = s.indexOf('e');
                        s = stripZeros(s.substring(0, e)) + s.substring(e);
                    }
                }
                break;
        }
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static int exponent(BigDecimal d) {
        return d.precision() - d.scale() - 1;
    }

    private static String exponential(BigDecimal d, int prec, boolean alt) {
        String digits;
        int exp;
        if (d.signum() == 0) {
            digits = "0".repeat(prec + 1);
            exp = 0;
        } else {
            BigDecimal r = d.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            digits = r.unscaledValue().toString();
            exp = exponent(r);
            if (digits.length() < prec + 1) {
                digits = digits + "0".repeat(prec + 1 - digits.length());
            } else if (digits.length() > prec + 1) {
                digits = digits.substring(0, prec + 1);
            }
        }
        StringBuilder sb = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
        if (prec > 0 || alt) {
            sb.append('.');
        }
        sb.append(digits, 1, digits.length()).append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code repr(float)}: shortest digits, positional for 1e-4 <= |v| < 1e16, else {@code 1e+16} style. */
    static String floatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            String s = d.toPlainString();
            return s.indexOf('.') < 0 ? s + ".0" : s;
        }
        String digits = d.unscaledValue().abs().toString();
        int exp = exponent(d);
        StringBuilder sb = new StringBuilder(v < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) {
            sb.append('0');
        }
        return sb.append(ae).toString();
    }
}
