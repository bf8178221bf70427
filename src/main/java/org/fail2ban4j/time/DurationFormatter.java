package org.fail2ban4j.time;

import org.fail2ban4j.expr.PyFloats;

/**
 * Port of {@code fail2ban/server/mytime.py:MyTime.seconds2str}: a short human text for a number of seconds with at
 * most three groups and automatic accuracy: from a year up ({@code 1y 3w 4d}) rounded to days, from a week
 * ({@code 2w 1d 5h}) to hours, from a day ({@code 2d 7h 15m}) to minutes, from 3595 seconds ({@code 3h 31m}) to
 * ten seconds, below that exact ({@code 59m 50s}, {@code 59s}); zero is {@code 0}.
 *
 * <p>Like upstream the text depends on whether the number is a Python {@code int} or {@code float} below one hour:
 * {@code seconds2str(59.0)} is {@code 59.0s} and {@code seconds2str(65.5)} is {@code 1.0m 5.5s}.
 * {@link #format(Number)} keeps that distinction ({@code Long}/{@code Integer} are ints, {@code Double} is a
 * float); {@link #format(double)} treats integral values as ints.
 */
public final class DurationFormatter {

    private DurationFormatter() {
    }

    /**
     * Formats seconds; an integral value is treated as a Python {@code int} ({@code 59.0} gives {@code 59s}),
     * any other as a {@code float}.
     *
     * @param seconds finite number of seconds
     * @return the text
     * @throws IllegalArgumentException if {@code seconds} is infinite
     */
    public static String format(double seconds) {
        if (seconds == Math.rint(seconds) && Math.abs(seconds) < 0x1p63) {
            return format((long) seconds);
        }
        return formatFloat(seconds);
    }

    /**
     * Formats whole seconds (a Python {@code int}).
     *
     * @param seconds the seconds
     * @return the text, for example {@code 2d 7h 15m}
     */
    public static String format(long seconds) {
        if (seconds >= 3595) {
            return large(seconds);
        }
        StringBuilder r = new StringBuilder();
        long s = seconds;
        if (s >= 60) {
            r.append(Math.floorDiv(s, 60)).append("m ");
            s = Math.floorMod(s, 60);
        }
        if (s != 0) {
            r.append(s).append("s ");
        } else if (seconds == 0) {
            r.append("0 ");
        }
        return trimLast(r);
    }

    /**
     * Formats seconds keeping Python's type: {@code Long}, {@code Integer}, {@code Short}, {@code Byte} as
     * {@code int}, {@code Double} and {@code Float} as {@code float}.
     *
     * @param seconds the seconds
     * @return the text
     * @throws IllegalArgumentException if a float is infinite
     */
    public static String format(Number seconds) {
        if (seconds instanceof Double || seconds instanceof Float) {
            return formatFloat(seconds.doubleValue());
        }
        return format(seconds.longValue());
    }

    private static String formatFloat(double sec) {
        if (Double.isInfinite(sec)) {
            throw new IllegalArgumentException("cannot format an infinite number of seconds: " + sec);
        }
        if (sec >= 3595) {
            return large(sec);
        }
        StringBuilder r = new StringBuilder();
        double s = sec;
        if (s >= 60) {
            double mod = s % 60; // positive operands: Python's float // and % reduce to this
            r.append(PyFloats.repr(Math.floor((s - mod) / 60))).append("m ");
            s = mod;
        }
        if (s != 0) { // NaN is true in Python as well
            r.append(PyFloats.repr(s)).append("s ");
        } else if (sec == 0) {
            r.append("0 ");
        }
        return trimLast(r);
    }

    /** The branches from 3595 seconds up, where upstream rounds to an int first. */
    private static String large(double sec) {
        StringBuilder r = new StringBuilder();
        if (sec >= 31536000) {
            long s = roundHalfEven(sec / 86400);
            r.append(s / 365).append("y ");
            s %= 365;
            if (s >= 7) {
                r.append(s / 7).append("w ");
                s %= 7;
            }
            if (s != 0) {
                r.append(s).append("d ");
            }
        } else if (sec >= 604800) {
            long s = roundHalfEven(sec / 3600);
            r.append(s / 168).append("w ");
            s %= 168;
            if (s >= 24) {
                r.append(s / 24).append("d ");
                s %= 24;
            }
            if (s != 0) {
                r.append(s).append("h ");
            }
        } else if (sec >= 86400) {
            long s = roundHalfEven(sec / 60);
            r.append(s / 1440).append("d ");
            s %= 1440;
            if (s >= 60) {
                r.append(s / 60).append("h ");
                s %= 60;
            }
            if (s != 0) {
                r.append(s).append("m ");
            }
        } else {
            long s = roundHalfEven(sec / 10);
            r.append(s / 360).append("h ");
            s %= 360;
            if (s >= 6) {
                r.append(s / 6).append("m ");
            }
        }
        return trimLast(r);
    }

    /** Python 3's {@code int(round(x))}. */
    private static long roundHalfEven(double x) {
        return (long) Math.rint(x);
    }

    private static String trimLast(StringBuilder r) {
        if (r.length() > 0) {
            r.setLength(r.length() - 1);
        }
        return r.toString();
    }
}
