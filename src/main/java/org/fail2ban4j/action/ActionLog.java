package org.fail2ban4j.action;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The loggers of this package under upstream's names, and the level markers they need. */
final class ActionLog {

    /** Upstream {@code ActionBase._logSys} of a command action: {@code fail2ban.CommandAction}. */
    static final Logger COMMAND_ACTION = LoggerFactory.getLogger("fail2ban.CommandAction");
    /** Upstream {@code fail2ban/server/action.py} module logger. */
    static final Logger ACTION = LoggerFactory.getLogger("fail2ban.action");
    /** Upstream {@code fail2ban/server/actions.py} module logger ({@code ActionInfo} errors). */
    static final Logger ACTIONS = LoggerFactory.getLogger("fail2ban.actions");
    /** Upstream's level 9 ({@code #09-Lev.}): logged at TRACE with this marker. */
    static final Marker LEVEL9 = MarkerFactory.getMarker("#09-Lev.");
    /** Upstream's {@code CRITICAL} level: logged at ERROR with this marker. */
    static final Marker CRITICAL = MarkerFactory.getMarker("CRITICAL");

    private ActionLog() {
    }
}
