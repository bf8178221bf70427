package org.fail2ban4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.fail2ban4j.logging.F2bLoggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of the pid file handling of {@code fail2ban/server/server.py:Server.start}: the file holds the server's
 * process id and a newline; it is written at start (its directory created if needed) and removed at exit. Failures
 * are logged, not fatal, as upstream.
 */
final class PidFile {
    private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.SERVER);

    private final Path file;

    PidFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
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
