package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * {@link AnchoredSearchCache} gives what a fresh search gives, whatever the previous text was, and reuses results
 * only for texts that start the same way.
 */
class AnchoredSearchCacheTest {

    /** The date regex of the syslog template ({@code {^LN-BEG}(?:DAY )?MON Day %k:Minute:Second...}). */
    static final String SYSLOG = "(?iu)^(?:\\W{0,2})?((?:(?P<a>mon|tue|wed|thu|fri|sat|sun) )?(?P<b>jan|feb|mar|apr"
            + "|may|jun|jul|aug|sep|oct|nov|dec) (?P<d>[1-2]\\d|[0 ]?[1-9]|3[0-1])  ?(?P<H>[0-2]?\\d):(?P<M>[0-5]?\\d)"
            + ":(?P<S>[0-5]?\\d|6[0-1])(?:\\.(?P<f>[0-9]{1,6}))?(?: (?P<Y>20[012]\\d))?)(?=\\b|\\W|$)";

    private static int[] fresh(CompiledRegex c, String text) {
        Matcher m = c.matcher(text);
        if (!m.find()) {
            return null;
        }
        int[] spans = new int[2 * (m.groupCount() + 1)];
        for (int j = 0; j <= m.groupCount(); j++) {
            spans[2 * j] = m.start(j);
            spans[2 * j + 1] = m.end(j);
        }
        return spans;
    }

    @Test
    void onlyPatternsAnchoredAtTheStartAreCached() {
        assertTrue(AnchoredSearchCache.of(PyRegex.compile(SYSLOG)).isPresent());
        assertTrue(AnchoredSearchCache.of(PyRegex.compile("abc")).isEmpty());
        assertTrue(AnchoredSearchCache.of(PyRegex.compile("(?m)^abc")).isEmpty());
        // without a bound on what it reads: what a search read decides alone
        AnchoredSearchCache cache = AnchoredSearchCache.of(PyRegex.compile("^a\\s*(?P<z>[+-]\\d{4})?")).orElseThrow();
        int[] first = cache.search("a  x 1234");
        assertSame(first, cache.search("a  x 1299"));
        assertEquals(8, cache.search("a  +0100 x")[1]);
        assertEquals(1, cache.search("a")[1]);
    }

    /**
     * A pattern anchored inside its branches is tried only on a text at least as long as its shortest match: a
     * search of a shorter text reads nothing, and its "no match" holds for no other text.
     */
    @Test
    void aSearchThatReadNothingIsReusedForAnEqualTextOnly() {
        for (String p : List.of("(?:^abc|^abd)x", "^(?:abc|abd)x")) {
            AnchoredSearchCache cache = AnchoredSearchCache.of(PyRegex.compile(p)).orElseThrow();
            assertSame(AnchoredSearchCache.NO_MATCH, cache.search("ab"), p);
            assertSame(AnchoredSearchCache.NO_MATCH, cache.search("ab"), p);
            assertEquals(4, cache.search("abcx")[1], p);
            assertSame(AnchoredSearchCache.NO_MATCH, cache.search("abx"), p);
            assertEquals(4, cache.search("abdxy")[1], p);
        }
    }

    @Test
    void reusesTheResultForLinesStartingTheSameWay() {
        AnchoredSearchCache cache = AnchoredSearchCache.of(PyRegex.compile(SYSLOG)).orElseThrow();
        int[] first = cache.search("Nov  1 00:00:00 srv1 sshd[1]: Accepted");
        assertSame(first, cache.search("Nov  1 00:00:00 srv1 sshd[2]: Failed"));
        // the optional year makes the characters after the time matter
        int[] withYear = cache.search("Nov  1 00:00:00 2025 srv1 sshd[2]: Failed");
        assertEquals(20, withYear[1]);
        assertEquals(15, cache.search("Nov  1 00:00:00 srv1 x")[1]);
        assertSame(AnchoredSearchCache.NO_MATCH, cache.search("Nov  1 00:00:"));
        assertSame(AnchoredSearchCache.NO_MATCH, cache.search("Nov  1 00:00:"));
        assertEquals(14, cache.search("Nov  1 00:00:0")[1]);
        assertEquals(15, cache.search("Nov  1 00:00:00")[1]);
    }

    /** Lines from the differential table and variants sharing their starts, searched in random orders. */
    @Test
    void givesWhatAFreshSearchGives() {
        List<CompiledRegex> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String[] r : TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv")) {
            if (r[0].equals("P") || r[0].equals("R")) {
                try {
                    CompiledRegex c = PyRegex.compile(TsvTable.unescape(r[6]), Integer.parseInt(r[2]));
                    if (c.anchoredAtStart()) {
                        patterns.add(c);
                    }
                } catch (RegexSyntaxException e) {
                    // not our business here
                }
            } else if (r[0].equals("M") && texts.size() < 4000) {
                texts.add(TsvTable.unescape(r[5]));
            }
        }
        patterns.add(PyRegex.compile(SYSLOG));
        Random rnd = new Random(11);
        int reused = 0;
        int total = 0;
        for (CompiledRegex c : patterns) {
            AnchoredSearchCache cache = AnchoredSearchCache.of(c).orElseThrow();
            int[] previous = null;
            for (int i = 0; i < 60; i++) {
                String base = texts.get(rnd.nextInt(texts.size()));
                String text = rnd.nextBoolean() || base.isEmpty() ? base
                        : base.substring(0, rnd.nextInt(base.length())) + texts.get(rnd.nextInt(texts.size()));
                int[] got;
                try {
                    got = cache.search(text);
                } catch (RegexBudgetExceededException e) {
                    continue;
                }
                total++;
                if (got != AnchoredSearchCache.NO_MATCH && got == previous) {
                    reused++;
                }
                int[] want = fresh(c, text);
                assertArrayEquals(want == null ? AnchoredSearchCache.NO_MATCH : want, got, c.source() + " on " + PyStrings.repr(text));
                previous = got;
            }
        }
        assertNotNull(patterns.get(0));
        assertEquals(true, total > 1000 && reused > 0, reused + " of " + total + " reused");
    }
}
