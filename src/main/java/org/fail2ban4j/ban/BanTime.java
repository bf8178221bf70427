package org.fail2ban4j.ban;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.fail2ban4j.expr.PyFloats;

/**
 * A ban duration: a finite number of seconds or {@link #PERMANENT} (upstream's {@code bantime = -1}).
 *
 * <p>Immutable value. As upstream computes ban times with Python numbers, the value keeps whether it is an
 * {@code int} or a {@code float} ({@code 600} against {@code 1630.47...} from a formula or {@code rndtime}), because
 * that shows in texts ({@code seconds2str}) and in the database ({@code bantime} is stored as an integer or a
 * real). Any finite value is accepted, also zero and negative values other than {@code -1} (the upgrade from a
 * version 2 database writes {@code -2}, "unknown"). {@code -1} and {@code -1.0} are {@link #PERMANENT}.
 *
 * <p>Equality is numeric as in Python ({@code 600 == 600.0}).
 */
public final class BanTime {

    /** A permanent ban (upstream {@code -1}). */
    public static final BanTime PERMANENT = new BanTime(-1L);

    /** A {@code Long} or a finite {@code Double}. */
    private final Number value;

    private BanTime(Number value) {
        this.value = value;
    }

    /**
     * Whole seconds (a Python {@code int}).
     *
     * @param seconds any value; {@code -1} gives {@link #PERMANENT}
     * @return the ban time
     */
    public static BanTime ofSeconds(long seconds) {
        return seconds == -1 ? PERMANENT : new BanTime(seconds);
    }

    /**
     * Seconds as a Python {@code float}.
     *
     * @param seconds finite seconds; {@code -1.0} gives {@link #PERMANENT}
     * @return the ban time
     * @throws IllegalArgumentException if {@code seconds} is NaN or infinite
     */
    public static BanTime ofSeconds(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a ban time must be a finite number of seconds, not " + seconds);
        }
        return seconds == -1.0 ? PERMANENT : new BanTime(seconds);
    }

    /**
     * The ban time of a number as upstream holds it (from the database, the wire, a formula or the config).
     *
     * @param seconds a {@code Long}, {@code Integer}, {@code Short}, {@code Byte} or {@code BigInteger} (an
     *     {@code int}) or a {@code Double}, {@code Float} or {@code BigDecimal} (a {@code float}); {@code -1} is
     *     {@link #PERMANENT}
     * @return the ban time
     * @throws IllegalArgumentException for a non-finite float, an integer beyond 64 bits or another type
     */
    public static BanTime of(Number seconds) {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds instanceof Long || seconds instanceof Integer || seconds instanceof Short
                || seconds instanceof Byte) {
            return ofSeconds(seconds.longValue());
        }
        if (seconds instanceof BigInteger b) {
            try {
                return ofSeconds(b.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("ban time out of range: " + b, e);
            }
        }
        if (seconds instanceof Double || seconds instanceof Float || seconds instanceof BigDecimal) {
            return ofSeconds(seconds.doubleValue());
        }
        throw new IllegalArgumentException("not a number of seconds: " + seconds.getClass().getName());
    }

    /**
     * A ban time of a duration: whole seconds stay an {@code int}, a fraction gives a {@code float}.
     *
     * @param duration the duration
     * @return the ban time
     */
    public static BanTime of(Duration duration) {
        if (duration.getNano() == 0) {
            return ofSeconds(duration.getSeconds());
        }
        return ofSeconds(duration.getSeconds() + duration.getNano() / 1e9);
    }

    /** Whether this is {@link #PERMANENT}. */
    public boolean isPermanent() {
        return this == PERMANENT;
    }

    /** Whether upstream would hold this value as a Python {@code float}. */
    public boolean isFloat() {
        return value instanceof Double;
    }

    /**
     * The value as upstream holds it, for the edges (database, wire, formula variables): a {@code Long} or a
     * {@code Double}; {@code -1L} for {@link #PERMANENT}.
     */
    public Number toNumber() {
        return value;
    }

    /**
     * The seconds of a finite ban time.
     *
     * @return the seconds as a double
     * @throws IllegalStateException for {@link #PERMANENT}
     */
    public double seconds() {
        if (isPermanent()) {
            throw new IllegalStateException("a permanent ban time has no seconds");
        }
        return value.doubleValue();
    }

    /**
     * The duration of a finite ban time, to the nanosecond.
     *
     * @return the duration
     * @throws IllegalStateException for {@link #PERMANENT}
     */
    public Duration toDuration() {
        if (isPermanent()) {
            throw new IllegalStateException("a permanent ban time has no duration");
        }
        if (value instanceof Long l) {
            return Duration.ofSeconds(l);
        }
        Instant asInstant = EpochSeconds.toInstant(value.doubleValue());
        return Duration.ofSeconds(asInstant.getEpochSecond(), asInstant.getNano());
    }

    /**
     * Upstream {@code getEndOfBanTime}: {@code start + this}, or {@link EpochSeconds#MAX_TIME} when permanent.
     *
     * @param start the start of the ban
     * @return the end of the ban
     */
    public Instant endOf(Instant start) {
        if (isPermanent()) {
            return EpochSeconds.MAX_TIME;
        }
        return start.plus(toDuration());
    }

    /**
     * This ban time extended by a duration (upstream's prolonging, {@code btm += diftm}); a permanent ban time
     * stays permanent. The result is an {@code int} if both parts are whole seconds and this one is an int.
     *
     * @param extra the extension
     * @return the extended ban time
     */
    public BanTime plus(Duration extra) {
        if (isPermanent()) {
            return this;
        }
        if (value instanceof Long l && extra.getNano() == 0) {
            return ofSeconds(l + extra.getSeconds());
        }
        return ofSeconds(value.doubleValue() + extra.getSeconds() + extra.getNano() / 1e9);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BanTime)) {
            return false;
        }
        BanTime other = (BanTime) o;
        if (value instanceof Long a && other.value instanceof Long b) {
            return a.longValue() == b.longValue();
        }
        return value.doubleValue() == other.value.doubleValue();
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value.doubleValue());
    }

    /** Python's {@code str} of the value: {@code 600}, {@code 1630.4727}, {@code -1} for permanent. */
    @Override
    public String toString() {
        return PyFloats.reprNumber(value);
    }
}
