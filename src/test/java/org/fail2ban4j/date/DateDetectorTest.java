package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream's {@code tests/datedetectortestcase.py:DateDetectorTest}. */
class DateDetectorTest {

    private final DefaultDateTemplates defaults = DateTestSupport.defaults();

    private DateDetector detector(String... patterns) {
        DateDetector dd = new DateDetector(defaults);
        if (patterns.length == 0) {
            dd.addDefaultTemplate();
        }
        for (String p : patterns) {
            dd.appendTemplate(p);
        }
        return dd;
    }

    private static long local(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).atZone(DateTestSupport.ZONE).toEpochSecond();
    }

    @Test
    void epochTime() {
        DateDetector dd = detector("EPOCH");
        for (long dateUnix : new long[] {1138049999L, 32535244799L}) {
            for (String fmt : List.of("%s", "[%s]", "[%s.555]", "audit(%s.555:101)")) {
                String date = String.format(fmt, dateUnix);
                String log = date + " [sshd] error: PAM: Authentication failure";
                DateMatch m = dd.getTime(log).orElseThrow(() -> new AssertionError("Parse epoch time for " + date));
                assertEquals(dateUnix, (long) m.epochSeconds(), date);
                assertTrue(List.of(dateUnix + "", dateUnix + ".555").contains(m.dateText()), date);
            }
        }
        for (String dateUnix : List.of("123456789", "9999999999999999", "1138049999A", "A1138049999")) {
            for (String fmt : List.of("%s", "[%s]", "[%s.555]", "audit(%s.555:101)")) {
                String log = String.format(fmt, dateUnix) + " [sshd] error: PAM: Authentication failure";
                assertEquals(Optional.empty(), dd.getTime(log), log);
            }
        }
    }

    @Test
    void epochMsTime() {
        DateDetector dd = detector("LEPOCH");
        for (long fact : new long[] {1, 1000, 1000000}) {
            for (long dateUnix : new long[] {1138049999L, 32535244799L}) {
                for (String fmt : List.of("%s", "[%s]", "audit(%s:101)")) {
                    long dateLong = dateUnix * fact;
                    String log = String.format(fmt, dateLong) + " [sshd] error: PAM: Authentication failure";
                    DateMatch m = dd.getTime(log).orElseThrow(() -> new AssertionError("Parse epoch time " + log));
                    assertEquals(dateUnix, (long) m.epochSeconds(), log);
                    assertEquals(Long.toString(dateLong), m.dateText(), log);
                }
            }
        }
        for (String dateUnix : List.of("123456789", "999999999999999999", "1138049999A", "A1138049999")) {
            for (String fmt : List.of("%s", "[%s]", "[%s.555]", "audit(%s.555:101)")) {
                String log = String.format(fmt, dateUnix) + " [sshd] error: PAM: Authentication failure";
                assertEquals(Optional.empty(), dd.getTime(log), log);
            }
        }
    }

    @Test
    void epochPattern() {
        DateDetector dd = detector("(?<=\\|\\s){LEPOCH}(?=\\s\\|)");
        long dateLong = 0;
        for (long fact : new long[] {1, 1000, 1000000}) {
            for (long dateUnix : new long[] {1138049999L, 32535244799L}) {
                dateLong = dateUnix * fact;
                String log = "auth-error | " + dateLong + " | invalid password";
                DateMatch m = dd.getTime(log).orElseThrow(() -> new AssertionError("Parse epoch time " + log));
                assertEquals(dateUnix, (long) m.epochSeconds());
                assertEquals(Long.toString(dateLong), m.dateText());
            }
        }
        for (String fmt : List.of("test%s123", "test-right | %stest", "test%s | test-left")) {
            String log = String.format(fmt, dateLong);
            assertEquals(Optional.empty(), dd.getTime(log), log);
        }
    }

    @Test
    void epochPatternCut() {
        DateDetector dd = detector("^type=\\S+ msg=audit\\(({EPOCH})");
        String line = "type=USER_AUTH msg=audit(1106513999.000:987)";
        DateMatch m = dd.getTime(line).orElseThrow();
        assertEquals(1106513999L, (long) m.epochSeconds());
        assertEquals("1106513999.000", line.substring(m.match().start(1), m.match().end(1)));
    }

    @Test
    void getTime() {
        DateMatch m = detector().getTime("Jan 23 21:59:59 [sshd] error: PAM: Authentication failure").orElseThrow();
        assertEquals(1106513999.0, m.epochSeconds());
        assertEquals("Jan 23 21:59:59", m.dateText());
    }

    @ParameterizedTest(name = "{0} with TZ {1}")
    @CsvSource(nullValues = "None", value = {
        // no TZ in input-string:
        "'2017-01-23 15:00:00', UTC+0300, 2017-01-23T12:00",
        "'2017-01-23 15:00:00', UTC, 2017-01-23T15:00",
        "'2017-01-23 15:00:00', UTC-0430, 2017-01-23T19:30",
        "'2017-01-23 15:00:00', GMT+12, 2017-01-23T03:00",
        "'2017-01-23 15:00:00', None, 2017-01-23T14:00",
        // CET:
        "'2017-01-23 15:00:00', CET, 2017-01-23T14:00",
        "'2017-01-23 15:00:00', +0100, 2017-01-23T14:00",
        "'2017-01-23 15:00:00', CEST-01, 2017-01-23T14:00",
        // CEST:
        "'2017-01-23 15:00:00', CEST, 2017-01-23T13:00",
        "'2017-01-23 15:00:00', +0200, 2017-01-23T13:00",
        "'2017-01-23 15:00:00', CET+01, 2017-01-23T13:00",
        "'2017-01-23 15:00:00', CET+0100, 2017-01-23T13:00",
        // offset in minutes:
        "'2017-01-23 15:00:00', CET+0130, 2017-01-23T12:30",
        // TZ in input-string have precedence:
        "'2017-01-23 15:00:00 GMT', UTC+0300, 2017-01-23T15:00",
        "'2017-01-23 15:00:00 GMT', UTC, 2017-01-23T15:00",
        "'2017-01-23 15:00:00 GMT', UTC-0430, 2017-01-23T15:00",
        "'2017-01-23 15:00:00 GMT', None, 2017-01-23T15:00",
        "'2017-01-23 15:00:00 -1045', UTC, 2017-01-24T01:45",
        "'2017-01-23 15:00:00 -10:45', None, 2017-01-24T01:45",
        "'2017-01-23 15:00:00 +0945', UTC, 2017-01-23T05:15",
        "'2017-01-23 15:00:00 +09:45', None, 2017-01-23T05:15",
        "'2017-01-23 15:00:00 Z', UTC+0300, 2017-01-23T15:00",
        "'2017-01-23 15:00:00 CET', GMT+12, 2017-01-23T14:00",
        "'2017-01-23 15:00:00 CEST', GMT+12, 2017-01-23T13:00",
        "'2017-01-23 15:00:00 CET+0130', GMT+12, 2017-01-23T12:30",
    })
    void defaultTimeZone(String log, String tz, String desired) {
        DateDetector dd = detector("^%ExY-%Exm-%Exd %H:%M:%S(?: ?%Exz)?");
        if (tz != null) {
            dd.setDefaultTimeZone(tz);
        }
        DateMatch m = dd.getTime(log).orElseThrow();
        assertEquals(LocalDateTime.parse(desired).toEpochSecond(ZoneOffset.UTC), (long) m.epochSeconds());
    }

    @Test
    void wrongDefaultTimeZone() {
        DateDetector dd = detector("^%ExY-%Exm-%Exd %H:%M:%S(?: ?%Exz)?");
        dd.setDefaultTimeZone("UTC+0100");
        assertThrows(IllegalArgumentException.class, () -> dd.setDefaultTimeZone("WRONG-TZ"));
        assertEquals(60, dd.defaultTimeZoneOffset().getAsInt());
        dd.clearDefaultTimeZone();
        assertTrue(dd.defaultTimeZoneOffset().isEmpty());
    }

    /** anchored, bound, sdate, rdate of upstream's testVariousTimes. */
    private static final Object[][] VARIOUS_TIMES = {
        {false, true, "Jan 23 21:59:59", null},
        {false, false, "Sun Jan 23 21:59:59 2005", null},
        {false, false, "Sun Jan 23 21:59:59", null},
        {false, false, "Sun Jan 23 2005 21:59:59", null},
        {false, true, "2005/01/23 21:59:59", null},
        {false, true, "2005.01.23 21:59:59", null},
        {false, true, "23/01/2005 21:59:59", null},
        {false, true, "23/01/05 21:59:59", null},
        {false, true, "23/Jan/2005:21:59:59", null},
        {false, true, "23/Jan/2005:21:59:59 +0100", null},
        {false, true, "01/23/2005:21:59:59", null},
        {false, true, "2005-01-23 21:59:59", null},
        {false, true, "2005-01-23 21:59:59,000", null},
        {false, true, "23-Jan-2005 21:59:59", null},
        {false, true, "23-Jan-2005 21:59:59.02", null},
        {false, true, "23-Jan-2005 21:59:59 +0100", null},
        {false, true, "23-01-2005 21:59:59", null},
        {true, true, "1106513999", null},
        {false, true, "01-23-2005 21:59:59.252", null},
        {false, false, "@4000000041f4104f00000000", null},
        {false, true, "2005-01-23T20:59:59.252Z", null},
        {false, true, "2005-01-23T15:59:59-05:00", null},
        {false, true, "2005-01-23 21:59:59", null},
        {false, true, "20050123T215959", null},
        {false, true, "20050123 215959", null},
        {true, true, "<01/23/05@21:59:59>", null},
        {false, true, "050123 21:59:59", null},
        {true, true, "Jan-23-05 21:59:59", null},
        {false, true, "Jan 23, 2005 9:59:59 PM", null},
        {true, true, "1106513999", null},
        {true, true, "1106513999.000", null},
        {true, true, "[1106513999.000]", "1106513999.000"},
        {false, true, "audit(1106513999.000:987)", "1106513999.000"},
        {true, true, "no date line", null},
    };

    @Test
    void variousTimes() {
        DateDetector dd = detector();
        double dateUnix = 1106513999.0;
        for (Object[] row : VARIOUS_TIMES) {
            boolean anchored = (Boolean) row[0];
            boolean bound = (Boolean) row[1];
            String sdate = (String) row[2];
            String rdate = (String) row[3];
            if (rdate == null && !sdate.equals("no date line")) {
                rdate = sdate;
            }
            Object[][] variants = {{rdate != null, ""}, {!anchored, "bogus-prefix "}, {false, "word-boundary"}};
            for (Object[] v : variants) {
                boolean shouldMatch = (Boolean) v[0];
                String prefix = (String) v[1];
                if (!bound && prefix.equals("word-boundary")) {
                    continue;
                }
                String log = prefix + sdate + "[sshd] error: PAM: Authentication failure";
                Optional<DateMatch> t1 = dd.getTime(log);
                Optional<TemplateMatch> tm = dd.matchTime(log);
                Optional<DateMatch> t2 = tm.flatMap(dd::getTime);
                for (Optional<DateMatch> t : List.of(t1, t2)) {
                    if (shouldMatch) {
                        assertTrue(t.isPresent(), "getTime retrieved nothing for " + sdate + " by prefix '"
                                + prefix + "', log: " + log);
                        assertEquals(dateUnix, t.get().epochSeconds(), sdate + " by prefix '" + prefix + "'");
                        assertEquals(rdate, t.get().dateText(), sdate + " by prefix '" + prefix + "'");
                    } else {
                        assertEquals(Optional.empty(), t, "should not match " + sdate + " by prefix '" + prefix + "'");
                    }
                }
            }
        }
    }

    @Test
    void allUniqueTemplateNames() {
        DateDetector dd = detector();
        DateTemplate first = dd.templates().get(0);
        DatePatternException e = assertThrows(DatePatternException.class, () -> dd.appendTemplate(first));
        assertTrue(e.getMessage().contains("There is already a template with name " + first.name()), e.getMessage());
    }

    @Test
    void fullYearMatchGh130() {
        DateDetector dd = detector();
        double mu = local(2012, 10, 11, 2, 37, 17);
        DateMatch m = dd.getTime("2012/10/11 02:37:17 [error] 18434#0").orElseThrow();
        assertEquals(mu, m.epochSeconds());
        assertEquals("2012/10/11 02:37:17", m.dateText());
        // confuse it with year being at the end
        for (int i = 0; i < 10; i++) {
            m = dd.getTime("11/10/2012 02:37:17 [error] 18434#0").orElseThrow();
            assertEquals(mu, m.epochSeconds());
            assertEquals("11/10/2012 02:37:17", m.dateText());
        }
        // and now back to the original
        m = dd.getTime("2012/10/11 02:37:17 [error] 18434#0").orElseThrow();
        assertEquals(mu, m.epochSeconds());
        assertEquals("2012/10/11 02:37:17", m.dateText());
    }

    @Test
    void dateTemplate() {
        DateTemplate.Bounded b = DateTemplate.bound("", "^a{3,5}b?c*$", DateTemplate.Begin.WORD, true);
        assertEquals("^(a{3,5}b?c*)$", b.regex());
        assertEquals("aaaac", DateRegex.compile(b.regex()).search("aaaac").group(1));

        // no word boundaries left and right:
        StrptimePattern sp = DateTestSupport.strptime();
        DateTemplate t = new PatternDateTemplate("(?iu)**time:%ExY%Exm%ExdT%ExH%ExM%ExS**", sp);
        assertFalse(t.regex().contains("**"));
        String dt = "TIME:20050102T010203";
        assertEquals(dt, t.matchDate("X" + dt + "X").orElseThrow().dateText());
        assertEquals(dt, t.matchDate(dt).orElseThrow().dateText());
        // wrong year (for exact %ExY):
        assertTrue(t.matchDate("TIME:50050102T010203").isEmpty());

        // start boundary left and word boundary right (automatically if not **):
        t = new PatternDateTemplate("{^LN-BEG}time:%ExY%Exm%ExdT%ExH%ExM%ExS", sp);
        assertTrue(t.regex().contains("^"));
        dt = "time:20050102T010203";
        assertTrue(t.matchDate("X" + dt).isEmpty());
        assertTrue(t.matchDate(dt + "X").isEmpty());
        assertEquals(dt, t.matchDate("##" + dt + "...").orElseThrow().dateText());
        assertEquals(dt, t.matchDate(dt).orElseThrow().dateText());
        // case sensitive:
        assertTrue(t.matchDate("TIME:20050102T010203").isEmpty());

        // auto-switching "ignore case" and "unicode"
        t = new PatternDateTemplate("^%Y %b %d", sp);
        assertTrue(t.regex().contains("(?iu)"));
        for (String d : List.of("2005 jun 03", "2005 Jun 03", "2005 JUN 03")) {
            assertEquals(d, t.matchDate(d).orElseThrow().dateText());
        }
    }

    @ParameterizedTest
    @CsvSource({"'%H:%M:%S'", "'{UNB}%H:%M:%S'"})
    void notAnchoredCollision(String dp) {
        DateDetector dd = detector(dp);
        for (String fmt : List.of("%s test", "%8s test", "test %s", "test %8s")) {
            for (String dt : List.of("00:01:02", "00:01:2", "00:1:2", "0:1:2", "00:1:2", "00:01:2", "00:01:02",
                    "0:1:2", "00:01:02")) {
                DateMatch t = dd.getTime(String.format(fmt, dt)).orElseThrow();
                assertEquals(1123970462.0, t.epochSeconds(), fmt + " " + dt);
                assertEquals(dt, t.dateText());
                assertEquals(dt, t.match().group(0).orElseThrow());
            }
        }
    }

    @Test
    void ambiguousInOrderedTemplates() {
        DateDetector dd = detector();
        Object[][] rows = {
            // shortest distance to datetime should win:
            {"030324  0:03:59", "some free text 030324  0:03:59 -- 2003-03-07 17:05:01 ...", 1},
            // some free text with datetime:
            {"2003-03-07 17:05:01", "some free text 2003-03-07 17:05:01 test ...", 15},
            // distance collision detection (date from foreign input should not be found):
            {"030324  0:04:00", "server mysqld[1000]: 030324  0:04:00 [Warning] Access denied ..."
                + " foreign-input just some free text 2003-03-07 17:05:01 test", 10},
            // distance collision detection (first date should be found):
            {"Sep 16 21:30:26", "server mysqld[1020]: Sep 16 21:30:26 server mysqld: 030916 21:30:26 [Warning]"
                + " Access denied", 15},
            // just to test sorting:
            {"2005-10-07 06:09:42", "server mysqld[5906]: 2005-10-07 06:09:42 5907 [Warning] Access denied", 20},
            {"2005-10-08T15:26:18.237955", "server mysqld[5906]: 2005-10-08T15:26:18.237955 6 [Note] Access denied",
                20},
            // date format changed again:
            {"051009 10:05:30", "server mysqld[1000]: 051009 10:05:30 [Warning] Access denied ...", 50},
        };
        for (Object[] row : rows) {
            for (int i = 0; i < (Integer) row[2]; i++) {
                TemplateMatch m = dd.matchTime((String) row[1]).orElseThrow(() -> new AssertionError(row[1]));
                assertEquals(row[0], m.dateText(), (String) row[1]);
            }
        }
    }

    @Test
    void lowLevelSwitchingOfFormats() {
        DateDetector dd = detector();
        int i = 0;
        Object[][] rows = {
            {"server mysqld[5906]: 2005-10-07 06:09:%02d 5907 [Warning] Access denied", 2},
            {"server mysqld[5906]: 051007 06:10:%02d 5907 [Warning] Access denied", 5},
            {"server mysqld[5906]: 2005-10-07 06:09:%02d 5907 [Warning] Access denied", 10},
        };
        for (Object[] row : rows) {
            int cnt = (Integer) row[1];
            for (int k = i; k < i + cnt + 1; k++) {
                String line = String.format((String) row[0], k);
                assertTrue(dd.matchTime(line).isPresent(), line);
            }
            i += cnt;
        }
    }

    @Test
    void wrongTemplate() {
        DatePatternException e = assertThrows(DatePatternException.class,
                () -> new PatternDateTemplate("(%ExY%Exm%Exd", DateTestSupport.strptime()));
        assertTrue(e.getMessage().contains("Compile '(ExYearExMonthExDay' failed"), e.getMessage());
        assertEquals("(%ExY%Exm%Exd", e.pattern());
    }

    /** The default templates compile their regexes when first used; a datepattern set later compiles at once. */
    @Test
    void aDatepatternThatDoesNotCompileIsRefusedWhenSet() {
        DefaultDateTemplates defaults = DateTestSupport.defaults();
        DatePatternException e = assertThrows(DatePatternException.class,
                () -> defaults.forPattern("(%ExY%Exm%Exd"));
        assertTrue(e.getMessage().contains("Compile '(ExYearExMonthExDay' failed"), e.getMessage());
        assertThrows(DatePatternException.class, () -> detector("(%ExY%Exm%Exd"));
        // a default pattern given as datepattern is the default template itself, which matches
        DateTemplate t = defaults.forPattern("%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\\s*%z)?");
        assertTrue(defaults.defaultTemplates().contains(t));
        assertTrue(t.matchDate("at 2005-01-23 21:59:59 x").isPresent());
    }

    @Test
    void unknownDirective() {
        DatePatternException e = assertThrows(DatePatternException.class, () -> detector("%Y-%m-%e"));
        assertEquals("Failed to set datepattern '%Y-%m-%e' (may be an invalid format or unescaped percent char):"
                + " unsupported format character 'e' (0x65)", e.getMessage());
        assertThrows(DatePatternException.class, () -> detector("%s"));
        assertThrows(DatePatternException.class, () -> detector("100%"));
        assertThrows(DatePatternException.class, () -> detector("%ExQ"));
    }

    @Test
    void lastUsedTemplateMovesUp() {
        DateDetector dd = detector();
        String line = "server mysqld[1000]: 051009 10:05:30 [Warning] Access denied";
        for (int i = 0; i < 30; i++) {
            dd.matchTime(line).orElseThrow();
        }
        assertEquals("ExYear2ExMonthExDay  ?24hour:Minute:Second", dd.templates().get(0).name());
    }

    @Test
    void defaultsAreAddedOnFirstLine() {
        DateDetector dd = new DateDetector(defaults);
        assertEquals(0, dd.templates().size());
        assertTrue(dd.getTime("2005-01-23 21:59:59 x").isPresent());
        assertEquals(31, dd.templates().size());
    }

    @Test
    void datePatternValueWithSeveralLines() {
        DateDetector dd = DateDetector.forDatePattern(defaults, "  ^%%Y-%m-%d %H:%M:%S\n\n  {^LN-BEG}\n");
        List<DateTemplate> t = dd.templates();
        assertEquals("^%Y-Month-Day 24hour:Minute:Second", t.get(0).name());
        assertEquals(1 + 14 + 3, t.size());
    }

    @Test
    void hitsAndWeights() {
        DateDetector dd = detector("{^LN-BEG}");
        for (int i = 0; i < 3; i++) {
            dd.matchTime("Jan 23 21:59:59 host sshd[1]: x").orElseThrow();
        }
        TemplateHits first = dd.templateHits().get(0);
        assertEquals("{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second(?:\\.Microseconds)?(?: ExYear)?",
                first.template().name());
        assertEquals(3, first.hits());
        assertEquals(300.0, first.weight());
        assertEquals(0, dd.templateHits().get(1).hits());
    }
}
