package org.fail2ban4j.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The logger of this package under upstream's name {@code fail2ban.utils}, and the level marker it needs. */
final class ExecLog {

    /** Upstream {@code fail2ban/server/utils.py} logger. */
    static final Logger LOG = LoggerFactory.getLogger("fail2ban.utils");
    /**
     * Upstream logs the command of a successful run at level 9 ({@code DEBUG - 1}, named {@code #09-Lev.}): logged
     * at TRACE with this marker.
     */
    static final Marker LEVEL9 = MarkerFactory.getMarker("#09-Lev.");

    private ExecLog() {
    }
}
