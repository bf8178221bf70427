package org.fail2ban4j.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Port of Python's {@code logging.StreamHandler} on {@code sys.stdout}/{@code sys.stderr}: a line, then a flush. */
final class StreamTarget extends AbstractTarget {
    private final String name;
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder(256);

    StreamTarget(String name, OutputStream out, LogLineFormat format, PrintStream errors) {
        super(format, errors);
        this.name = Objects.requireNonNull(name, "name");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    void write(LogEvent event) throws IOException {
        line.setLength(0);
        format.formatTo(line, event);
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            // a closed stream: nothing left to flush
        }
    }

    @Override
    void release() {
        // the process's standard streams stay open
    }

    @Override
    public String describe() {
        return name;
    }
}
