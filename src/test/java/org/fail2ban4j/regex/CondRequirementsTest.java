package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks our matcher makes at the end of a group that a conditional tests ({@link CondRequirements}): where
 * they are made, what they ask for, and that they change no match (only the work of finding it).
 */
class CondRequirementsTest {

    /** Stock sshd.conf's "Failed password" failregex, its tags expanded as the filter layer does. */
    private static final String SSHD_FAILED = "^Failed (?:(?P<nofail>publickey)|\\S+) for (?P<cond_inv>invalid user )?"
            + "(?P<user>(?P<cond_user>\\S+)|(?(cond_inv)(?:(?! from ).)*?|[^:]+)) from "
            + "(?:\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\d{1,3}\\.){3}\\d{1,3})|(?P<ip6>(?:[0-9a-fA-F]{1,4}::?|::){1,7}"
            + "(?:[0-9a-fA-F]{1,4}|(?<=:):)))\\]?|(?P<dns>[\\w\\-.^_]*\\w))"
            + "(?: (?:port \\d+|on \\S+)){0,2}(?: ssh\\d*)?(?(cond_user): |(?:(?:(?! from ).)*)$)";

    private static Map<Integer, String[][]> checks(String pattern) {
        PyParser.Parsed p = PyParser.parse(pattern, PyFlags.NONE);
        return CondRequirements.of(p.root(), p.flags());
    }

    @Test
    void theSshdUserBranchNeedsWhatTheConditionalAsksForAfterIt() {
        CompiledRegex c = PyRegex.compile(SSHD_FAILED);
        int condUser = c.pyGroupIndex().get("cond_user");
        Map<Integer, String[][]> checks = checks(SSHD_FAILED);
        assertEquals(List.of(condUser), List.copyOf(checks.keySet()));
        assertArrayEquals(new String[][] {{" from "}, {": "}}, checks.get(condUser));
    }

    @Test
    void aGroupThatCanMatchAgainOrWhoseEndCommitsIsNotChecked() {
        // in a repeat, an atomic group, a look-ahead; case-insensitive; a conditional that adds nothing
        for (String p : List.of("(?:(?P<g>a)b)+(?(g)xy|z)", "(?>(?P<g>a)|ab)(?(g)xy|z)", "(?=(?P<g>a))a(?(g)xy|z)",
                "(?i)(?P<g>a)(?(g)xy|z)", "(?P<g>a)b(?(g)|z)", "(?P<g>a)bc(?(g)|)d", "(?P<g>a)b\\1")) {
            assertEquals(Map.of(), checks(p), p);
        }
        assertEquals(1, checks("(?:(?P<g>a)|c)b(?(g)xy|z)").size());
        assertEquals(1, checks("(?P<h>(?P<g>a))b(?(g)xy)").size());
    }

    @Test
    void whatEveryMatchContains() {
        assertEquals(List.of("[ab]", "[c]"), sets("ab\\d+c"));
        assertEquals(List.of("[ab]"), sets("(?:ab)+x?"));
        assertEquals(List.of(), sets("(?:ab)*"));
        assertEquals(List.of("[ab, c]"), sets("(?:ab\\d|c)"));
        assertEquals(List.of(), sets("(?:ab|\\d)"));
        assertEquals(List.of("[x]"), sets("(?=ab)x(?<=x)"));
        assertEquals(List.of("[x, y]"), sets("(?P<g>a)?(?(g)x|y)"));
        assertEquals(List.of(), sets("(?P<g>a)?(?(g)x)"));
    }

    private static List<String> sets(String pattern) {
        List<String> out = new ArrayList<>();
        for (String[] set : CondRequirements.required(PyParser.parse(pattern, PyFlags.NONE).root())) {
            out.add(List.of(set).toString());
        }
        return out;
    }

    @Test
    void aFailedPasswordLineTakesAThirdOfTheWork() {
        Backtracker b = Backtracker.of(PyRegex.compile(SSHD_FAILED)).orElseThrow();
        Backtracker.Scratch s = Backtracker.newScratch();
        String line = "Failed password for root from 199.198.216.213 port 53969 ssh2\n";
        RegexMatch m = b.search(s, line, 0, Long.MAX_VALUE);
        assertEquals("root", m.group("user"));
        assertEquals("199.198.216.213", m.group("ip4"));
        // 225 steps without the check at the end of cond_user: every way of matching the host and the port is
        // tried before the conditional's ": " is found missing
        assertTrue(s.steps < 150, s.steps + " steps");
        String key = "Failed publickey for root from 10.1.2.3 port 22 ssh2: RSA SHA256:x\n";
        assertEquals("root", b.search(s, key, 0, Long.MAX_VALUE).group("cond_user"));
    }

    /**
     * Patterns made of the parts the check meets (a group that a later conditional tests, in a branch, before
     * runs that backtrack, with literals after it) on texts made of the same parts: every group span as the
     * translation to {@code java.util.regex} gives it.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void checkedPatternsMatchAsTheTranslationMatches(long seed) {
        Random rnd = new Random(seed);
        String[] heads = {"(?P<g>\\S+)", "(?P<g>a+)", "(?P<g>\\S+)|[^:]+", "(?P<g>\\w)|.*?", "x(?P<g>b*)",
            "(?:(?P<g>a)|b)+", "(?>(?P<g>a+))", "(?P<g>a)?", "(?P<g>(?:a|ab))"};
        String[] middles = {" ", " from ", "\\d+(?:\\.\\d+)*", "(?: \\w+)?", ".*", "(?: (?:port \\d+|on \\S+)){0,2}",
            "", "b"};
        String[] tails = {"(?(g): |$)", "(?(g): )", "(?(g)x|y)", "(?(g)ab|(?:(?! from ).)*$)", "(?(g):|b)c",
            "(?(g)(?: x)+|z)"};
        String[] words = {"a", "b", "ab", "x", "y", " ", ": ", " from ", "1.2", "port 7", ":", "c", "z", "\n"};
        Backtracker.Scratch scratch = Backtracker.newScratch();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (int p = 0; p < 400; p++) {
            String source = (rnd.nextBoolean() ? "^" : "") + "(?:" + heads[rnd.nextInt(heads.length)] + ")"
                    + middles[rnd.nextInt(middles.length)] + middles[rnd.nextInt(middles.length)]
                    + tails[rnd.nextInt(tails.length)];
            CompiledRegex c;
            try {
                c = PyRegex.compile(source);
            } catch (RegexSyntaxException e) {
                continue; // the translation refuses it (a group in a repeat that may not take part...)
            }
            Backtracker own = Backtracker.of(c).orElseThrow();
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                for (int w = rnd.nextInt(7); w >= 0; w--) {
                    text.append(words[rnd.nextInt(words.length)]);
                }
                String want = MatchSpans.of(c.search(text.toString(), 0));
                String got = MatchSpans.of(own.search(scratch, text.toString(), 0, 10_000_000L));
                compared++;
                if (!want.equals(got)) {
                    failures.add(PyStrings.repr(source) + " on " + PyStrings.repr(text.toString()) + ": java " + want
                            + " ours " + got);
                }
            }
        }
        assertTrue(compared > 12_000, compared + " searches");
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " differ");
    }

    @Test
    void theStringsMustBeAtOrAfterThePosition() {
        String[][] sets = {{": "}, {"ab", "cd"}};
        assertTrue(CondRequirements.holds("x: cd", 1, sets));
        assertFalse(CondRequirements.holds("x: cd", 2, sets));
        assertFalse(CondRequirements.holds(": ab", 0, new String[][] {{": "}, {"x"}}));
        assertTrue(CondRequirements.holds("", 0, new String[0][]));
    }
}
