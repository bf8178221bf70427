package org.fail2ban4j.net;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A settable {@link InstantSource} for this package's tests, starting at upstream's test time 1124013600. */
final class TestClock implements InstantSource {

    static final Instant TEST_NOW = Instant.ofEpochSecond(1124013600);

    private volatile Instant now = TEST_NOW;

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
