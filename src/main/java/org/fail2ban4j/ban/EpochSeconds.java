package org.fail2ban4j.ban;

import java.time.Instant;
import java.util.Objects;
import org.fail2ban4j.expr.PyFloats;

/**
 * Conversions between {@link Instant} and the epoch seconds of upstream ({@code MyTime.time()}, a Python
 * {@code float}) at the edges that store or show them (the database, the wire, log texts).
 *
 * <p>A double converted to an {@code Instant} and back gives the same double for every time of the last and the
 * next centuries: the nanosecond rounding error is far below half an ulp of such a double.
 */
public final class EpochSeconds {

    /** Upstream {@code Ticket.MAX_TIME} ({@code 0x7FFFFFFFFFFF} seconds, year 4461763): the end of a permanent ban. */
    public static final Instant MAX_TIME = Instant.ofEpochSecond(0x7FFF_FFFF_FFFFL);

    private static final double NANOS = 1e9;

    private EpochSeconds() {
    }

    /**
     * The instant of a Python float epoch time, to the nearest nanosecond.
     *
     * @param seconds finite seconds since the epoch
     * @return the instant
     * @throws IllegalArgumentException if {@code seconds} is not finite or out of {@link Instant}'s range
     */
    public static Instant toInstant(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) >= 0x1p62) {
            throw new IllegalArgumentException("not a usable epoch time in seconds: " + seconds);
        }
        double whole = Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * NANOS);
        long secs = (long) whole;
        if (nanos >= 1_000_000_000L) {
            secs++;
            nanos -= 1_000_000_000L;
        }
        return Instant.ofEpochSecond(secs, nanos);
    }

    /**
     * The instant of an epoch time as read from the database or the wire: a {@code Long}/{@code Integer} is whole
     * seconds, a {@code Double}/{@code Float} a Python float.
     *
     * @param seconds the number (not {@code null})
     * @return the instant
     * @throws IllegalArgumentException for a float that is not finite
     */
    public static Instant toInstant(Number seconds) {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds instanceof Double || seconds instanceof Float) {
            return toInstant(seconds.doubleValue());
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }

    /**
     * The Python float epoch time of an instant ({@code seconds + nanos / 1e9}).
     *
     * @param time the instant
     * @return the seconds
     */
    public static double toDouble(Instant time) {
        return time.getEpochSecond() + time.getNano() / NANOS;
    }

    /**
     * Upstream's {@code int(round(t))}: whole seconds, a half rounded to the even neighbour as Python's
     * {@code round} does.
     *
     * @param time the instant
     * @return the rounded seconds
     */
    public static long roundHalfEven(Instant time) {
        long s = time.getEpochSecond();
        int n = time.getNano();
        if (n > 500_000_000 || (n == 500_000_000 && (s & 1) != 0)) {
            return s + 1;
        }
        return s;
    }

    /**
     * The Python text of an epoch time: {@code 1124013600.0}, {@code 1388009242.26}.
     *
     * @param time the instant
     * @return Python's {@code repr} of the float seconds
     */
    public static String repr(Instant time) {
        return PyFloats.repr(toDouble(time));
    }
}
