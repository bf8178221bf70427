package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrptimePatternTest {

    private final StrptimePattern strptime = DateTestSupport.strptime();
    private final DefaultDateTemplates defaults = new DefaultDateTemplates(strptime);

    /**
     * Date pattern, line, expected epoch seconds ("None": no date), as upstream 1.1.1 computes them with now at
     * 2005-08-14 12:00 CEST in the CET zone (recorded from its code).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', nullValues = "None", value = {
        "^%j %H:%M:%S;'032 10:00:00';1107248400",
        "^%Y %j %H:%M:%S;'2004 366 10:00:00';1104483600",
        "^%Y %j %H:%M:%S;'2005 366 10:00:00';1136106000",
        "^%j %H:%M:%S;'300 10:00:00';1098864000",
        "^%I:%M:%S %p;'12:30:00 AM';1123972200",
        "^%I:%M:%S %p;'12:30:00 pm';1123929000",
        "^%I:%M:%S %p;'01:30:00 PM';1123932600",
        "^%I:%M:%S;'11:30:00';1124011800",
        "^%l:%M:%S %p;' 1:30:00 PM';1123932600",
        "^%Exl:%M:%S %p;'1:30:00 PM';1123932600",
        "^%a %H:%M:%S;'Mon 10:00:00';1124006400",
        "^%a %H:%M:%S;'Mon 13:00:00';1123930800",
        "^%A %d %b %H:%M:%S;'Friday 16 Aug 10:00:00';1092643200",
        "^%b %d %H:%M:%S;'Aug 15 11:00:00';1124096400",
        "^%b %d %H:%M:%S;'Aug 15 13:00:00';1092567600",
        "^%b %d %H:%M:%S;'Feb 29 13:00:00';None",
        "^%b %d %H:%M:%S %z;'Aug 15 13:00:00 -0200';1092582000",
        "^%b %d %H:%M:%S %z;'Dec 31 23:30:00 -0100';1104453000",
        "^%c;'Sun Jan 23 21:59:59 2005';1106513999",
        "^%c;'Sun Jan  3 21:59:59 2005';1104785999",
        "^%x %X;'01/23/05 21:59:59';1106513999",
        "^%Y-%m-%d %H:%M:%S;'2019-10-27 02:30:00';1572139800",
        "^%Y-%m-%d %H:%M:%S;'2019-03-31 02:30:00';1553995800",
        "^%Y-%m-%d %H:%M:%S;'2005-02-30 10:00:00';None",
        "^%Y-%m-%d %H:%M:%S;'2005-02-28 23:59:60';None",
        "^%Y-%m-%d %k:%M:%S;'2005-02-28  9:59:59';1109581199",
        "^%Y-%m-%d %ExH:%ExM:%ExS %Exz;'2005-02-28 09:59:59 EST+01';1109599199",
        "^%Y-%m-%d %ExH:%ExM:%ExS %ExZ;'2005-02-28 09:59:59 NPT';1109564099",
        "^%Y-%m-%d %ExH:%ExM:%ExS %Z;'2005-02-28 09:59:59 ABCD';None",
        "^%Y-%m-%d %ExH:%ExM:%ExS %z;'2005-02-28 09:59:59 +05:30';1109564999",
        "^%y-%m-%d %ExH:%ExM:%ExS;'00-02-28 09:59:59';951728399",
        "^%d.%m.%y %ExH:%ExM:%ExS;'28.02.99 09:59:59';4075952399",
        "^%B %d %H:%M:%S;'AUGUST 16 10:00:00';1092643200",
        "^%b %d %H:%M:%S;'aug 16 10:00:00';1092643200",
        "^%m/%d %H:%M:%S;'08/15 10:00:00';1124092800",
        "^%m/%d %H:%M:%S;'08/16 10:00:00';1092643200",
        "^%m/%d %H:%M:%S;'08/15 13:00:01';1092567601",
        "^%H:%M:%S;'12:00:00';1124013600",
        "^%H:%M:%S;'12:00:01';1123927201",
        "^(?P<H>\\d+):(?P<M>\\d+);'12:01';1123927260",
        "^%%%Y-%m-%d;'%2005-01-01';1104534000",
        "^%ExY-%m-%d;'2031-01-01';None",
        "^%ExY-%m-%d;'2029-01-01';1861916400",
        "^%y %U %a %ExH:%ExM:%ExS**;'05 00 Sat 21:59:59';1104613199",
        "^%y %U %a %ExH:%ExM:%ExS**;'05 00 Sun 21:59:59';1104094799",
        "^%G %V %u %H:%M:%S;'2005 10 3 10:00:00';1124006400",
    })
    void parsesAsUpstream(String pattern, String line, Long expected) {
        DateDetector dd = new DateDetector(defaults);
        dd.appendTemplate(pattern);
        Optional<DateMatch> m = dd.getTime(line);
        if (expected == null) {
            assertEquals(Optional.empty(), m);
        } else {
            assertEquals(expected.doubleValue(), m.orElseThrow(() -> new AssertionError("no date")).epochSeconds());
            assertEquals(line, m.get().dateText());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2005, 200",
        "2026, 20[012]",
        "2027, 20[0123]",
        "2029, 20[0123]",
        "2098, 2(?:00|01|02|03|04|05|06|07|08|09|10)",
        "2200, 2(?:00|01|02|03|04|05|06|07|08|09|10|11|12|13|14|15|16|17|18|19|20)",
    })
    void exYearWindow(int year, String expected) {
        assertEquals(expected, StrptimePattern.yearCenturyRegex(year));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "%Y-%m-%d %H:%M:%S;Year-Month-Day 24hour:Minute:Second",
        "%ExY%Exm%Exd %ExH%ExM%ExS;ExYearExMonthExDay Ex24hourExMinuteExSecond",
        "%a %A %b %B %p %f;DAY DAYNAME MON MONTH AMPM Microseconds",
        "%j %U %W %w %y;Yearday Yearweek Yearweek Weekday Year2",
        "%z %Z %Exz %ExZ %Exy;Zone offset Zone name ExZone offset ExZone name ExYear2",
        "%k %l %Exk %Exl %c %x %X %G %u %V %%;%k %l %Exk %Exl %c %x %X %G %u %V %",
    })
    void names(String pattern, String name) {
        assertEquals(name, StrptimePattern.describe(pattern));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Y;(?P<Y>\\d{4})",
        "ExY;(?P<Y>20[012]\\d)",
        "k;' ?(?P<H>[0-2]?\\d)'",
        "Exz;(?P<z>(?:[A-Z](?:[A-Z]{2,4})?)?[+-][01]\\d(?::?\\d{2})?|[A-Z](?:[A-Z]{2,4})?)",
        "X;(?P<H>2[0-3]|[0-1]\\d|\\d):(?P<M>[0-5]\\d|\\d):(?P<S>6[0-1]|[0-5]\\d|\\d)",
    })
    void directiveRegexes(String key, String regex) {
        assertEquals(regex, strptime.directiveRegex(key));
        assertEquals(regex, strptime.toRegex("%" + key));
    }

    @Test
    void percentMustStartADirective() {
        for (String p : new String[] {"%e", "%s", "50%", "%Ex", "%ExQ", "%(Y)s"}) {
            assertThrows(DatePatternException.class, () -> strptime.toRegex(p), p);
        }
        assertEquals("100%", strptime.toRegex("100%%"));
    }

    @Test
    void parseFromGroupValues() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("Y", "2005");
        g.put("m", "1");
        g.put("d", " 3");
        g.put("H", "21");
        g.put("M", "59");
        g.put("S", "59");
        g.put("_sep", "-");
        g.put("z", null);
        assertEquals(Optional.of(Instant.ofEpochSecond(1104785999L)), strptime.parse(g));
        assertEquals(Optional.of(Instant.ofEpochSecond(1104789599L)), strptime.parse(g, 0));
        g.put("z", "+0100");
        assertEquals(Optional.of(Instant.ofEpochSecond(1104785999L)), strptime.parse(g, 0));
        g.put("m", "13");
        assertEquals(Optional.empty(), strptime.parse(g));
    }

    @Test
    void monthWithoutDayIsNoDate() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("Y", "2005");
        g.put("m", "3");
        assertEquals(Optional.empty(), strptime.parse(g));
    }

    @ParameterizedTest
    @CsvSource({"2001, 11, 3, false, 81", "2001, 11, 2, true, 73", "2005, 0, 5, false, 1", "2005, 0, 6, false, -5"})
    void julianFromWeek(int year, int week, int weekday, boolean monday, int julian) {
        assertEquals(julian, StrptimePattern.julianFromWeek(year, week, weekday, monday));
        assertTrue(LocalDate.of(year, 1, 1).plusDays(julian - 1L).getYear() >= year - 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"5;5", " 5 ;5", "+7;7", "-3;-3", "1_0;10", "\u0665;5"})
    void pythonInt(String text, int value) {
        String t = text.replace("\\u0665", "\u0665");
        assertEquals(value, StrptimePattern.pyInt(t, 0, t.length()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"''", "' '", "_1", "1_", "1__0", "a", "1.0"})
    void notPythonInt(String text) {
        assertEquals(StrptimePattern.BAD, StrptimePattern.pyInt(text, 0, text.length()));
    }
}
