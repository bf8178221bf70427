package org.fail2ban4j.source;

import java.util.Objects;

/**
 * The read position of a log file, as upstream stores it ({@code logs.firstlinemd5}, {@code logs.lastfilepos}).
 *
 * @param sourceId the log path as it was added
 * @param firstLineHash the hex SHA-1 (what upstream computes under Python 3) of the file's first line including its
 *     line end, or {@code ""} when the file had no complete first line (upstream's {@code FileContainer.getHash})
 * @param offset the byte offset reading resumes at
 */
public record FilePosition(String sourceId, String firstLineHash, long offset) implements SourcePosition {

    /** Checks the components: non-null texts, a non-negative offset. */
    public FilePosition {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(firstLineHash, "firstLineHash");
        if (offset < 0) {
            throw new IllegalArgumentException("file position must not be negative: " + offset);
        }
    }
}
