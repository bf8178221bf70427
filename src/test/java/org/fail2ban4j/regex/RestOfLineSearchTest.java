package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RestOfLineSearch} finds what the full pattern finds, spans of every group included. */
class RestOfLineSearchTest {

    private static void assertSame(CompiledRegex c, RestOfLineSearch r, Matcher m, String text) {
        String want;
        try {
            want = MatchSpans.of(c.search(text, 0, 5_000_000L).orElse(null));
        } catch (RegexBudgetExceededException e) {
            return;
        }
        assertEquals(want, MatchSpans.of(r.find(m, text).orElse(null)), c.source() + " on " + PyStrings.repr(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^(?P<a>x)?(?P<content>.+)$", "(?P<content>.+)$", "a(?P<content>.+)$",
        "^(?:(?P<p>\\S+) )?(?:(?:error|fatal): )?(?P<content>.+)$", "^(\\d+)?(.+)$"})
    void givesTheFullPatternsMatch(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        RestOfLineSearch r = RestOfLineSearch.of(c).orElseThrow();
        Matcher m = r.newMatcher();
        for (String text : List.of("", "\n", "x", "x\n", "xa\n", "a", "a\n", "ab", "ab\n", "12 error: y\n",
                "host error: \n", "host fatal: z", "\u00e9\u00e9 a\n", "a\r\n", "  \n")) {
            assertTrue(RestOfLineSearch.applies(text));
            assertSame(c, r, m, text);
        }
        assertFalse(RestOfLineSearch.applies("a\nb\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^(?P<c>.+)", "^(?P<c>.*)$", "^(?P<c>.+?)$", "(?s)^(?P<c>.+)$", "^(?P<c>(?s:.+))$",
        "(?m)^(?P<c>.+)$",
        "^(?P<c>.+)$(?P=c)", "^(?:(?P<c>.+)$)", "^(?P<c>.)+$", "^(?P<c>.+)(?(c)$)"})
    void onlyForAGroupOfTheRestOfTheLineAtTheEnd(String pattern) {
        assertTrue(RestOfLineSearch.of(PyRegex.compile(pattern)).isEmpty());
    }

    private static void assertSameReused(CompiledRegex c, RestOfLineSearch.Searcher s, String text) {
        String want;
        try {
            want = MatchSpans.of(c.search(text, 0, 5_000_000L).orElse(null));
        } catch (RegexBudgetExceededException e) {
            return;
        }
        BudgetedText budgeted = new BudgetedText(text, 5_000_000L);
        RegexMatch got = s.find(budgeted).orElse(null);
        assertEquals(want, MatchSpans.of(got), c.source() + " on " + PyStrings.repr(text));
        if (got != null) {
            assertEquals(text, got.string());
        }
    }

    private static final List<String> SHAPES = List.of("srv1 sshd[123]: Accepted x\n", "srv2 sshd[456]: Accepted y\n",
            "srv1 sshd[12]: Accepted x\n", "srv9 sshd[98765]: error: x\n", "srv1 sshd[123]: fatal: PAM: y\n",
            "srv1 sshd-session[77]: z\n", "srv1 sshd-sessiom[77]: z\n", "abc sshd[1]: x\n", "kbc sshd[1]: x\n",
            "Kbc sshd[1]: x\n", "\u212abc sshd[1]: x\n", "qbc sshd[1]: x\n", "host kernel: [ 12.5]: a\n",
            "host kernel: [ 99.0]: b\n", "host kernel: [ 99.x]: b\n", "a\n", "b\n", "1\n", "\n", "", "x", "xy",
            "srv1 CRON[5]: pam_unix(cron:session): x\n", "srv1 CRON[6]: pam_unix(cron:session): y\n",
            "word_1 sshd: e\n", "word-1 sshd: e\n", "Aa1 x\n", "zZ9 x\n", "_a x\n", "\u00e9a x\n");

    /**
     * A reusing searcher gives what the full pattern gives on texts of similar shapes (letters and digits that the
     * pattern does not name swapped, case, names outside ASCII that fold onto ASCII letters, repeated in a
     * changing order so that results are reused).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "^(?P<mlfid>\\s*(?:\\S+\\s+)?(?:sshd(?:-session)?(?:\\[\\d+\\])?:?\\s+)?(?:kernel:\\s?\\[ *\\d+\\.\\d+\\]:?"
            + "\\s+)?)(?:(?:error|fatal): (?:PAM: )?)?(?P<content>.+)$",
        "(?i)^(?:k\\w+ )?(?P<content>.+)$", "^(?:[a-f]+ )?(?P<content>.+)$", "^(?:[\u2100-\u2200]\\w* )?(?P<c>.+)$",
        "(?i)^(?:\u212abc )?(?P<c>.+)$", "^(?:\\w+\\b)(?P<c>.+)$", "^(?:(?<=x)a)?(?P<c>.+)$", "^\\d{2,}(?P<c>.+)$",
        "^(?:(?!sshd)\\S)*(?P<c>.+)$", "^(?P<w>[^\\W\\d]+)?\\s*(?P<c>.+)$", "\\A(?:\\s*\\S+\\s+){1,2}(?P<c>.+)$"})
    void reusedResultsAreTheFullPatternsMatch(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        RestOfLineSearch r = RestOfLineSearch.of(c).orElseThrow();
        assertTrue(r.reusesResults(), pattern);
        RestOfLineSearch.Searcher s = r.newSearcher();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < SHAPES.size(); i++) {
                assertSameReused(c, s, SHAPES.get((i * (round + 3)) % SHAPES.size()));
            }
        }
        assertTrue(s.hits() > 0, "no result was reused");
    }

    @Test
    void aSecondTextOfTheSameShapeReusesTheResult() {
        CompiledRegex c = PyRegex.compile("^(?:\\S+ sshd\\[\\d+\\]: )?(?P<content>.+)$");
        RestOfLineSearch.Searcher s = RestOfLineSearch.of(c).orElseThrow().newSearcher();
        assertSameReused(c, s, "srv1 sshd[123]: Accepted x\n");
        assertEquals(0, s.hits());
        assertSameReused(c, s, "srv2 sshd[456]: Accepted yy\n");
        assertEquals(1, s.hits());
        assertSameReused(c, s, "srv2 sshd[4567]: Accepted y\n");
        assertEquals(1, s.hits(), "another length of the pid is another shape");
        assertEquals(3, s.searches());
        BudgetedText small = new BudgetedText("srv3 sshd[789]: Accepted z\n", 5);
        assertThrows(RegexBudgetExceededException.class, () -> s.find(small), "a smaller budget searches again");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(?P<content>.+)$", "^(?P<a>x)?(?(a)y)(?P<c>.+)$", "^(?P<a>\\w)(?P=a)?(?P<c>.+)$",
        "^(?:a$)?(?P<c>.+)$", "^(?:\\S+\\Z)?(?P<c>.+)$"})
    void resultsAreNotReusedWhenTheEngineLooksFurther(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        RestOfLineSearch r = RestOfLineSearch.of(c).orElseThrow();
        assertFalse(r.reusesResults(), pattern);
        RestOfLineSearch.Searcher s = r.newSearcher();
        for (String text : SHAPES) {
            assertSameReused(c, s, text);
        }
        assertEquals(0, s.hits());
    }

    /** Every pattern of the differential table that ends with a rest-of-line group, over the table's texts. */
    @Test
    void givesTheFullPatternsMatchOnTheDifferentialTable() {
        List<CompiledRegex> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String[] row : TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv")) {
            if (row[0].equals("P") || row[0].equals("R")) {
                try {
                    CompiledRegex c = PyRegex.compile(TsvTable.unescape(row[6]), Integer.parseInt(row[2]));
                    if (RestOfLineSearch.of(c).isPresent()) {
                        patterns.add(c);
                    }
                } catch (RegexSyntaxException e) {
                    // not our business here
                }
            } else if (row[0].equals("M")) {
                String text = TsvTable.unescape(row[5]);
                if (RestOfLineSearch.applies(text)) {
                    texts.add(text);
                }
                if (RestOfLineSearch.applies(text + "\n")) {
                    texts.add(text + "\n");
                }
            }
        }
        assertTrue(patterns.size() > 20, patterns.size() + " patterns");
        for (CompiledRegex c : patterns) {
            RestOfLineSearch r = RestOfLineSearch.of(c).orElseThrow();
            Matcher m = r.newMatcher();
            RestOfLineSearch.Searcher s = r.newSearcher();
            for (int i = 0; i < texts.size(); i += 7) {
                assertSame(c, r, m, texts.get(i));
                assertSameReused(c, s, texts.get(i));
                assertSameReused(c, s, texts.get(i));
            }
        }
    }

    /** Texts of one line: for an every-line pattern each of them with a character before its end must match. */
    private static final List<String> ONE_LINE_TEXTS = List.of("", "\n", "x", "x\n", " ", " \n", "  \n", "\t\n",
            "error: \n", "fatal: PAM: \n", "[] \n", "<a.b> host sshd[1]: x\n", "host kernel: [ 1.2]: y\n",
            "\u00e9\n", "a\r\n", "\r\n", "sshd: \n", "[ID 1 x] \n", "::\n");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^(?P<content>.+)$", "(?P<content>.+)$", "^(?:(?P<p>\\S+) )?(?:(?:error|fatal): )?(?P<content>.+)$",
        "^(?P<mlfid>(?:\\[\\])?\\s*(?:<[^.]+\\.[^.]+>\\s+)?(?:\\S+\\s+)?(?:kernel:\\s?\\[ *\\d+\\.\\d+\\]:?\\s+)?"
            + "(?:(?:\\[\\d+\\])?:\\s+sshd:?|sshd(?:\\[\\d+\\])?:?)?\\s*(?:\\[ID \\d+ \\S+\\]\\s+)?)"
            + "(?:(?:error|fatal): (?:PAM: )?)?(?P<content>.+)$",
        "^(?:a|)(?:b*c*)*(?P<content>.+)$", "\\A(x{0,2}|y+)(?P<content>.+)$"})
    void everyLinePatternsMatchEveryLineWithACharacter(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        RestOfLineSearch r = RestOfLineSearch.of(c).orElseThrow();
        assertTrue(r.matchesEveryLine(), pattern);
        for (String text : ONE_LINE_TEXTS) {
            boolean hasChar = !text.isEmpty() && !text.equals("\n");
            assertEquals(hasChar, c.search(text, 0, 5_000_000L).isPresent(), pattern + " on " + PyStrings.repr(text));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^x?y(?P<content>.+)$", "^(?>\\s*)(?P<content>.+)$", "^\\s*+(?P<content>.+)$",
        "^(?=x)(?P<content>.+)$", "^(?!x)(?P<content>.+)$", "^\\b(?P<content>.+)$", "^(?:a|b)(?P<content>.+)$",
        "^(a)?(?(1)x|y)(?P<content>.+)$", "^(a?)\\1(?P<content>.+)$", "^a{1,3}(?P<content>.+)$",
        "^(?:x|y)*z?w(?P<content>.+)$"})
    void patternsThatNeedSomethingOfTheLineAreNotEveryLinePatterns(String pattern) {
        RestOfLineSearch r = RestOfLineSearch.of(PyRegex.compile(pattern)).orElseThrow();
        assertFalse(r.matchesEveryLine(), pattern);
    }
}
