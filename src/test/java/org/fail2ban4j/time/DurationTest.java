package org.fail2ban4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.fail2ban4j.expr.PyFloats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected values come from the Python oracle: {@code repr(MyTime.str2seconds(text))} and
 * {@code str(MyTime.seconds2str(n))} (fail2ban 1.0.2, whose mytime.py equals 1.1.1's), including upstream's own
 * cases from misctestcase.py (testStr2Seconds, testSec2Str).
 */
class DurationTest {

    static Stream<Arguments> str2seconds() {
        return Stream.of(
            Arguments.of("7800m", "468000"),
            Arguments.of("1d", "86400"),
            Arguments.of("1w", "604800"),
            Arguments.of("12w", "7257600"),
            Arguments.of("1y", "31557600.0"),
            Arguments.of("1d2h30m", "95400"),
            Arguments.of("-1", "-1"),
            Arguments.of("600", "600"),
            Arguments.of("1.5h", "5400.0"),
            Arguments.of("1h 30m", "5400"),
            Arguments.of("1hour+30min", "5400"),
            Arguments.of("0d 1h 30m", "5400"),
            Arguments.of("6 months", "15778800.0"),
            Arguments.of("1year-6mo", "15778800.0"),
            Arguments.of("1y6mo30w15d12h35m25s", "66821725.0"),
            Arguments.of("2yy 3mo 4ww 10dd 5hh 30mm 20ss", "74307620.0"),
            Arguments.of("2 years 3 months 4 weeks 10 days 5 hours 30 minutes 20 seconds", "74307620.0"),
            Arguments.of("1 year + 1 month - 1 week + 1 day", "33669000.0"),
            Arguments.of("2 * 0.5 yea + 1*1 mon - 3*1/3 wee + 2/2 day - (2*12 hou 3*20 min 80 sec) ", "33578920.0"),
            Arguments.of("2*.5y+1*1mo-3*1/3w+2/2d-(2*12h3*20m80s) ", "33578920.0"),
            Arguments.of("1ye -2mo -3we -4da -5ho -6mi -7se", "24119633.0"),
            Arguments.of("1 month", "2629800.0"),
            Arguments.of("1 year", "31557600.0"),
            Arguments.of("1month", "2629800.0"),
            Arguments.of("1d12h", "129600"),
            Arguments.of("10m", "600"),
            Arguments.of("10 m", "600"),
            Arguments.of("10M", "600"),
            Arguments.of("1H", "3600"),
            Arguments.of("3600", "3600"),
            Arguments.of("0", "0"),
            Arguments.of("1d1h", "90000"),
            Arguments.of("5s", "5"),
            Arguments.of("1 sec", "1"),
            Arguments.of("2 seconds", "2"),
            Arguments.of("3mm", "180"),
            Arguments.of("3 MIN", "180"),
            Arguments.of("1mon", "2629800.0"),
            Arguments.of("1mo", "2629800.0"),
            Arguments.of("2 hou", "7200"),
            Arguments.of("1.5 days", "129600.0"),
            Arguments.of("0.5d", "43200.0"),
            Arguments.of("86400*2", "172800"),
            Arguments.of("10*60", "600"),
            Arguments.of("1h-1s", "3599"),
            Arguments.of("(1h+1m)*2", "7320"),
            Arguments.of(" 600", "600"),
            Arguments.of("600 ", "600"),
            Arguments.of("1d\n", "86400"),
            Arguments.of("\t1h", "3600"),
            Arguments.of("1_000s", "1000"),
            Arguments.of("3600 # comment", "3600"),
            Arguments.of("1 h", "3600"),
            Arguments.of("1hh", "3600"),
            Arguments.of("2 Weeks", "1209600"),
            Arguments.of("1 Week", "604800"),
            Arguments.of("1ww", "604800"),
            Arguments.of("1wee", "604800"),
            Arguments.of("1da", "86400"),
            Arguments.of("1dd", "86400"),
            Arguments.of("1ss", "1"),
            Arguments.of("1se", "1"),
            Arguments.of("1yy", "31557600.0"),
            Arguments.of("1yea", "31557600.0"),
            Arguments.of("31557600", "31557600"),
            Arguments.of("86400.0", "86400.0"),
            Arguments.of("0.1s", "0.1"),
            Arguments.of("1/3h", "1200.0"),
            Arguments.of("-1d", "-86400"),
            Arguments.of("1w2d", "777600"),
            Arguments.of("1y1d", "31644000.0"),
            Arguments.of("10 minutes 30 seconds", "630"),
            Arguments.of("1min30s", "90"),
            Arguments.of("1m30s", "90"),
            Arguments.of("2h30m", "9000"),
            Arguments.of("1d 2h 3m 4s", "93784"),
            Arguments.of("4w", "2419200"),
            Arguments.of("52w", "31449600"),
            Arguments.of("5y", "157788000.0"),
            Arguments.of("100y", "3155760000.0")
        );
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("str2seconds")
    void str2secondsMatchesPython(String text, String pyRepr) {
        Number n = DurationParser.str2seconds(text);
        assertEquals(pyRepr, PyFloats.reprNumber(n), text);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "1d 12h"      | "1*86400+12*3600"
            "1d12h"       | "1*86400+12*3600"
            "1year-6mo"   | "1*31557600.0-6*2629800.0"
            "0d 1h 30m"   | "0*86400+1*3600+30*60"
            "600"         | "600"
            """)
    void rewritesLikeUpstream(String text, String expression) {
        assertEquals(expression, DurationParser.toExpression(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "5 mins"   | SyntaxError
            "abc"      | NameError
            ""         | SyntaxError
            "   "      | SyntaxError
            "1x"       | SyntaxError
            "1e3"      | SyntaxError
            "10.m"     | SyntaxError
            "1 2 3"    | SyntaxError
            "1d 1/0"   | ZeroDivisionError
            "1h; rm"   | SyntaxError
            """)
    void invalidTextNamesTheValue(String text, String pyError) {
        DurationException e = assertThrows(DurationException.class, () -> DurationParser.str2seconds(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(pyError), e.getMessage());
        assertEquals(text, e.value());
    }

    @Test
    void signsCollapseAsInPython() {
        assertEquals(1L, DurationParser.str2seconds("--1"));
        assertEquals(-1L, DurationParser.str2seconds("-1"));
    }

    @ParameterizedTest
    @CsvSource({"1d, 86400", "1.5h, 5400", "1year-6mo, 15778800", "0.9s, 0", "-1.5s, -1", "-1, -1", "1y, 31557600"})
    void secondsTruncatesLikeInt(String text, long expected) {
        assertEquals(expected, DurationParser.seconds(text));
    }

    static Stream<Arguments> seconds2str() {
        return Stream.of(
            Arguments.of(33696000L, "1y 3w 4d"),
            Arguments.of(31795200L, "1y 3d"),
            Arguments.of(31578336.0d, "1y"),
            Arguments.of(31579200.0d, "1y 1d"),
            Arguments.of(1296000L, "2w 1d"),
            Arguments.of(1209590L, "2w"),
            Arguments.of(198900L, "2d 7h 15m"),
            Arguments.of(176399L, "2d 1h"),
            Arguments.of(12672.0d, "3h 31m"),
            Arguments.of(7195L, "2h"),
            Arguments.of(3595L, "1h"),
            Arguments.of(3590L, "59m 50s"),
            Arguments.of(59L, "59s"),
            Arguments.of(0L, "0"),
            Arguments.of(0.0d, "0"),
            Arguments.of(1L, "1s"),
            Arguments.of(60L, "1m"),
            Arguments.of(61L, "1m 1s"),
            Arguments.of(119L, "1m 59s"),
            Arguments.of(120L, "2m"),
            Arguments.of(3594L, "59m 54s"),
            Arguments.of(3595L, "1h"),
            Arguments.of(3600L, "1h"),
            Arguments.of(5400L, "1h 30m"),
            Arguments.of(86399L, "24h"),
            Arguments.of(86400L, "1d"),
            Arguments.of(86401L, "1d"),
            Arguments.of(604799L, "7d"),
            Arguments.of(604800L, "1w"),
            Arguments.of(622800L, "1w 5h"),
            Arguments.of(31535999L, "52w 1d"),
            Arguments.of(31536000L, "1y"),
            Arguments.of(31557600L, "1y"),
            Arguments.of(63072000L, "2y"),
            Arguments.of(600L, "10m"),
            Arguments.of(468000L, "5d 10h"),
            Arguments.of(15778800.0d, "26w 15h"),
            Arguments.of(59.0d, "59.0s"),
            Arguments.of(65.5d, "1.0m 5.5s"),
            Arguments.of(0.5d, "0.5s"),
            Arguments.of(119.5d, "1.0m 59.5s"),
            Arguments.of(-5L, "-5s"),
            Arguments.of(-100L, "-100s"),
            Arguments.of(-3600L, "-3600s"),
            Arguments.of(12051.3221539126d, "3h 20m"),
            Arguments.of(1630.9690970754273d, "27.0m 10.969097075427271s"),
            Arguments.of(259217637614589.12d, "8219737y 19w 1d"),
            Arguments.of(10000000000.0d, "317y 5w 1d"),
            Arguments.of(3598L, "1h"),
            Arguments.of(3605L, "1h"),
            Arguments.of(3615L, "1h"),
            Arguments.of(3625L, "1h"),
            Arguments.of(1512000.0d, "2w 3d 12h"),
            Arguments.of(129600.0d, "1d 12h"),
            Arguments.of(7257600L, "12w"),
            Arguments.of(123456L, "1d 10h 18m"),
            Arguments.of(1234567L, "2w 7h"),
            Arguments.of(12345678L, "20w 2d 21h"),
            Arguments.of(123456789L, "3y 47w 5d")
        );
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("seconds2str")
    void seconds2strMatchesPython(Number seconds, String expected) {
        assertEquals(expected, DurationFormatter.format(seconds));
    }

    @ParameterizedTest
    @CsvSource({"59.0, 59s", "0.0, 0", "65.5, 1.0m 5.5s", "3590.0, 59m 50s", "198900.0, 2d 7h 15m", "-5.0, -5s"})
    void formatDoubleTreatsIntegralValuesAsInt(double seconds, String expected) {
        assertEquals(expected, DurationFormatter.format(seconds));
    }

    @Test
    void formatRejectsInfinity() {
        assertThrows(IllegalArgumentException.class, () -> DurationFormatter.format(Double.POSITIVE_INFINITY));
    }
}
