package org.fail2ban4j.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** The slf4j logger factory of one {@link LogSink}: one logger per name, all writing to that sink. */
final class F2bLoggerFactory implements ILoggerFactory {
    private final LogSink sink;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    F2bLoggerFactory(LogSink sink) {
        this.sink = sink;
    }

    LogSink sink() {
        return sink;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new F2bLogger(n, sink));
    }
}
