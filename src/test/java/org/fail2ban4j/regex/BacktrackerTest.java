package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our own matcher beyond the table of Python's results ({@code PythonDifferentialTest.ourMatcherMatchesEqualPythons}
 * checks it on every row): the stock failregexes it must take, its budget, and the texts it leaves to
 * {@code java.util.regex}.
 */
class BacktrackerTest {

    @Test
    void theStockFailregexesAreTaken() {
        String host = "(?:\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\d{1,3}\\.){3}\\d{1,3})|(?P<ip6>(?:[0-9a-fA-F]{1,4}::?|::){1,7}"
                + "(?:[0-9a-fA-F]{1,4}|(?<=:):)))\\]?|(?P<dns>[\\w\\-.^_]*\\w))";
        for (String p : List.of("^(?P<mlfforget>(?P<mlfgained>Accepted \\w+)) for (?P<user>\\S+) from " + host
                + "(?:\\s|$)", "^[iI](?:llegal|nvalid) user (?P<user>.*?) (?:from )?" + host
                + "(?: (?:port \\d+|on \\S+|\\[preauth\\])){0,3}\\s*$",
                "^(?P<mlfid>\\s*\\S+ sshd:? \\d+ \\S+ (?:[^\\[\\]\\s]+|(?:\\[(?:[^\\]\"]*|\"[^\"]*\")*\\])+)\\s+)")) {
            assertTrue(Backtracker.of(PyRegex.compile(p)).isPresent(), p);
        }
    }

    /**
     * Classes and categories decide every character of the first 12,288 (Latin-1 by table, the others by their
     * items) as the translation to {@code java.util.regex} does.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[\\w\\-.^_]+", "[^\\]\"]", "\\s", "\\S", "\\d", "\\D", "\\w", "\\W", "[^\\w\\s]", "(?a)[\\w\\s\\d]",
        "(?a)\\W", "[\\x00-\\u0130]", "[^a-zA-Z\\u00e0-\\u0101]", "[\\[\\(]", ".", "(?s).", "[^\\S\\n]",
        // case-insensitive: Latin-1 by the translation's own answer, the characters above left to it
        "(?i)k", "(?i)s", "(?i)[a-z]", "(?i)[^k]", "(?i)\\w", "(?ia)s", "(?i)\\u00ff", "(?i)\\u00b5", "(?i)[\\u00e0-\\u00ff]",
    })
    void classesTakeTheCharactersJavaRegexTakes(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        Backtracker b = Backtracker.of(c).orElseThrow();
        Backtracker.Scratch s = Backtracker.newScratch();
        int handedBack = 0;
        for (char ch = 0; ch < 0x3000; ch++) {
            String text = String.valueOf(ch);
            RegexMatch ours;
            try {
                ours = b.search(s, text, 0, 1000);
            } catch (Backtracker.Fallback e) {
                assertTrue(ch >= 256 && pattern.startsWith("(?i"), pattern + " handed U+" + Integer.toHexString(ch)
                        + " back");
                handedBack++;
                continue;
            }
            assertEquals(MatchSpans.of(c.search(text)), MatchSpans.of(ours), pattern + " on U+"
                    + Integer.toHexString(ch));
        }
        assertEquals(pattern.startsWith("(?i"), handedBack > 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(a+)+b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "(a*)*c|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "^(\\w+\\s?)*$|sshd connection from some host with a long line ending in !",
    })
    void catastrophicBacktrackingRunsOutOfItsBudget(String pattern, String text) {
        Backtracker b = Backtracker.of(PyRegex.compile(pattern)).orElseThrow();
        RegexBudgetExceededException e = assertThrows(RegexBudgetExceededException.class,
                () -> b.search(Backtracker.newScratch(), text, 0, 100_000));
        assertEquals(100_000, e.budget());
        // the same search with a budget large enough for the few steps a plain text needs
        assertEquals(null, b.search(Backtracker.newScratch(), "!", 0, 100_000));
    }

    /**
     * A search that would keep more choice points than its stack may hold gives up as if over its budget, and the
     * scratch is fit for the next search.
     */
    @Test
    void aSearchThatOutgrowsItsStackGivesUp() {
        Backtracker b = Backtracker.of(PyRegex.compile("^(?:(a)|b)*c")).orElseThrow();
        Backtracker.Scratch s = Backtracker.newScratch();
        String text = "a".repeat(Backtracker.MAX_STACK / 4) + "x";
        assertThrows(RegexBudgetExceededException.class, () -> b.search(s, text, 0, Long.MAX_VALUE));
        assertEquals(MatchSpans.of(PyRegex.compile("^(?:(a)|b)*c").search("abac")), MatchSpans.of(b.search(s, "abac",
                0, 1000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a match that reads a character of a surrogate pair is handed back to java.util.regex
        "user (\\S+) from|user \uD83D\uDE00x from|true",
        "a.b|a\uD83D\uDE00b|true",
        "[^x]+y|\uD83D\uDE00y|true",
        "\\bz|\uD83D\uDE00z|true",
        // one that never reads such a character is not
        "^abc|abc\uD83D\uDE00|false",
        "from (\\d+)|\uD83D\uDE00 from 12|false",
    })
    void charactersOutsideTheBmpAreLeftToJavaRegex(String pattern, String text, boolean handedBack) {
        Backtracker b = Backtracker.of(PyRegex.compile(pattern)).orElseThrow();
        Backtracker.Scratch s = Backtracker.newScratch();
        if (handedBack) {
            assertThrows(Backtracker.Fallback.class, () -> b.search(s, text, 0, 100_000));
        } else {
            RegexMatch m = b.search(s, text, 0, 100_000);
            assertEquals(MatchSpans.of(PyRegex.compile(pattern).search(text)), MatchSpans.of(m));
        }
    }

}
