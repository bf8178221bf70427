package org.fail2ban4j.date;

import java.util.Objects;

/**
 * A template of a {@link DateDetector} with that detector's statistics (upstream's {@code DateDetectorTemplate}),
 * as {@code fail2ban-regex} reports them under "Date template hits".
 *
 * @param template the template
 * @param hits how many lines this detector dated with it
 * @param weight the ranking weight: hits times the template's weight, divided by the distance of the last date
 *        from the line start (at least 1)
 */
public record TemplateHits(DateTemplate template, int hits, double weight) {

    /** Checks the values. */
    public TemplateHits {
        Objects.requireNonNull(template, "template");
        if (hits < 0) {
            throw new IllegalArgumentException("hits must not be negative: " + hits);
        }
    }
}
