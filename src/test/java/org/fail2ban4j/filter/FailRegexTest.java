package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RegexSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values come from fail2ban 1.1.1's own {@code failregex.py} run on the same input. */
class FailRegexTest {

    /** A log line split as upstream's tuple lines: text before the date, the date, text after it. */
    record Line(String prefix, String date, String suffix) {
        String text() {
            return prefix + suffix;
        }
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void emptyRegexIsRefused() {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> FailRegex.regex("  ", false, true));
        assertEquals("Cannot add empty regex", e.getMessage());
        assertThrows(RegexSyntaxException.class, () -> FailRegex.failRegex("", Optional.empty(), false, true));
    }

    @Test
    void failRegexNeedsAFailureIdGroup() {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class,
                () -> FailRegex.failRegex("^user <F-USER>\\S+</F-USER>$", Optional.empty(), false, true));
        assertEquals("No failure-id group in '^user (?P<user>\\S+)$'", e.getMessage());
        FailRegex pref = FailRegex.regex("^<F-MLFID>\\S+</F-MLFID> <F-CONTENT>.*</F-CONTENT>$", false, true);
        FailRegex ok = FailRegex.failRegex("^user <F-USER>\\S+</F-USER>$", Optional.of(pref), false, true);
        assertEquals("^user (?P<user>\\S+)$", ok.regex());
        assertFalse(ok.hasFailureIdGroup());
        assertTrue(pref.hasFailureIdGroup());
    }

    @Test
    void compileErrorsReadLikeUpstream() {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class,
                () -> FailRegex.failRegex("^(<HOST>", Optional.empty(), false, true));
        assertEquals("Unable to compile regular expression '^((?:" + HostTags.ADDR + "|" + HostTags.DNS
                + ")':\nmissing ), unterminated subpattern at position 1", e.getMessage());
        e = assertThrows(RegexSyntaxException.class, () -> FailRegex.regex("abc\\q <HOST>", false, true));
        assertTrue(e.getMessage().endsWith("':\nbad escape \\q at position 3"), e.getMessage());
    }

    @Test
    void globalFlagsInsideGroupsBecomeLocal() {
        assertEquals("^(?i:abc) (?i:def)", FailRegex.regex("^((?i)abc) (?:(?i)def)", false, true).regex());
        assertEquals("\\((?i)x)", FailRegex.globalToLocalFlags("\\((?i)x)"));
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class,
                () -> FailRegex.regex("^((?i)abc) (?:(?i)def) x(?i)", false, true));
        assertTrue(e.getMessage().endsWith("global flags not at the start of the expression at position 20"));
        assertTrue(FailRegex.regex("^((?i)abc)$", false, true).search(List.of("ABC")).isPresent());
    }

    @Test
    void tupleIdsCombineIntoTheFailureId() {
        FailRegex r = FailRegex.failRegex(
                "^\\s*<F-TUPLE_ID_1>\\S+</F-TUPLE_ID_1> <F-ID/> <F-TUPLE_ID_2>\\S+</F-TUPLE_ID_2>",
                Optional.empty(), false, true);
        FailRegex.Match<String> m = r.search(List.of(" left 192.0.2.3 right")).orElseThrow();
        assertEquals(List.of("tuple_id_1", "fid", "tuple_id_2"), List.copyOf(m.groups().keySet()));
        assertEquals("('192.0.2.3', 'left', 'right')", m.groups().get("fid"));
        assertEquals(List.of("192.0.2.3", "left", "right"), m.tuples().get("fid"));
        assertEquals(Optional.of("192.0.2.3"), m.failId());

        r = FailRegex.failRegex("^\\s*<F-ID/> <F-TUPLE_ID>\\S+</F-TUPLE_ID>", Optional.empty(), false, true);
        m = r.search(List.of("192.0.2.1 192.0.2.2")).orElseThrow();
        assertEquals(map("fid", "('192.0.2.1', '192.0.2.2')", "tuple_id", "192.0.2.2"), m.groups());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user  from 1.2.3.4 | '' | 1.2.3.4",
        "alt bob from 1.2.3.4 | bob | 1.2.3.4",
        "alt2 x y from h.example | y | h.example",
        "user joe from ::1 | joe | ::1",
    })
    void altValuesFillEmptyGroups(String line, String user, String host) {
        FailRegex r = FailRegex.failRegex("^(?:user (?P<user>\\S*)|alt (?P<alt_user>\\S+)|alt2 (?P<alt_user_2>\\S+) "
                + "(?P<alt_user_1>\\S+)) from <HOST>", Optional.empty(), false, true);
        FailRegex.Match<String> m = r.search(List.of(line)).orElseThrow();
        assertEquals(user, m.groups().get("user"));
        assertEquals(Optional.of(host), m.host());
        assertEquals(Optional.of(host), m.failId());
    }

    @Test
    void failIdPrefersFidThenIp4Ip6Dns() {
        FailRegex r = FailRegex.failRegex("^(?:id (?P<fid>\\S+) )?<HOST>(?: (?P<cidr>\\d+))?$", Optional.empty(),
                false, true);
        FailRegex.Match<String> m = r.search(List.of("id kevin 192.0.2.1")).orElseThrow();
        assertEquals(Optional.of("kevin"), m.failId());
        assertEquals(Optional.of("192.0.2.1"), m.host());
        assertEquals(Optional.of("192.0.2.1"), m.address());
        m = r.search(List.of("[2001:db8::1] 64")).orElseThrow();
        assertEquals(Optional.of("2001:db8::1"), m.failId());
        assertEquals(Optional.of("64"), m.cidr());
        m = r.search(List.of("host.example")).orElseThrow();
        assertEquals(Optional.of("host.example"), m.host());
        assertEquals(Optional.empty(), m.address());
        assertEquals(Optional.empty(), m.cidr());
    }

    @Test
    void subnetTag() {
        FailRegex r = FailRegex.failRegex("^<SUBNET>$", Optional.empty(), false, true);
        FailRegex.Match<String> m = r.search(List.of("192.0.2.0/24")).orElseThrow();
        assertEquals(map("ip4", "192.0.2.0", "ip6", null, "cidr", "24"), m.groups());
        assertEquals("FailRegex('^\\\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\\\d{1,3}\\\\.){3}\\\\d{1,3})|(?P<ip6>"
                + "(?:[0-9a-fA-F]{1,4}::?|:){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)))(?:/(?P<cidr>\\\\d+))?\\\\]?$')",
                r.toString());
        assertEquals("Regex('a')", FailRegex.regex("a", false, true).toString());
    }

    @Test
    void useDnsNoMatchesOnlyAddresses() {
        FailRegex r = FailRegex.failRegex("^<HOST>$", Optional.empty(), false, false);
        assertFalse(r.search(List.of("example.com")).isPresent());
        assertTrue(r.search(List.of("192.0.2.7")).isPresent());
    }

    /**
     * Leaving the prefregex's content out while putting its groups gives the map of putting them all and removing
     * it, in the same order: plain groups, and groups merged from {@code alt_} ones.
     */
    @ParameterizedTest
    @CsvSource(delimiterString = " :: ", textBlock = """
            ^<F-MLFID>\\S+</F-MLFID> (?:id=(?P<sid>\\d+) )?<F-CONTENT>.*</F-CONTENT>$ :: sshd[1] id=7 Failed for x
            ^<F-MLFID>\\S+</F-MLFID> (?:id=(?P<sid>\\d+) )?<F-CONTENT>.*</F-CONTENT>$ :: sshd[1] Failed for x
            ^<F-MLFID>\\S+</F-MLFID> (?:u=<F-ALT_USER>\\S+</F-ALT_USER> )?<F-CONTENT>.*</F-CONTENT>$ :: cron u=bob go
            """)
    void groupsWithoutTheContentAreTheGroupsLessTheContent(String regex, String text) {
        FailRegex pref = FailRegex.regex(regex, false, true);
        RegexMatch m = pref.compiled().search(text + "\n").orElseThrow();
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        pref.putGroups(m, all, false);
        assertTrue(all.containsKey("content"));
        all.remove("content");
        Map<String, Object> without = new java.util.LinkedHashMap<>();
        pref.putGroupsExcept(m, without, "content");
        assertEquals(List.copyOf(all.entrySet()), List.copyOf(without.entrySet()));
        assertEquals(pref.group(m, "content").orElse(null), pref.groupOrNull(m, "content"));
    }

    private static final List<Line> LINES = List.of(
            new Line("", "d1", "a start conn=1"), new Line("", "d2", "noise 1"), new Line("", "d3", "noise 2"),
            new Line("", "d4", "fail from 1.2.3.4"), new Line("", "d5", "after"));

    private static FailRegex.Match<Line> searchLines(String regex) {
        FailRegex r = FailRegex.failRegex(regex, Optional.empty(), true, true);
        return r.search(FailRegex.joinLines(LINES, Line::text), LINES, Line::text).orElseThrow();
    }

    private static List<Line> lines(int... idx) {
        return Arrays.stream(idx).mapToObj(LINES::get).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void skipLinesMoveToTheUnmatchedLines() {
        FailRegex.Match<Line> m = searchLines("^a start conn=\\d+<SKIPLINES>fail from <HOST>$");
        assertEquals(List.of("noise 1", "noise 2"), m.skippedLines());
        assertEquals(lines(0, 3), m.matchedLines());
        assertEquals(lines(1, 2, 4), m.unmatchedLines());
    }

    @Test
    void multiLineMatchCoversItsLinesOnly() {
        FailRegex.Match<Line> m = searchLines("^fail from <HOST>$");
        assertEquals(lines(3), m.matchedLines());
        assertEquals(lines(0, 1, 2, 4), m.unmatchedLines());
        m = searchLines("noise 1\\nnoise 2\\nfail from <HOST>");
        assertEquals(lines(1, 2, 3), m.matchedLines());
        assertEquals(lines(0, 4), m.unmatchedLines());
        assertEquals(List.of(), m.skippedLines());
    }

    @Test
    void singleLineMatchCoversTheLine() {
        FailRegex r = FailRegex.failRegex("from <HOST>", Optional.empty(), false, true);
        List<Line> one = List.of(new Line("pre ", "2005", " fail from 192.0.2.9"));
        FailRegex.Match<Line> m = r.search(FailRegex.joinLines(one, Line::text), one, Line::text).orElseThrow();
        assertEquals(one, m.matchedLines());
        assertEquals(List.of(), m.unmatchedLines());
        assertEquals("pre  fail from 192.0.2.9\n", FailRegex.joinLines(one, Line::text));
    }

    @Test
    void reusableMatcher() {
        FailRegex r = FailRegex.failRegex("from <HOST>", Optional.empty(), false, true);
        Matcher matcher = r.newMatcher();
        for (String ip : List.of("192.0.2.1", "192.0.2.2")) {
            List<String> lines = List.of("x from " + ip);
            FailRegex.Match<String> m = r.search(matcher, FailRegex.joinLines(lines, s -> s), lines, s -> s)
                    .orElseThrow();
            assertEquals(Optional.of(ip), m.host());
        }
        assertFalse(r.search(matcher, "nothing\n", List.of("nothing"), s -> s).isPresent());
    }

    @Test
    void multilineFlagFollowsMaxlines() {
        FailRegex single = FailRegex.failRegex("^b <HOST>$", Optional.empty(), false, true);
        FailRegex multi = FailRegex.failRegex("^b <HOST>$", Optional.empty(), true, true);
        List<String> lines = List.of("a", "b 192.0.2.1");
        assertFalse(single.search(lines).isPresent());
        assertTrue(multi.search(lines).isPresent());
        assertTrue(multi.multiline());
    }
}
