package org.fail2ban4j.date;

import java.time.Instant;
import java.util.Objects;

/**
 * A date found in a log line: the template match (span of the date text in the line, the template) and the time
 * it stands for. Upstream returns the tuple {@code (time, match)} from {@code getTime}/{@code getDate}.
 *
 * @param match where the template matched
 * @param epochSeconds the time in seconds since the epoch (fractions only for epoch templates)
 */
public record DateMatch(TemplateMatch match, double epochSeconds) {

    /** Checks the values. */
    public DateMatch {
        Objects.requireNonNull(match, "match");
        if (Double.isNaN(epochSeconds) || Double.isInfinite(epochSeconds)) {
            throw new IllegalArgumentException("epochSeconds must be finite: " + epochSeconds);
        }
    }

    /** The time as an instant (microsecond precision for fractional epoch values). */
    public Instant instant() {
        long secs = (long) Math.floor(epochSeconds);
        long micros = Math.round((epochSeconds - secs) * 1_000_000d);
        return Instant.ofEpochSecond(secs, micros * 1000L);
    }

    /** The template that found the date. */
    public DateTemplate template() {
        return match.template();
    }

    /** Start of the date text in the line. */
    public int dateStart() {
        return match.dateStart();
    }

    /** End of the date text in the line. */
    public int dateEnd() {
        return match.dateEnd();
    }

    /** The date text as it appears in the line. */
    public String dateText() {
        return match.dateText();
    }
}
