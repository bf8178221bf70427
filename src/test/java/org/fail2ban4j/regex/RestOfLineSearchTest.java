package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RestOfLineSearch} finds what the full pattern finds, spans of every group included. */
class RestOfLineSearchTest {

    private static String spans(RegexMatch m) {
        if (m == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g <= m.groupCount(); g++) {
            sb.append(m.start(g)).append(',').append(m.end(g)).append(' ');
        }
        return sb.toString();
    }

    private static void assertSame(CompiledRegex c, RestOfLineSearch r, Matcher m, String text) {
        String want;
        try {
            want = spans(c.search(text, 0, 5_000_000L).orElse(null));
        } catch (RegexBudgetExceededException e) {
            return;
        }
        assertEquals(want, spans(r.find(m, text).orElse(null)), c.source() + " on " + PyStrings.repr(text));
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
            for (int i = 0; i < texts.size(); i += 7) {
                assertSame(c, r, m, texts.get(i));
            }
        }
    }
}
