package org.fail2ban4j.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;

/** The locking, closed state and error reporting every {@link LogTarget} shares (Python's {@code logging.Handler}). */
abstract class AbstractTarget implements LogTarget {
    final LogLineFormat format;
    private final Supplier<PrintStream> errors;
    private boolean closed;

    AbstractTarget(LogLineFormat format, PrintStream errors) {
        this(format, constant(Objects.requireNonNull(errors, "errors")));
    }

    AbstractTarget(LogLineFormat format, Supplier<PrintStream> errors) {
        this.format = Objects.requireNonNull(format, "format");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    private static Supplier<PrintStream> constant(PrintStream s) {
        return () -> s;
    }

    @Override
    public final synchronized boolean publish(LogEvent event) {
        if (closed) {
            return false;
        }
        try {
            write(event);
        } catch (IOException | RuntimeException e) {
            handleError(e, event);
        }
        return true;
    }

    /** Formats and writes one event (called under the target's lock). */
    abstract void write(LogEvent event) throws IOException;

    @Override
    public synchronized void flush() {
    }

    @Override
    public synchronized boolean reopen() throws IOException {
        flush();
        return false;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            flush();
            release();
        }
    }

    /** Whether {@link #close()} was called (read under the lock). */
    final boolean isClosed() {
        return closed;
    }

    /** Releases the target's resources (called once, under the lock). */
    abstract void release();

    /** Python's {@code Handler.handleError}: tells on the error stream what could not be logged, and why. */
    final void handleError(Exception e, LogEvent event) {
        StringBuilder sb = new StringBuilder("--- Logging error ---\n");
        sb.append(e).append("\nLogged to: ").append(describe()).append("\nMessage: ");
        PyStr.appendRepr(sb, event.message(), false);
        PrintStream err = errors.get();
        err.println(sb);
        err.flush();
    }
}
