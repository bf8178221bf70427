package org.fail2ban4j.ban;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A settable {@link InstantSource} for this package's tests, starting at upstream's test time 1124013600. */
final class MovableClock implements InstantSource {

    static final Instant TEST_NOW = Instant.ofEpochSecond(1124013600);

    private Instant now;

    MovableClock() {
        this(TEST_NOW);
    }

    MovableClock(Instant start) {
        now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void set(Instant t) {
        now = t;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
