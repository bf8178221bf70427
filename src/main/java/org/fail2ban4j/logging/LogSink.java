package org.fail2ban4j.logging;

import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where every logger of one logging setup writes: the current threshold (upstream's level of the {@code fail2ban}
 * logger) and the current target (its one handler), both swapped at run time without locking the loggers. An event
 * that meets a target being closed is written to the one that replaced it.
 */
final class LogSink {
    /** The clock of a sink nobody configured yet: its last-resort target writes no time. */
    private static final InstantSource UNSET_CLOCK = InstantSource.fixed(Instant.EPOCH);

    private volatile int threshold = LogLevel.WARNING;
    private volatile LogTarget target;
    private volatile InstantSource clock = UNSET_CLOCK;

    /** A sink writing WARNING and above as bare messages to the given standard error (Python's last resort). */
    LogSink(Supplier<PrintStream> stderr) {
        this.target = lastResort(stderr);
    }

    static LogTarget lastResort(Supplier<PrintStream> stderr) {
        return new LastResortTarget(stderr, LogLineFormat.compile(LogLineFormat.MESSAGE_FORMAT, ZoneOffset.UTC, 0,
                Instant.EPOCH));
    }

    boolean isEnabled(int level) {
        return level >= threshold;
    }

    int threshold() {
        return threshold;
    }

    void threshold(int level) {
        threshold = level;
    }

    void clock(InstantSource c) {
        clock = Objects.requireNonNull(c, "clock");
    }

    LogTarget target() {
        return target;
    }

    /** Makes {@code t} the target; returns the previous one (still open: the caller closes it). */
    LogTarget swap(LogTarget t) {
        LogTarget old = target;
        target = Objects.requireNonNull(t, "target");
        return old;
    }

    /** Writes an event if the level passes the threshold. */
    void log(String logger, int level, String message, Throwable thrown) {
        if (level < threshold) {
            return;
        }
        Thread th = Thread.currentThread();
        LogEvent e = new LogEvent(clock.instant(), logger, level, message, thrown, th.getId(), th.getName());
        for (int tries = 0; tries < 4; tries++) {
            if (target.publish(e)) {
                return;
            }
        }
    }
}
