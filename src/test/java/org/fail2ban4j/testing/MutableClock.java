package org.fail2ban4j.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** An {@link InstantSource} that tests move by hand. Defaults to upstream's test "now", 2005-08-14 10:00 UTC. */
public final class MutableClock implements InstantSource {
    /** Upstream's {@code TEST_NOW}. */
    public static final Instant TEST_NOW = Instant.ofEpochSecond(1124013600L);

    private volatile Instant now;

    public MutableClock() {
        this(TEST_NOW);
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant t) {
        now = t;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void advanceSeconds(long s) {
        now = now.plusSeconds(s);
    }
}
