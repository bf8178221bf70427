package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line-level rules of upstream's Filter: dates and their fallbacks, multi-line buffers, budgets. */
class FailureMatcherTest {
    /** No DNS in these tests: no name resolves. */
    static final DnsResolver NO_DNS = new FakeDnsResolver();

    MutableClock clock;
    FailureMatcher m;

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        m = new FailureMatcher("test", clock, new DefaultDateTemplates(clock, ZoneId.of("CET")), NO_DNS);
    }

    @Test
    void findsAddressAndTimeAndSplitsTheDateOff() {
        m.addFailRegex("^\\s*host \\S+ auth failure from <HOST>$");
        List<Failure> f = m.processLine("Aug 14 11:59:00 host sshd auth failure from 192.0.2.7");
        assertEquals(1, f.size());
        assertEquals("192.0.2.7", f.get(0).fid().toString());
        // 11:59 CEST on the test day, one minute before upstream's test "now" (12:00 CEST)
        assertEquals(1124013540.0, f.get(0).time(), 0.0);
        assertEquals("Aug 14 11:59:00", m.processedLine().dateText());
        assertEquals(List.of(m.processedLine()), f.get(0).matches());
    }

    /** The test clock, counting its readings in {@code reads[0]}. */
    private java.time.InstantSource counting(int[] reads) {
        return () -> {
            reads[0]++;
            return clock.instant();
        };
    }

    /** A running jail reads the clock once per line, for the date detection and the date rules together. */
    @Test
    void readsTheClockOncePerLine() {
        int[] reads = new int[1];
        java.time.InstantSource counting = counting(reads);
        FailureMatcher jail = new FailureMatcher("test", counting, new DefaultDateTemplates(counting,
                ZoneId.of("CET")), NO_DNS);
        jail.setPrefRegex("^\\s*\\S+ sshd\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$");
        jail.addFailRegex("^failure from <HOST>$");
        List<String> lines = List.of("Aug 14 11:59:00 host sshd[1]: failure from 192.0.2.7",
                "Aug 14 11:59:01 host sshd[2]: accepted", "Aug 14 11:59:02 host cron[3]: job",
                "no date here at all", "Aug 14 09:00:00 host sshd[4]: failure from 192.0.2.8");
        for (String line : lines) {
            int before = reads[0];
            jail.processLine(line);
            assertTrue(reads[0] - before <= 1, reads[0] - before + " clock readings for " + line);
        }
        assertEquals(2, jail.processLine("Aug 14 11:59:03 host sshd[5]: failure from 192.0.2.9").size()
                + jail.processLine("Aug 14 11:59:04 host sshd[6]: failure from 192.0.2.9").size());
    }

    /**
     * With a batch reading (fail2ban-regex reads the clock once per batch of lines) no line reads the clock, and the
     * lines get the same dates as with a reading per line, also the year-less ones and a line without a date.
     */
    @Test
    void aBatchReadingStandsForEveryLine() {
        int[] reads = new int[1];
        java.time.InstantSource counting = counting(reads);
        List<String> lines = List.of("Aug 14 11:59:00 host sshd[1]: failure from 192.0.2.7",
                "2005-08-14 11:59:01 host sshd[2]: failure from 192.0.2.8", "failure from 192.0.2.9",
                "Aug 14 11:59:02 host cron[3]: job");
        List<List<Failure>> perLine = new java.util.ArrayList<>();
        List<List<Failure>> batched = new java.util.ArrayList<>();
        for (boolean batch : new boolean[] {false, true}) {
            FailureMatcher tool = new FailureMatcher("test", counting, new DefaultDateTemplates(counting,
                    ZoneId.of("CET")), NO_DNS);
            tool.setCheckFindTime(false);
            tool.addFailRegex("failure from <HOST>$");
            if (batch) {
                tool.useBatchReading(counting.instant());
            }
            reads[0] = 0;
            for (String line : lines) {
                (batch ? batched : perLine).add(tool.processLine(line));
            }
            if (batch) {
                assertEquals(0, reads[0], "clock readings with a batch reading");
            } else {
                assertTrue(reads[0] >= lines.size() - 1, reads[0] + " readings without a batch reading");
            }
        }
        assertEquals(perLine.toString(), batched.toString());
        assertEquals(1124013540.0, batched.get(0).get(0).time(), 0.0);
        assertEquals(1124013541.0, batched.get(2).get(0).time(), 0.0);
    }

    @Test
    void lineWithoutDateTakesTheLastDateWithinAMinuteElseNow() {
        m.addFailRegex("failure from <HOST>");
        m.processLine("Aug 14 11:59:30 first line");
        List<Failure> f = m.processLine("failure from 192.0.2.8");
        assertEquals(1124013570.0, f.get(0).time(), 0.0);
        clock.advanceSeconds(120);
        f = m.processLine("failure from 192.0.2.8");
        assertEquals(clock.millis() / 1000.0, f.get(0).time(), 0.0);
    }

    @Test
    void inOperationAFarOffDateIsTakenAsNow() {
        m.addFailRegex("failure from <HOST>");
        List<Failure> f = m.processLine("Aug 14 09:00:00 failure from 192.0.2.9");
        assertEquals(clock.millis() / 1000.0, f.get(0).time(), 0.0);
    }

    @Test
    void atStartUpLinesOlderThanFindtimeAreIgnored() {
        m.addFailRegex("failure from <HOST>");
        m.setInOperation(false);
        m.setFindTime(600);
        assertEquals(List.of(), m.processLine("Aug 14 11:40:00 failure from 192.0.2.9"));
        assertEquals(1, m.processLine("Aug 14 11:55:00 failure from 192.0.2.9").size());
    }

    @Test
    void withoutFindtimeChecksDatesAreTakenAsTheyAre() {
        m.addFailRegex("failure from <HOST>");
        m.setCheckFindTime(false);
        List<Failure> f = m.processLine("Aug 14 09:00:00 failure from 192.0.2.9");
        assertEquals(1124002800.0, f.get(0).time(), 0.0);
        // no date and no recent one: the failure is still reported, without a time (as upstream's tools see it)
        f = m.processLine("failure from 192.0.2.9");
        assertEquals(1, f.size());
        assertNull(f.get(0).time());
    }

    @Test
    void ignoreregexWins() {
        m.addFailRegex("failure from <HOST>");
        m.addIgnoreRegex("from 192\\.0\\.2\\.1$");
        assertEquals(List.of(), m.processLine("Aug 14 11:59:00 failure from 192.0.2.1"));
        assertEquals(1, m.processLine("Aug 14 11:59:00 failure from 192.0.2.10").size());
    }

    @Test
    void multiLineBufferJoinsLinesAndConsumesThem() {
        m.setMaxLines(3);
        m.addFailRegex("^.*user (?P<user>\\w+) login\\n.*failed from <HOST>$");
        assertEquals(List.of(), m.processLine("Aug 14 11:59:00 user bob login"));
        List<Failure> f = m.processLine("Aug 14 11:59:01 failed from 192.0.2.11");
        assertEquals(1, f.size());
        assertEquals("bob", f.get(0).data().get("user"));
        assertEquals(2, f.get(0).matches().size());
        // the matched lines left the buffer: the same second line alone matches nothing
        assertEquals(List.of(), m.processLine("Aug 14 11:59:02 failed from 192.0.2.11"));
    }

    @Test
    void catastrophicBacktrackingGivesUpOnTheLine() {
        m.setCheckFindTime(false);
        // java.util.regex defuses nested quantifiers like (a+)+ itself; this one still explodes
        m.addFailRegex("(?:.*a){12}x <HOST>");
        m.addFailRegex("^(?:x|y)+ bad from <HOST>$");
        // the line has the literal "x " the first regex needs, so its literal prefilter cannot skip it
        String evil = "a".repeat(40) + "x !";
        long before = m.budgetExceeded();
        assertEquals(List.of(), m.processLine(evil));
        assertEquals(before + 1, m.budgetExceeded());
        // the next line is processed normally
        assertEquals(1, m.processLine("xyxy bad from 192.0.2.12").size());
    }

    @Test
    void hostileLinesDoNotBreakMatching() {
        m.setCheckFindTime(false);
        m.addFailRegex("failure from <HOST>");
        assertEquals(List.of(), m.processLine("nul\u0000bytes failure from \u0000192.0.2.1"));
        assertEquals(1, m.processLine("x".repeat(1 << 20) + " failure from 192.0.2.13").size());
        assertEquals(1, m.processLine("failure from 192.0.2.14\r").size());
        assertTrue(m.budgetExceeded() == 0);
    }

    /**
     * Our own matcher hands a line whose match reads a character outside the BMP to {@code java.util.regex}, which
     * reads code points as Python does: {@code .} takes the whole emoji.
     */
    @Test
    void charactersOutsideTheBmpAreMatchedAsCodePoints() {
        m.setCheckFindTime(false);
        m.addFailRegex("^user (?P<user>.) from <HOST>$");
        List<Failure> f = m.processLine("user \uD83D\uDE00 from 192.0.2.15");
        assertEquals(1, f.size());
        assertEquals("\uD83D\uDE00", f.get(0).data().get("user"));
        m.setOwnMatcher(false);
        assertEquals(f.get(0).data().get("user"), m.processLine("user \uD83D\uDE00 from 192.0.2.15").get(0).data()
                .get("user"));
    }

    /**
     * A prefregex whose head is all optional matches every line with a character besides its date: the lines the
     * prefilters let skip it get the same answer (and groups) as when it is searched on every line.
     */
    @Test
    void skippedLinesGetThePrefregexAnswerOfASearch() {
        FailureMatcher exact = new FailureMatcher("test", clock, new DefaultDateTemplates(clock, ZoneId.of("CET")),
                NO_DNS);
        exact.setLiteralPrefilters(false);
        for (FailureMatcher f : List.of(m, exact)) {
            f.setPrefRegex("^<F-MLFID>(?:\\S+\\s+)?(?:sshd(?:\\[\\d+\\])?:\\s+)?</F-MLFID>(?:error: )?<F-CONTENT>.+</F-CONTENT>$");
            f.addFailRegex("^failure from <HOST>$");
        }
        for (String line : List.of("Aug 14 11:59:00 host sshd[1]: accepted from 192.0.2.7",
                "Aug 14 11:59:00 host kernel: noise", "Aug 14 11:59:00 x", "Aug 14 11:59:00 ", "Aug 14 11:59:00",
                "no date at all", "", " ", "Aug 14 11:59:00 host sshd[1]: failure from 192.0.2.7")) {
            m.processLine(line);
            exact.processLine(line);
            boolean matched = exact.lastPrefRegexMatched();
            assertEquals(matched, m.lastPrefRegexMatched(), line);
            assertEquals(exact.lastPrefRegexGroups(), m.lastPrefRegexGroups(), line);
            assertEquals(matched, m.lastPrefRegexMatched(), line);
        }
    }
}
