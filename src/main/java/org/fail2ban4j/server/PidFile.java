package org.fail2ban4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.logging.F2bLoggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of the pid file handling of {@code fail2ban/server/server.py:Server.start}: the file holds the server's
 * process id and a newline; it is written at start (its directory created if needed) and removed at exit. Failures
 * are logged, not fatal, as upstream.
 *
 * <p>Not in upstream: {@link #leftByDeadServer()} tells, before the file is written, whether the previous server
 * ended without a clean stop. Both upstream's server and ours remove the file when they stop cleanly; a file still
 * there whose process is not running (or is this process: a pid used again, as in a restarted container) was left
 * by a server that was killed or crashed.
 */
final class PidFile {
    private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.SERVER);

    private final Path file;

    PidFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Whether a previous server ended without removing this file: the file exists and names no running process
     * other than this one (a text that is no process id counts as stale too).
     *
     * @return the file's modification time (when that server started), or empty for a clean end, a running
     *     server, or a file that cannot be read
     */
    Optional<Instant> leftByDeadServer() {
        String text;
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Unable to read PID file {}: {}", file, e.toString());
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Optional.of(modified);
        }
        if (pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(modified);
    }

    /** Writes this process's id. */
    void write() {
        write(ProcessHandle.current().pid());
    }

    /** Writes a process id. */
    void write(long pid) {
        LOG.debug("Creating PID file {}", file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            LOG.error("Unable to create PID file: {}", e.toString());
        }
    }

    /** Removes the file. */
    void remove() {
        LOG.debug("Remove PID file {}", file);
        try {
            Files.delete(file);
        } catch (IOException e) {
            LOG.error("Unable to remove PID file: {}", e.toString());
        }
    }
}
