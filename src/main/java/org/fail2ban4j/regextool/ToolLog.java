package org.fail2ban4j.regextool;

import java.io.PrintStream;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.fail2ban4j.config.reader.ReaderLog;

/**
 * Port of the logging set-up of {@code fail2ban/client/fail2banregex.py:exec_command_line} (with
 * {@code fail2ban/helpers.py:str2LogLevel} and {@code getVerbosityFormat}): the log of {@code fail2ban-regex},
 * messages of the {@code fail2ban} loggers at or above the level of {@code -l/--log-level} (default critical, so
 * normally nothing), written to standard output in upstream's format for the tool
 * ({@code '%(levelname)-1.1s: %(message)s'} after the usual prefix, or {@code ' %(message)s'} from verbosity 2 on).
 */
final class ToolLog {
    /**
     * The time format of a log line, made when the first line is written: a run at the default level writes none,
     * and making the formatter costs a few milliseconds of a run's start.
     */
    private static final class Asctime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    }

    private static final Map<String, Integer> LEVELS = Map.ofEntries(Map.entry("CRITICAL", 50),
            Map.entry("FATAL", 50), Map.entry("ERROR", 40), Map.entry("WARNING", 30), Map.entry("WARN", 30),
            Map.entry("NOTICE", 25), Map.entry("INFO", 20), Map.entry("MSG", 18), Map.entry("DEBUG", 10),
            Map.entry("TRACEDEBUG", 7), Map.entry("HEAVYDEBUG", 5), Map.entry("NOTSET", 0));

    private final PrintStream out;
    private final int level;
    private final int verbose;
    private final InstantSource clock;
    private final ZoneId zone;
    private final long pid;

    ToolLog(PrintStream out, int level, int verbose, InstantSource clock, ZoneId zone, long pid) {
        this.out = out;
        this.level = level;
        this.verbose = verbose;
        this.clock = clock;
        this.zone = zone;
        this.pid = pid;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Upstream {@code str2LogLevel}: a number, or a level name in any case.
     *
     * @throws IllegalArgumentException {@code Invalid log level 'x'}
     */
    static int parseLevel(String value) {
        // (loops rather than streams here and in the rest of a fail2ban-regex run: the first stream of a run
        // costs milliseconds of class initialisation)
        if (!value.isEmpty() && allDigits(value)) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }
        Integer l = LEVELS.get(value.toUpperCase(Locale.ROOT));
        if (l == null) {
            throw new IllegalArgumentException("Invalid log level " + org.fail2ban4j.regex.PyStrings.repr(value));
        }
        return l;
    }

    /** The level name Python's logging shows for a level number. */
    static String levelName(int level) {
        switch (level) {
            case 50: return "CRITICAL";
            case 40: return "ERROR";
            case 30: return "WARNING";
            case 25: return "NOTICE";
            case 20: return "INFO";
            case 18: return "MSG";
            case 10: return "DEBUG";
            case 7: return "TRACE";
            case 5: return "HEAVY";
            case 0: return "NOTSET";
            default: return "Level " + level;
        }
    }

    /** Whether a message of this level is written. */
    boolean isEnabled(int messageLevel) {
        return messageLevel >= (level == 0 ? 30 : level);
    }

    /** The threshold in effect. */
    int level() {
        return level;
    }

    /** Writes one message of a {@code fail2ban.*} logger if its level is enabled. */
    void log(String logger, int messageLevel, String message) {
        if (!isEnabled(messageLevel)) {
            return;
        }
        String name = levelName(messageLevel);
        StringBuilder sb = new StringBuilder();
        String time = Asctime.FORMAT.format(clock.instant().atZone(zone));
        if (verbose > 1) {
            sb.append(' ').append(pad(time, 15)).append(' ').append(Long.toHexString(Thread.currentThread().getId())
                    .toUpperCase(Locale.ROOT)).append(' ').append(pad(cut(name, 5), 5)).append(' ').append(message);
        } else {
            sb.append(time).append(' ').append(pad(logger, 24)).append('[').append(pid).append("]: ")
                    .append(pad(name, 7)).append(cut(name, 1)).append(": ").append(message);
        }
        out.println(sb);
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    /** The configuration readers' messages, through this log. */
    ReaderLog readerLog() {
        return (logger, lvl, message) -> log(logger, levelNumber(lvl), message);
    }

    private static int levelNumber(String name) {
        Integer l = LEVELS.get(name.toUpperCase(Locale.ROOT));
        return l == null ? 20 : l;
    }
}
