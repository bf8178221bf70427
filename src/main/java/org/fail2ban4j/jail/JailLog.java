package org.fail2ban4j.jail;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The loggers of a jail under upstream's names ({@code fail2ban.jail}, {@code fail2ban.filter},
 * {@code fail2ban.actions}, {@code fail2ban.observer}) and the markers of upstream's extra levels: NOTICE and MSG
 * are logged at INFO, HEAVYDEBUG at TRACE, each with the marker of its level name.
 *
 * <p>Tests pass their own loggers; production uses {@link #DEFAULT}.
 */
final class JailLog {

    /** Upstream's NOTICE (25). */
    static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");
    /** Upstream's MSG (20, shown as {@code MSG}). */
    static final Marker MSG = MarkerFactory.getMarker("MSG");
    /** Upstream's HEAVYDEBUG (5). */
    static final Marker HEAVYDEBUG = MarkerFactory.getMarker("HEAVYDEBUG");

    /** The loggers under upstream's names. */
    static final JailLog DEFAULT = new JailLog(LoggerFactory.getLogger("fail2ban.jail"),
            LoggerFactory.getLogger("fail2ban.filter"), LoggerFactory.getLogger("fail2ban.actions"),
            LoggerFactory.getLogger("fail2ban.observer"));

    final Logger jail;
    final Logger filter;
    final Logger actions;
    final Logger observer;

    JailLog(Logger jail, Logger filter, Logger actions, Logger observer) {
        this.jail = Objects.requireNonNull(jail, "jail");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The text of an exception as upstream's {@code %s} of it shows: its message, else its class. */
    static String text(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
