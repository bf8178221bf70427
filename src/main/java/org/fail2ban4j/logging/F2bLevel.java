package org.fail2ban4j.logging;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * fail2ban's levels that slf4j lacks, as the markers call sites pass (the provider maps them, see {@link LogLevel}):
 * {@code LOG.info(F2bLevel.NOTICE, "[{}] Ban {}", jail, ip)}. Packages that may not import {@code logging} create
 * markers of the same names with {@link MarkerFactory#getMarker}.
 */
public final class F2bLevel {
    /** NOTICE (25): log at INFO with this marker. */
    public static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");
    /** MSG (18, INFO - 2): log at INFO with this marker. */
    public static final Marker MSG = MarkerFactory.getMarker("MSG");
    /** CRITICAL (50): log at ERROR with this marker. */
    public static final Marker CRITICAL = MarkerFactory.getMarker("CRITICAL");
    /** Level 9 ({@code #09-Lev.}, DEBUG - 1): log at TRACE with this marker. */
    public static final Marker LEVEL9 = MarkerFactory.getMarker("#09-Lev.");
    /** TRACEDEBUG (7, shown as {@code TRACE}): what TRACE without marker means too. */
    public static final Marker TRACEDEBUG = MarkerFactory.getMarker("TRACEDEBUG");
    /** HEAVYDEBUG (5, shown as {@code HEAVY}): log at TRACE with this marker. */
    public static final Marker HEAVYDEBUG = MarkerFactory.getMarker("HEAVYDEBUG");

    private F2bLevel() {
    }

    /**
     * The marker of any level 1..49 by its Python name {@code #NN-Lev.} (e.g. upstream's {@code logSys.log(4, ...)}).
     *
     * @throws IllegalArgumentException for a level outside 1..49
     */
    public static Marker level(int level) {
        if (level < 1 || level > 49) {
            throw new IllegalArgumentException("no marker for log level " + level + " (1..49 only)");
        }
        return MarkerFactory.getMarker(String.format(java.util.Locale.ROOT, "#%02d-Lev.", level));
    }
}
