package org.fail2ban4j.logging;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Port of the handlers {@code fail2ban/server/server.py:setLogTarget} installs: where log lines go. Each target formats
 * an event with its {@link LogLineFormat} and writes it in one piece; a failed write is reported on the error stream
 * as Python's {@code Handler.handleError} does ({@code --- Logging error ---}) and the event is dropped. Targets are
 * thread-safe.
 */
public interface LogTarget extends Closeable {

    /**
     * Writes one event.
     *
     * @return false when this target is already closed (the caller then writes to the current target instead)
     */
    boolean publish(LogEvent event);

    /** Flushes buffered output (upstream's {@code handler.flush()}). */
    void flush();

    /**
     * Reopens the log file under its name, after logrotate moved it away (upstream's {@code doRollover} of a
     * {@code RotatingFileHandler} without backups). Targets without a file only flush.
     *
     * @return true if a file was reopened, false if this target has no file
     * @throws IOException if the file cannot be opened again (the next event tries again)
     */
    boolean reopen() throws IOException;

    /** Flushes and releases the target; later events are refused ({@link #publish} returns false). */
    @Override
    void close();

    /** A short description for messages, e.g. {@code /var/log/fail2ban.log} or {@code SYSLOG (/dev/log)}. */
    String describe();

    /**
     * A log file, opened for appending (created with mode 0666 less the umask, as Python's {@code open(f, "a")}).
     *
     * @throws IOException if the file cannot be opened
     */
    static LogTarget file(Path file, LogLineFormat format, PrintStream errors) throws IOException {
        return new FileTarget(file, format, errors);
    }

    /** A byte stream such as the process's standard output, written in UTF-8 and flushed after each line. */
    static LogTarget stream(String name, OutputStream out, LogLineFormat format, PrintStream errors) {
        return new StreamTarget(name, out, format, errors);
    }

    /**
     * A syslog socket (datagram, falling back to stream as Python's {@code SysLogHandler}); each line is sent as
     * {@code <PRI>line\0} with PRI = facility * 8 + the level's syslog priority.
     *
     * @param socket the socket path, e.g. {@code /dev/log}
     * @param facility the syslog facility number (daemon = 3)
     */
    static LogTarget syslog(Path socket, int facility, LogLineFormat format, PrintStream errors) {
        return new SyslogTarget(socket, facility, format, errors);
    }

    /**
     * The systemd journal through its native datagram protocol ({@code MESSAGE}, {@code PRIORITY}, {@code LOGGER},
     * {@code THREAD_NAME}, {@code SYSLOG_IDENTIFIER=fail2ban}, as python-systemd's {@code JournalHandler} sends them).
     *
     * @param socket the journal socket, normally {@code /run/systemd/journal/socket}
     */
    static LogTarget journal(Path socket, LogLineFormat format, PrintStream errors) {
        return new JournalTarget(socket, format, errors);
    }
}
