package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;

/** The matcher state fail2ban-regex reads: line buffer, last prefregex match, last date. */
class FailureMatcherStateTest {
    private static FailureMatcher matcher() {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z"));
        FailureMatcher m = new FailureMatcher("~jailless~", clock, new DefaultDateTemplates(clock, ZoneId.of("UTC")),
                new FakeDnsResolver());
        m.setCheckFindTime(false);
        return m;
    }

    @Test
    void lineBufferOfAMultiLineFilter() {
        FailureMatcher m = matcher();
        m.setMaxLines(2);
        m.addFailRegex("(?m)^ a\\n b <HOST>$");
        assertEquals(List.of(), m.lineBuffer());
        m.processLine("2005-08-14 12:00:01 a");
        assertEquals(List.of(new TupleLine("", "2005-08-14 12:00:01", " a")), m.lineBuffer());
        assertEquals(1, m.processLine("2005-08-14 12:00:02 b 192.0.2.1").size());
        assertEquals(List.of(), m.lineBuffer());
        assertEquals(Optional.of(1124020802.0), m.lastDate());
    }

    @Test
    void prefRegexMatchOfTheLastLine() {
        FailureMatcher m = matcher();
        assertEquals(Optional.empty(), m.lastPrefRegexGroups());
        m.setPrefRegex("^(?P<p>\\w+)? *x (?P<content>.+)$");
        m.addFailRegex("^from <HOST>$");
        m.processLine("2005-08-14 12:00:01 x from 192.0.2.1");
        Map<String, String> groups = m.lastPrefRegexGroups().orElseThrow();
        assertEquals(List.of("p", "content"), List.copyOf(groups.keySet()));
        assertEquals(null, groups.get("p"));
        assertEquals("from 192.0.2.1", groups.get("content"));
        m.processLine("2005-08-14 12:00:01 y from 192.0.2.1");
        assertEquals(Optional.empty(), m.lastPrefRegexGroups());
        assertEquals(Optional.empty(), matcher().lastDate());
    }
}
