package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pieces of the report (expected texts recorded from Python / fail2ban 1.1.1). */
class RegexReportTest {

    private static RegexToolOptions options(String... argv) {
        List<String> a = new ArrayList<>(List.of(argv));
        a.add("log");
        a.add("regex");
        return ((RegexToolOptions.Run) RegexToolOptions.parse(a, "fail2ban-regex", Map.of())).options();
    }

    private static List<String> printLines(String ltype, int count, int shown, int maxLines, String... argv) {
        List<String> out = new ArrayList<>();
        RegexReport r = new RegexReport(options(argv), out::add,
                InstantSource.fixed(Instant.EPOCH), ZoneId.of("UTC"), maxLines);
        RegexTool.LineStats stats = new RegexTool.LineStats();
        stats.missed = count;
        stats.tested = count;
        for (int i = 0; i < shown; i++) {
            stats.missedLines.add("line " + i + "  ");
        }
        r.printLines(ltype, stats, List.of(), List.of(), false);
        return out;
    }

    @Test
    void linesArePrintedBelowTheLimitOrWhenAllAreAsked() {
        assertEquals(List.of("|- Missed line(s):\n|  line 0\n|  line 1\n`-"), printLines("missed", 2, 2, 20));
        assertEquals(List.of("Missed line(s): too many to print.  Use --print-all-missed to print all 20 lines"),
                printLines("missed", 20, 20, 20));
        assertEquals(List.of("Missed line(s): too many to print.  Use --print-all-missed to print all 3 lines"),
                printLines("missed", 3, 3, 3));
        assertEquals(1, printLines("missed", 25, 25, 20, "--print-all-missed").size());
        assertEquals(List.of(), printLines("missed", 0, 0, 20));
    }

    @Test
    void pprintList() {
        List<String> out = new ArrayList<>();
        RegexReport r = new RegexReport(options(), out::add, InstantSource.fixed(Instant.EPOCH), ZoneId.of("UTC"), 20);
        r.pprintList(List.of("a", "b"), "head");
        r.pprintList(List.of("c"), null);
        r.pprintList(List.of(), "none");
        assertEquals(List.of("|- head\n|  a\n|  b\n`-", "|  c\n`-"), out);
    }

    @ParameterizedTest
    @CsvSource({"0.0005, 0.001", "2.675, 2.675", "1.0, 1.000", "33.333333333333336, 33.333", "1e-7, 0.000",
        "12345.6785, 12345.678", "0.0, 0.000", "100, 100.000"})
    void threeDecimalsAsPython(double x, String expected) {
        assertEquals(expected, RegexReport.fixed3(x));
    }

    /** Values checked against Python's {@code "%.2f" % x} (half to even on the binary value, unlike Formatter's). */
    @ParameterizedTest
    @CsvSource({"0.125, 0.12", "0.375, 0.38", "1.005, 1.00", "2.675, 2.67", "0.0, 0.00", "1.0, 1.00",
        "12.3456, 12.35", "1234.5, 1234.50"})
    void twoDecimalsAsPython(double x, String expected) {
        assertEquals(expected, RegexReport.fixed(x, 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a b|a+b", "~_.-*|~_.-%2A", "\u00e9\u20ac|%C3%A9%E2%82%AC",
        "a+b&c=d/e?f|a%2Bb%26c%3Dd%2Fe%3Ff"})
    void quotePlusAsPython(String text, String expected) {
        assertEquals(expected, RegexReport.quotePlus(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void debuggexUrl() {
        assertEquals("https://www.debuggex.com/?re=x+%28%3FP%3Cuser%3E%5Cw%2B%29&str=x+bob&flavor=python&flags=m",
                RegexReport.debuggexUrl("x bob", "x <F-USER>\\w+</F-USER>", true, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "short|short",
        "12345678901234567890123456789012345678901234567890123|12345678901234567890123456789012345678901234567890123",
        "123456789012345678901234567890123456789012345678901234|12345678901234567890123456789012345678901234567890...",
    })
    void shortstr(String s, String expected) {
        assertEquals(expected, RegexTool.shortstr(s));
    }
}
