package org.fail2ban4j.logging;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An slf4j logger writing to a {@link LogSink} at fail2ban's levels ({@link LogLevel#of}): level markers
 * ({@code NOTICE}, {@code MSG}, {@code CRITICAL}, {@code #09-Lev.} ...) decide the level, and so whether the call is
 * enabled; {@code {}} placeholders are filled as slf4j does.
 */
final class F2bLogger extends AbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    private final transient LogSink sink;

    F2bLogger(String name, LogSink sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        String message = arguments == null || arguments.length == 0 ? String.valueOf(messagePattern)
                : MessageFormatter.basicArrayFormat(messagePattern, arguments);
        sink.log(name, LogLevel.of(level, marker), message, throwable);
    }

    /** The fluent API's events (slf4j 2 {@code atInfo().addMarker(...).log(...)}). */
    @Override
    public void log(LoggingEvent event) {
        int level = -1;
        List<Marker> markers = event.getMarkers();
        if (markers != null) {
            for (Marker m : markers) {
                level = LogLevel.ofMarker(m);
                if (level >= 0) {
                    break;
                }
            }
        }
        if (level < 0) {
            level = LogLevel.of(event.getLevel(), null);
        }
        if (!sink.isEnabled(level)) {
            return;
        }
        Object[] args = event.getArgumentArray();
        String message = args == null || args.length == 0 ? String.valueOf(event.getMessage())
                : MessageFormatter.basicArrayFormat(event.getMessage(), args);
        sink.log(name, level, message, event.getThrowable());
    }

    private boolean enabled(Level level, Marker marker) {
        return sink.isEnabled(LogLevel.of(level, marker));
    }

    @Override
    public boolean isTraceEnabled() {
        return sink.isEnabled(LogLevel.TRACEDEBUG);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return enabled(Level.TRACE, marker);
    }

    @Override
    public boolean isDebugEnabled() {
        return sink.isEnabled(LogLevel.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return enabled(Level.DEBUG, marker);
    }

    @Override
    public boolean isInfoEnabled() {
        return sink.isEnabled(LogLevel.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return enabled(Level.INFO, marker);
    }

    @Override
    public boolean isWarnEnabled() {
        return sink.isEnabled(LogLevel.WARNING);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return enabled(Level.WARN, marker);
    }

    @Override
    public boolean isErrorEnabled() {
        return sink.isEnabled(LogLevel.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return enabled(Level.ERROR, marker);
    }
}
