package org.fail2ban4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The line format against Python's {@code logging.Formatter} (expected texts produced by Python 3.11 with fail2ban
 * imported, TZ=CET, record created at the given epoch, process 4242, thread 0x7f).
 */
class LogLineFormatTest {
    static final ZoneId CET = ZoneId.of("CET");
    static final long PID = 4242;

    static LogEvent event(String logger, int level, String message, Instant when) {
        return new LogEvent(when, logger, level, message, null, 0x7f, "f2b/a.sshd");
    }

    static Instant at(String epochSeconds) {
        long nanos = new java.math.BigDecimal(epochSeconds).movePointRight(9).longValueExact();
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1124013600.125|fail2ban.actions|25|[sshd] Ban 1.2.3.4"
            + "|2005-08-14 12:00:00,125 fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4",
        "1124013600|fail2ban.filter|20|[sshd] Found 1.2.3.4 - 2005-08-14 12:00:00"
            + "|2005-08-14 12:00:00,000 fail2ban.filter         [4242]: INFO    [sshd] Found 1.2.3.4 - "
            + "2005-08-14 12:00:00",
        "1124013659.999|fail2ban.filterpyinotify|18|msg lvl"
            + "|2005-08-14 12:00:59,999 fail2ban.filterpyinotify[4242]: MSG     msg lvl",
        "1124013600.5|fail2ban.a.very.long.logger.name.x|9|level 9"
            + "|2005-08-14 12:00:00,500 fail2ban.a.very.long.logger.name.x[4242]: #09-Lev. level 9",
        "1124013600.001|fail2ban.CommandAction|50|crit"
            + "|2005-08-14 12:00:00,001 fail2ban.CommandAction  [4242]: CRITICAL crit",
        "1134013600|fail2ban.utils|7|trace|2005-12-08 04:46:40,000 fail2ban.utils          [4242]: TRACE   trace",
        "1124013600|fail2ban.utils|5|heavy|2005-08-14 12:00:00,000 fail2ban.utils          [4242]: HEAVY   heavy",
        "1124013600|fail2ban.utils|51|big|2005-08-14 12:00:00,000 fail2ban.utils          [4242]: Level 51 big",
        "1124013600.9999999|fail2ban|30|truncated ms"
            + "|2005-08-14 12:00:00,999 fail2ban                [4242]: WARNING truncated ms",
    })
    void defaultFormatAsPython(String epoch, String logger, int level, String message, String expected) {
        LogLineFormat f = LogLineFormat.compile(LogLineFormat.DEFAULT_FORMAT, CET, PID, Instant.EPOCH);
        assertEquals(expected, f.format(event(logger, level, message, at(epoch))));
        assertEquals(expected, LogLineFormat.format(at(epoch), CET, logger, PID, LogLevel.name(level), message));
    }

    @Test
    void secondCacheFollowsTheClock() {
        LogLineFormat f = LogLineFormat.compile("%(asctime)s", ZoneId.of("UTC"), PID, Instant.EPOCH);
        assertEquals("2005-08-14 10:00:00,100", f.format(event("x", 20, "", at("1124013600.1"))));
        assertEquals("2005-08-14 10:00:00,900", f.format(event("x", 20, "", at("1124013600.9"))));
        assertEquals("2005-08-14 10:00:01,000", f.format(event("x", 20, "", at("1124013601"))));
        assertEquals("2005-08-14 09:59:59,999", f.format(event("x", 20, "", at("1124013599.999"))));
    }

    static Stream<Arguments> pythonCases() {
        return Stream.of(
            Arguments.of("%(levelno)-3d|%(created)f|%(msecs)03d|%(relativeCreated)5d|%(name).8s|%(levelname)5.3s|"
                + "%(message)r|%(thread)X|%%|%(created)s|%(created)g|%(created)e|%(levelno)05d|%(levelno)+d|"
                + "%(levelno)x|%(levelno)#x|%(levelno)o|%(levelno)#o|%(created).2f|%(created)12.1f|%(created)-12.1f|",
                "25 |1124013600.125000|125| 1623|fail2ban|  NOT|'it\\'s \"q\"\\né\\x01'|7F|%|1124013600.125|"
                + "1.12401e+09|1.124014e+09|00025|+25|19|0x19|31|0o31|1124013600.12|1124013600.1|1124013600.1|"),
            Arguments.of("%(created)g %(msecs)g %(levelno)g %(relativeCreated).3g %(created).15g %(msecs)s "
                + "%(levelno)s %(name)10s %(name)-10s %(levelno)#010x %(levelno) d %(levelno).4d %(created)E "
                + "%(levelno)#g %(relativeCreated)G %(message)a",
                "1.12401e+09 125 25 1.62e+03 1124013600.125 125.0 25 fail2ban.actions fail2ban.actions 0x00000019 "
                + " 25 0025 1.124014E+09 25.0000 1623 'it\\'s \"q\"\\n\\xe9\\x01'"),
            Arguments.of("%(msecs)#.0f|%(created).0e|%(created)#.0e|%(relativeCreated)010.2f|"
                + "%(relativeCreated)-+10.1f|%(msecs).1g|%(msecs).0g|%(created).20g|%(thread)d|%(threadName)s|"
                + "%(processName)s|%(levelname)-8.3s|",
                "125.|1e+09|1.e+09|0001623.00|+1623.0   |1e+02|1e+02|1124013600.125|127|f2b/a.sshd|MainProcess|"
                + "NOT     |"));
    }

    @ParameterizedTest
    @MethodSource("pythonCases")
    void pythonPercentFormatting(String fmt, String expected) {
        Instant when = at("1124013600.125");
        LogLineFormat f = LogLineFormat.compile(fmt, CET, PID, when.minusMillis(1623));
        assertEquals(expected, f.format(event("fail2ban.actions", 25, "it's \"q\"\né\u0001", when)));
    }

    @Test
    void moduleFuncNameAndCharConversion() {
        LogLineFormat f = LogLineFormat.compile("%(module)s|%(funcName)s|%(lineno)d|%(filename)s|%(levelno)c",
                CET, PID, Instant.EPOCH);
        assertEquals("filter|(unknown function)|0|(unknown file)|\u0019",
                f.format(event("fail2ban.filter", 25, "m", Instant.EPOCH)));
    }

    @ParameterizedTest
    @CsvSource({
        "1124013600.125, 1124013600.125", "0.0001, 0.0001", "0.00001, 1e-05", "1e16, 1e+16",
        "123456789012345678, 1.2345678901234568e+17", "1.5e-7, 1.5e-07", "2, 2.0", "100, 100.0", "1e22, 1e+22",
        "0, 0.0", "-2.5, -2.5",
    })
    void floatReprAsPython(double v, String expected) {
        assertEquals(expected, LogLineFormat.floatRepr(v));
    }

    @Test
    void exceptionFollowsOnTheNextLines() {
        LogLineFormat f = LogLineFormat.compile(LogLineFormat.DEFAULT_FORMAT, CET, PID, Instant.EPOCH);
        LogEvent e = new LogEvent(at("1124013600"), "fail2ban.actions", 40, "Failed", new IllegalStateException(
                "boom"), 1, "main");
        String s = f.format(e);
        assertTrue(s.startsWith("2005-08-14 12:00:00,000 fail2ban.actions        [4242]: ERROR   Failed\n"
                + "java.lang.IllegalStateException: boom\n\tat "), s);
        assertTrue(!s.endsWith("\n"), s);
    }

    static Stream<Arguments> verbosityCases() {
        return Stream.of(
            Arguments.of(0, true, true, "%(asctime)s %(name)-24s[%(process)d]: %(levelname)-7s %(message)s"),
            Arguments.of(1, true, true, "%(asctime)s %(name)-24s[%(process)d]: %(levelname)-7s %(message)s"),
            Arguments.of(0, false, true, "%(name)-24s[%(process)d]: %(levelname)-7s %(message)s"),
            Arguments.of(0, false, false, "%(name)s[%(process)d]: %(levelname)s %(message)s"),
            Arguments.of(2, true, true, " %(asctime)-15s %(thread)X %(levelname)-5.5s %(message)s"),
            Arguments.of(3, true, true, " +%(relativeCreated)5d %(thread)X %(name)-25.25s %(levelname)-5.5s"
                + " %(message)s"),
            Arguments.of(4, true, true, " +%(relativeCreated)5d %(thread)X %(name)-25.25s %(levelname)-5.5s |"
                + " %(module)15.15s-%(levelno)-2d: %(funcName)-20.20s | %(message)s"),
            Arguments.of(3, true, false, " +%(relativeCreated)5d %(thread)X %(name)s %(levelname)s %(message)s"));
    }

    @ParameterizedTest
    @MethodSource("verbosityCases")
    void verbosityFormatsAsUpstream(int verbosity, boolean addTime, boolean padding, String expected) {
        String fmt = LogLineFormat.verbosityFormat(verbosity, addTime, padding);
        assertEquals(expected, fmt);
        LogLineFormat.compile(fmt, CET, PID, Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "no fields at all|Invalid log format 'no fields at all': no %(field)s in it",
        "%(nope)s|Invalid log format '%(nope)s': unknown field 'nope' at index 0",
        "%(message)d|Invalid log format '%(message)d': %d at index 0 needs a number, but message is a string",
        "x %(created)x|Invalid log format 'x %(created)x': %x at index 2 needs an integer, but created is a float",
        "%(message)s %|Invalid log format '%(message)s %': a '%' at index 12 without a (field) name; write '%%' for a"
            + " percent sign",
        "%(message)s %d|Invalid log format '%(message)s %d': a '%' at index 12 without a (field) name; write '%%' for"
            + " a percent sign",
        "%(message|Invalid log format '%(message': incomplete field name at index 0",
        "%(message)-|Invalid log format '%(message)-': incomplete format at index 0",
        "%(message)*s|Invalid log format '%(message)*s': '*' width or precision at index 10 needs a tuple, not the"
            + " record",
        "%(message)y|Invalid log format '%(message)y': unsupported format character 'y' at index 0",
    })
    void invalidFormatsAreRefused(String fmt, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogLineFormat.compile(fmt, CET, PID, Instant.EPOCH));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"NOTICE, 25", "MSG, 18", "INFO, 20", "TRACEDEBUG, 7", "TRACE, 7", "HEAVY, 5", "HEAVYDEBUG, 5",
        "#09-Lev., 9", "CRITICAL, 50", "ERROR, 40", "WARNING, 30", "DEBUG, 10", "bogus, 0"})
    void levelNumberOfNames(String name, int level) {
        assertEquals(level, LogLineFormat.levelNumber(name));
    }

    @Test
    void pyRepr() {
        assertEquals("'/var/log/x.log'", PyStr.repr("/var/log/x.log"));
        assertEquals("\"it's\"", PyStr.repr("it's"));
        assertEquals("'it\\'s \"q\"'", PyStr.repr("it's \"q\""));
        assertEquals("'a\\\\b\\t\\x00\\x7f\\u2028é😀'", PyStr.repr("a\\b\t\u0000\u007f\u2028é😀"));
    }
}
