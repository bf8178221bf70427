package org.fail2ban4j.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LogSource} that follows log files (upstream's {@code FileFilter}). Paths arrive resolved: expanding
 * globs is the caller's job. A path whose file does not exist yet is followed all the same and read from its
 * start once the file appears; a file that disappears (rotation) is followed again when it comes back.
 */
public interface FileLogSource extends LogSource {

    /**
     * Starts following a log file (upstream's {@code addLogPath}).
     *
     * @param path the log file
     * @param tail start at the current end (only new lines) instead of at the start
     * @param stored a stored position; taken, when not {@code tail}, if its first-line hash matches the file's
     * @return {@code false} when the path is already followed (upstream logs {@code "<path> already exists"})
     * @throws IOException when the file exists but cannot be read
     */
    boolean addLogPath(Path path, boolean tail, Optional<FilePosition> stored) throws IOException;

    /**
     * Stops following a log file (upstream's {@code delLogPath}).
     *
     * @return whether the path was followed
     */
    boolean delLogPath(Path path);

    /** The followed paths, in the order they were added. */
    List<Path> logPaths();

    /** Whether the path is followed. */
    boolean containsLogPath(Path path);

    /** Changes the log encoding of every followed file (upstream's {@code setLogEncoding}). */
    void setLogEncoding(LogEncoding encoding);

    /**
     * Moves the position of a followed file forward to the first line dated at or after {@code time}
     * (upstream's start-up {@code seekToTime}, done for files added without {@code tail}).
     *
     * @return whether the path is followed
     * @throws IOException when the file cannot be read
     */
    boolean seekToTime(Path path, Instant time, LineDater dater) throws IOException;

    /** The position of one followed file. */
    Optional<FilePosition> position(Path path);
}
