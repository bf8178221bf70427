package org.fail2ban4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Test logger that keeps every line (all levels enabled) as {@code LEVEL message}, with the marker name instead
 * of the level when there is one ({@code #09-Lev. 1a -- exec: ...}, {@code NOTICE ...}).
 */
public final class CapturingLogger extends AbstractLogger {

    private static final long serialVersionUID = 1L;

    private final List<String> lines = new ArrayList<>();
    private boolean debugEnabled = true;

    /**
     * A logger under the given name.
     *
     * @param name the logger name
     */
    public CapturingLogger(String name) {
        this.name = name;
    }

    /** Turns DEBUG and TRACE off (as upstream's default INFO level), or on again. */
    public synchronized CapturingLogger debugEnabled(boolean enabled) {
        this.debugEnabled = enabled;
        return this;
    }

    /** The lines logged so far, as {@code LEVEL message}. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The messages (without level) logged so far. */
    public synchronized List<String> messages() {
        return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).collect(Collectors.toList());
    }

    /** Forgets the lines logged so far. */
    public synchronized void clear() {
        lines.clear();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
            Object[] arguments, Throwable throwable) {
        String text = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        lines.add((marker != null ? marker.getName() : level.name()) + " " + text);
    }

    @Override
    public synchronized boolean isTraceEnabled() {
        return debugEnabled;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public synchronized boolean isDebugEnabled() {
        return debugEnabled;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return true;
    }
}
