package org.fail2ban4j.source;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What every source needs from its jail.
 *
 * @param jailName the jail name, for log messages
 * @param encoding the log encoding ({@code logencoding})
 * @param clock the clock (hash rechecks, pending-file checks, journal "in operation" switch); never read directly
 * @param zone the local zone (journal ISO times)
 * @param maxBatch the most lines one {@code poll} returns
 * @param pollInterval how often a waiting polling source looks at its files (upstream's {@code sleeptime})
 */
public record SourceSettings(String jailName, LogEncoding encoding, InstantSource clock, ZoneId zone, int maxBatch,
        Duration pollInterval) {

    /** Default batch size. */
    public static final int DEFAULT_MAX_BATCH = 1000;
    /** Default poll interval (upstream's {@code Utils.DEFAULT_SLEEP_TIME} is 2 s, jails use 1 s). */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /** Checks the components: no nulls, a positive batch size and interval. */
    public SourceSettings {
        Objects.requireNonNull(jailName, "jailName");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + maxBatch);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
    }

    /** Settings with the default batch size and poll interval. */
    public static SourceSettings of(String jailName, LogEncoding encoding, InstantSource clock, ZoneId zone) {
        return new SourceSettings(jailName, encoding, clock, zone, DEFAULT_MAX_BATCH, DEFAULT_POLL_INTERVAL);
    }

    /** The same settings with another batch size. */
    public SourceSettings withMaxBatch(int lines) {
        return new SourceSettings(jailName, encoding, clock, zone, lines, pollInterval);
    }

    /** The same settings with another poll interval. */
    public SourceSettings withPollInterval(Duration interval) {
        return new SourceSettings(jailName, encoding, clock, zone, maxBatch, interval);
    }

    /** The same settings with another encoding. */
    public SourceSettings withEncoding(LogEncoding enc) {
        return new SourceSettings(jailName, enc, clock, zone, maxBatch, pollInterval);
    }
}
