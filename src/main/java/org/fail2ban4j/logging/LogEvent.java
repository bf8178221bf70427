package org.fail2ban4j.logging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One log record, as upstream's {@code logging.LogRecord} carries it to a handler: when, which logger, the numeric
 * level, the message with its arguments already substituted, an optional exception and the logging thread.
 *
 * @param time when it was logged (from the injected clock)
 * @param logger the logger name, e.g. {@code fail2ban.actions}
 * @param level the fail2ban level ({@link LogLevel})
 * @param message the message text
 * @param thrown the exception logged with it, or null
 * @param threadId the id of the logging thread ({@code %(thread)X})
 * @param threadName the name of the logging thread ({@code %(threadName)s})
 */
public record LogEvent(Instant time, String logger, int level, String message, Throwable thrown, long threadId,
        String threadName) {

    public LogEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(threadName, "threadName");
    }

    /** An event of the current thread without exception. */
    public static LogEvent of(Instant time, String logger, int level, String message) {
        Thread t = Thread.currentThread();
        return new LogEvent(time, logger, level, message, null, t.getId(), t.getName());
    }

    /** The exception logged with the message, if any. */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(thrown);
    }
}
