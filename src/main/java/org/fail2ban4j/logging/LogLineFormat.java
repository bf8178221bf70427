package org.fail2ban4j.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * fail2ban's log line: {@code "%(asctime)s %(name)-24s[%(process)d]: %(levelname)-7s %(message)s"} (upstream
 * {@code helpers.py:getVerbosityFormat} at the default verbosity), with {@code asctime} as Python's logging writes
 * it ({@code 2026-11-22 18:09:23,771}, local time).
 */
public final class LogLineFormat {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private LogLineFormat() {
    }

    public static String format(Instant when, ZoneId zone, String logger, long pid, String level, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append(ASCTIME.format(when.atZone(zone))).append(' ');
        sb.append(logger);
        for (int i = logger.length(); i < 24; i++) {
            sb.append(' ');
        }
        sb.append('[').append(pid).append("]: ").append(level);
        for (int i = level.length(); i < 7; i++) {
            sb.append(' ');
        }
        return sb.append(' ').append(message).toString();
    }

    /** Python logging's numeric level of a level name (NOTICE 25, TRACEDEBUG 7, HEAVYDEBUG 5, MSG 20...). */
    public static int levelNumber(String level) {
        switch (level) {
            case "CRITICAL": return 50;
            case "ERROR": return 40;
            case "WARNING": return 30;
            case "NOTICE": return 25;
            case "INFO": case "MSG": return 20;
            case "DEBUG": return 10;
            case "TRACEDEBUG": return 7;
            case "HEAVYDEBUG": return 5;
            default: return 0;
        }
    }
}
