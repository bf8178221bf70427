package org.fail2ban4j.source;

import java.time.Duration;
import java.util.List;

/**
 * The port through which a jail's filter gets its log lines: files ({@link FileLogSource}) or the journal
 * ({@link JournalSource}). Lines come in batches of complete lines, in the order they were read.
 *
 * <p>One thread (the jail's filter worker) calls {@link #poll()} and {@link #await(Duration)}; the other methods
 * may be called from any thread.
 */
public interface LogSource extends AutoCloseable {

    /** The backend name this source was created for: {@code polling}, {@code pyinotify} or {@code systemd}. */
    String backend();

    /**
     * One pass without waiting: checks the inputs and returns the lines that are ready, at most the batch size
     * of the {@link SourceSettings}. Read errors are logged and skipped (the input is tried again next time).
     *
     * @return the lines read, possibly none
     */
    List<LogLine> poll();

    /**
     * Waits up to {@code timeout} for lines and returns them as soon as there are some.
     *
     * @param timeout the longest wait
     * @return the lines read; empty after the timeout, after {@link #wakeup()} or once the source is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    List<LogLine> await(Duration timeout) throws InterruptedException;

    /** Makes a thread blocked in {@link #await(Duration)} return early (used to stop a jail). */
    void wakeup();

    /** The read positions to store, one per input. */
    List<SourcePosition> positions();

    /** Releases files, watches and processes; afterwards polls return nothing. */
    @Override
    void close();
}
