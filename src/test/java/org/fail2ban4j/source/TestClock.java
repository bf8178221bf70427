package org.fail2ban4j.source;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;

/** A settable clock for the source tests, starting at upstream's test time (1124013600, CET). */
final class TestClock implements InstantSource {

    static final Instant START = Instant.ofEpochSecond(1124013600);
    static final ZoneId ZONE = ZoneId.of("CET");

    private volatile Instant now = START;

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    void set(Instant t) {
        now = t;
    }
}
