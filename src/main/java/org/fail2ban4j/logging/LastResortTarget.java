package org.fail2ban4j.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Python's {@code logging.lastResort}: until a target is set, records reach standard error as the bare message
 * ({@code %(message)s}), WARNING and above whatever the level (Python's {@code _StderrHandler(WARNING)}). It needs no
 * clock and no process id.
 */
final class LastResortTarget extends AbstractTarget {
    private final Supplier<PrintStream> err;

    LastResortTarget(Supplier<PrintStream> err, LogLineFormat messageOnly) {
        super(messageOnly, err);
        this.err = err;
    }

    @Override
    void write(LogEvent event) throws IOException {
        if (event.level() < LogLevel.WARNING) {
            return;
        }
        PrintStream s = err.get();
        s.write((format.format(event) + "\n").getBytes(StandardCharsets.UTF_8));
        s.flush();
    }

    @Override
    public synchronized void flush() {
        err.get().flush();
    }

    @Override
    void release() {
        // standard error stays open
    }

    @Override
    public String describe() {
        return "lastResort";
    }
}
