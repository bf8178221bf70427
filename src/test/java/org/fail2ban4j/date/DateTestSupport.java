package org.fail2ban4j.date;

import java.time.Instant;
import java.time.InstantSource;
import java.time.Year;
import java.time.ZoneId;

/** The clock, zone and template sets of upstream's test suite. */
final class DateTestSupport {

    /** Upstream's {@code TEST_NOW}: Sun Aug 14 12:00:00 CEST 2005. */
    static final long TEST_NOW = 1124013600L;
    /** Upstream's test zone ({@code CET-01CEST-02,M3.5.0,M10.5.0}). */
    static final ZoneId ZONE = ZoneId.of("CET");
    /**
     * The year upstream's {@code %ExY} window is built from in its test runs (the real time, 2026 for the
     * expectations recorded here).
     */
    static final Year EX_YEAR = Year.of(2026);

    private DateTestSupport() {
    }

    static InstantSource clock() {
        return InstantSource.fixed(Instant.ofEpochSecond(TEST_NOW));
    }

    static StrptimePattern strptime() {
        return new StrptimePattern(clock(), ZONE, EX_YEAR);
    }

    static DefaultDateTemplates defaults() {
        return new DefaultDateTemplates(strptime());
    }

    /** A clock that tests can move. */
    static final class MovableClock implements InstantSource {
        private Instant now;

        MovableClock(long epochSecond) {
            now = Instant.ofEpochSecond(epochSecond);
        }

        void set(long epochSecond) {
            now = Instant.ofEpochSecond(epochSecond);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
