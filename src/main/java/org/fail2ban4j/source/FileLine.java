package org.fail2ban4j.source;

import java.util.Objects;

/**
 * A line read from a log file.
 *
 * @param text the line decoded with the log encoding, trailing {@code \r}/{@code \n} removed
 * @param sourceId the log path as it was added
 * @param endOffset the byte offset just after the line's {@code \n}; reading resumes there
 * @param inOperation whether the file had been read to its end once before this line
 */
public record FileLine(String text, String sourceId, long endOffset, boolean inOperation) implements LogLine {

    /** Checks the components: non-null texts, a positive end offset. */
    public FileLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceId, "sourceId");
        if (endOffset <= 0) {
            throw new IllegalArgumentException("end offset of a line must be positive: " + endOffset);
        }
    }
}
