package org.fail2ban4j.logging;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * Port of {@code fail2ban/__init__.py} (the custom levels and their names) and
 * {@code fail2ban/helpers.py:str2LogLevel}: fail2ban's numeric log levels, their names as Python's
 * {@code logging.getLevelName} gives them, and the mapping from slf4j levels and markers.
 *
 * <p>Levels and names: CRITICAL 50, ERROR 40, WARNING 30, NOTICE 25, INFO 20, MSG 18, DEBUG 10, 7 {@code TRACE}
 * (configured as {@code TRACEDEBUG}), 5 {@code HEAVY} (configured as {@code HEAVYDEBUG}), 0 {@code NOTSET}; every
 * other level 1..49 is named {@code #NN-Lev.} (so level 9 is {@code #09-Lev.}), higher ones {@code Level N}.
 *
 * <p>slf4j call sites: ERROR 40, WARN 30, INFO 20, DEBUG 10, and TRACE without a marker 7 (upstream's
 * {@code TRACEDEBUG}, the level its "working on line"/decode messages use). A marker named after a level wins over
 * the slf4j level: {@code NOTICE} 25, {@code MSG} 18, {@code CRITICAL} 50, {@code TRACEDEBUG}/{@code TRACE} 7,
 * {@code HEAVYDEBUG}/{@code HEAVY} 5, {@code #NN-Lev.} NN. Other markers are ignored.
 */
public final class LogLevel {
    public static final int CRITICAL = 50;
    public static final int ERROR = 40;
    public static final int WARNING = 30;
    public static final int NOTICE = 25;
    public static final int INFO = 20;
    public static final int MSG = 18;
    public static final int DEBUG = 10;
    public static final int LEVEL9 = 9;
    public static final int TRACEDEBUG = 7;
    public static final int HEAVYDEBUG = 5;
    public static final int NOTSET = 0;

    /** The level names {@code str2LogLevel} accepts (upper-case attributes of Python's patched logging module). */
    private static final Map<String, Integer> CONFIG_NAMES = Map.ofEntries(
            Map.entry("CRITICAL", CRITICAL), Map.entry("FATAL", CRITICAL), Map.entry("ERROR", ERROR),
            Map.entry("WARNING", WARNING), Map.entry("WARN", WARNING), Map.entry("NOTICE", NOTICE),
            Map.entry("INFO", INFO), Map.entry("MSG", MSG), Map.entry("DEBUG", DEBUG),
            Map.entry("TRACEDEBUG", TRACEDEBUG), Map.entry("HEAVYDEBUG", HEAVYDEBUG), Map.entry("NOTSET", NOTSET));

    /** Level names 0..50 (index = level). */
    private static final String[] NAMES = new String[51];

    static {
        for (int i = 1; i < 50; i++) {
            NAMES[i] = String.format(Locale.ROOT, "#%02d-Lev.", i);
        }
        NAMES[NOTSET] = "NOTSET";
        NAMES[HEAVYDEBUG] = "HEAVY";
        NAMES[TRACEDEBUG] = "TRACE";
        NAMES[DEBUG] = "DEBUG";
        NAMES[MSG] = "MSG";
        NAMES[INFO] = "INFO";
        NAMES[NOTICE] = "NOTICE";
        NAMES[WARNING] = "WARNING";
        NAMES[ERROR] = "ERROR";
        NAMES[CRITICAL] = "CRITICAL";
    }

    private LogLevel() {
    }

    /**
     * The level's name as Python's {@code logging.getLevelName} gives it once fail2ban is imported:
     * {@code NOTICE}, {@code MSG}, {@code TRACE} (7), {@code HEAVY} (5), {@code #09-Lev.}, {@code Level 51}.
     * Negative levels are named {@code Level -1}.
     */
    public static String name(int level) {
        return level >= 0 && level < NAMES.length ? NAMES[level] : "Level " + level;
    }

    /**
     * Port of {@code helpers.py:str2LogLevel} on the upper-cased value, as {@code Server.setLogLevel} calls it:
     * a decimal number, or one of CRITICAL, FATAL, ERROR, WARNING, WARN, NOTICE, INFO, MSG, DEBUG, TRACEDEBUG,
     * HEAVYDEBUG, NOTSET (any case).
     *
     * @throws IllegalArgumentException {@code Invalid log level 'X'} (upstream's ValueError text, with the upper-cased
     *     value) for anything else, including negative numbers
     */
    public static int parse(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid log level " + PyStr.repr(v), e);
            }
        }
        Integer n = CONFIG_NAMES.get(v);
        if (n == null) {
            throw new IllegalArgumentException("Invalid log level " + PyStr.repr(v));
        }
        return n;
    }

    /**
     * The effective threshold of a configured level: Python's {@code NOTSET} (0) on the {@code fail2ban} logger
     * defers to the root logger, whose level is WARNING.
     */
    public static int effective(int configured) {
        return configured == NOTSET ? WARNING : configured;
    }

    /** The fail2ban level of an slf4j call (see the class comment); {@code marker} may be null. */
    public static int of(Level level, Marker marker) {
        if (marker != null) {
            int m = ofMarker(marker);
            if (m >= 0) {
                return m;
            }
        }
        switch (level) {
            case ERROR: return ERROR;
            case WARN: return WARNING;
            case INFO: return INFO;
            case DEBUG: return DEBUG;
            default: return TRACEDEBUG;
        }
    }

    /** The level a marker (or one of its references) names, or -1. */
    static int ofMarker(Marker marker) {
        int n = ofMarkerName(marker.getName());
        if (n >= 0 || !marker.hasReferences()) {
            return n;
        }
        for (var it = marker.iterator(); it.hasNext();) {
            n = ofMarkerName(it.next().getName());
            if (n >= 0) {
                return n;
            }
        }
        return -1;
    }

    /** The level a marker name stands for, or -1. */
    static int ofMarkerName(String name) {
        switch (name) {
            case "NOTICE": return NOTICE;
            case "MSG": return MSG;
            case "CRITICAL": return CRITICAL;
            case "TRACEDEBUG": case "TRACE": return TRACEDEBUG;
            case "HEAVYDEBUG": case "HEAVY": return HEAVYDEBUG;
            default:
                if (name.length() == 8 && name.charAt(0) == '#' && name.endsWith("-Lev.")
                        && isDigit(name.charAt(1)) && isDigit(name.charAt(2))) {
                    return (name.charAt(1) - '0') * 10 + name.charAt(2) - '0';
                }
                return -1;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The slf4j level a fail2ban level is logged at (for markers: NOTICE and MSG at INFO, CRITICAL at ERROR,
     * levels below DEBUG at TRACE).
     */
    public static Level slf4jLevel(int level) {
        if (level >= ERROR) {
            return Level.ERROR;
        }
        if (level >= WARNING) {
            return Level.WARN;
        }
        if (level > DEBUG) {
            return Level.INFO;
        }
        return level == DEBUG ? Level.DEBUG : Level.TRACE;
    }

    /**
     * Python's {@code SysLogHandler.mapPriority} with fail2ban's NOTICE entry: the syslog priority of a level name
     * (DEBUG 7, INFO 6, NOTICE 5, WARNING 4, ERROR 3, CRITICAL 2); every other name (MSG, TRACE, HEAVY,
     * {@code #09-Lev.}) maps to "warning" (4), as upstream's handler does.
     */
    static int syslogPriority(int level) {
        switch (level) {
            case DEBUG: return 7;
            case INFO: return 6;
            case NOTICE: return 5;
            case ERROR: return 3;
            case CRITICAL: return 2;
            default: return 4;
        }
    }

    /** python-systemd's {@code JournalHandler.mapPriority}: the journal priority of a numeric level. */
    static int journalPriority(int level) {
        if (level <= DEBUG) {
            return 7;
        }
        if (level <= INFO) {
            return 6;
        }
        if (level <= WARNING) {
            return 4;
        }
        if (level <= ERROR) {
            return 3;
        }
        return level <= CRITICAL ? 2 : 1;
    }
}
