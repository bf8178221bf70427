package org.fail2ban4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;

/** Level numbers and names as Python's logging has them once fail2ban is imported. */
class LogLevelTest {

    /** Python: {@code [logging.getLevelName(i) for i in ...]} after {@code import fail2ban}. */
    @ParameterizedTest
    @CsvSource({"0, NOTSET", "1, #01-Lev.", "4, #04-Lev.", "5, HEAVY", "7, TRACE", "9, #09-Lev.", "10, DEBUG",
        "11, #11-Lev.", "18, MSG", "20, INFO", "25, NOTICE", "30, WARNING", "40, ERROR", "45, #45-Lev.",
        "49, #49-Lev.", "50, CRITICAL", "51, Level 51", "-1, Level -1"})
    void names(int level, String name) {
        assertEquals(name, LogLevel.name(level));
    }

    /** Python: {@code str2LogLevel(value.upper())} as {@code Server.setLogLevel} calls it. */
    @ParameterizedTest
    @CsvSource({"CRITICAL, 50", "fatal, 50", "Error, 40", "warning, 30", "warn, 30", "notice, 25", "info, 20",
        "msg, 18", "DEBUG, 10", "tracedebug, 7", "HEAVYDEBUG, 5", "NOTSET, 0", "0, 0", "9, 9", "25, 25", "100, 100"})
    void parses(String value, int level) {
        assertEquals(level, LogLevel.parse(value));
    }

    @ParameterizedTest
    @CsvSource({"foo, 'Invalid log level ''FOO'''", "-1, 'Invalid log level ''-1'''",
        "TRACE, 'Invalid log level ''TRACE'''", "root, 'Invalid log level ''ROOT'''",
        "BASIC_FORMAT, 'Invalid log level ''BASIC_FORMAT'''", "'', 'Invalid log level '''''",
        "99999999999, 'Invalid log level ''99999999999'''"})
    void refuses(String value, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> LogLevel.parse(value)).getMessage());
    }

    @Test
    void notsetDefersToWarning() {
        assertEquals(30, LogLevel.effective(0));
        assertEquals(5, LogLevel.effective(5));
    }

    @ParameterizedTest
    @CsvSource({"ERROR, , 40", "WARN, , 30", "INFO, , 20", "DEBUG, , 10", "TRACE, , 7",
        "INFO, NOTICE, 25", "INFO, MSG, 18", "ERROR, CRITICAL, 50", "TRACE, #09-Lev., 9", "TRACE, #04-Lev., 4",
        "TRACE, HEAVYDEBUG, 5", "TRACE, HEAVY, 5", "TRACE, TRACEDEBUG, 7", "DEBUG, TRACE, 7",
        "INFO, SOMETHING-ELSE, 20", "INFO, #9-Lev., 20", "WARN, #ab-Lev., 30"})
    void slf4jLevelsAndMarkers(Level level, String marker, int expected) {
        Marker m = marker == null ? null : MarkerFactory.getDetachedMarker(marker);
        assertEquals(expected, LogLevel.of(level, m));
    }

    @Test
    void markerReferencesAreSearched() {
        Marker outer = MarkerFactory.getDetachedMarker("AUDIT");
        outer.add(MarkerFactory.getDetachedMarker("NOTICE"));
        assertEquals(25, LogLevel.of(Level.INFO, outer));
    }

    @Test
    void f2bLevelMarkers() {
        assertEquals(25, LogLevel.of(Level.INFO, F2bLevel.NOTICE));
        assertEquals(18, LogLevel.of(Level.INFO, F2bLevel.MSG));
        assertEquals(50, LogLevel.of(Level.ERROR, F2bLevel.CRITICAL));
        assertEquals(9, LogLevel.of(Level.TRACE, F2bLevel.LEVEL9));
        assertEquals(7, LogLevel.of(Level.TRACE, F2bLevel.TRACEDEBUG));
        assertEquals(5, LogLevel.of(Level.TRACE, F2bLevel.HEAVYDEBUG));
        assertEquals(4, LogLevel.of(Level.TRACE, F2bLevel.level(4)));
        assertEquals("#04-Lev.", F2bLevel.level(4).getName());
        assertThrows(IllegalArgumentException.class, () -> F2bLevel.level(50));
    }

    @ParameterizedTest
    @CsvSource({"50, ERROR", "40, ERROR", "30, WARN", "25, INFO", "20, INFO", "18, INFO", "10, DEBUG", "9, TRACE",
        "7, TRACE", "5, TRACE"})
    void slf4jLevelOfALevel(int level, Level expected) {
        assertEquals(expected, LogLevel.slf4jLevel(level));
    }

    /** SysLogHandler.mapPriority by level name (fail2ban adds NOTICE; other names fall back to warning). */
    @ParameterizedTest
    @CsvSource({"50, 2", "40, 3", "30, 4", "25, 5", "20, 6", "18, 4", "10, 7", "9, 4", "7, 4", "5, 4", "51, 4"})
    void syslogPriorities(int level, int priority) {
        assertEquals(priority, LogLevel.syslogPriority(level));
    }

    /** python-systemd's JournalHandler.mapPriority by number. */
    @ParameterizedTest
    @CsvSource({"51, 1", "50, 2", "45, 2", "40, 3", "30, 4", "25, 4", "20, 6", "18, 6", "10, 7", "5, 7"})
    void journalPriorities(int level, int priority) {
        assertEquals(priority, LogLevel.journalPriority(level));
    }
}
