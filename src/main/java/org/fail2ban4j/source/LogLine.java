package org.fail2ban4j.source;

/**
 * One complete log line as a {@link LogSource} delivers it: a line read from a file ({@link FileLine}) or an
 * entry read from the systemd journal ({@link JournalLine}).
 *
 * <p>{@link #inOperation()} is upstream's {@code inOperation} flag at the time the line was read: {@code false}
 * while a source is still catching up on old content (a file read from its start or from a stored position up
 * to its first end, the journal before the entry that was last when the source started), {@code true} for lines
 * that arrived while the source was following new content.
 */
public sealed interface LogLine permits FileLine, JournalLine {

    /** The decoded text, without the line end. */
    String text();

    /** Where the line comes from: the log path as given to the source, or {@code systemd-journal}. */
    String sourceId();

    /** Whether the source had caught up with its input when it read this line. */
    boolean inOperation();
}
