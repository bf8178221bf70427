package org.fail2ban4j.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Port of the {@code RotatingFileHandler(target)} of {@code server.py:setLogTarget} (no size limit, no backups): a file
 * opened for appending, each line written at once, reopened under its name by {@link #reopen()} (upstream's
 * {@code flushlogs} → {@code doRollover}). After a failed reopen the next event tries to open the file again, as
 * Python's {@code FileHandler.emit} does.
 */
final class FileTarget extends AbstractTarget {
    private final Path file;
    private final StringBuilder line = new StringBuilder(256);
    private FileChannel channel;

    FileTarget(Path file, LogLineFormat format, PrintStream errors) throws IOException {
        super(format, errors);
        this.file = Objects.requireNonNull(file, "file");
        this.channel = open(file);
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    void write(LogEvent event) throws IOException {
        line.setLength(0);
        format.formatTo(line, event);
        line.append('\n');
        if (channel == null) {
            channel = open(file);
        }
        ByteBuffer buf = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public synchronized boolean reopen() throws IOException {
        if (isClosed()) {
            return false;
        }
        release();
        channel = open(file);
        return true;
    }

    @Override
    void release() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file opened for appending loses nothing: every line was written at once
            }
            channel = null;
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
