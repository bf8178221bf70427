package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our own matcher against the translation to {@code java.util.regex} (itself checked against Python in
 * {@link PythonDifferentialTest}) on random patterns over a small alphabet, so that every construct meets every
 * other often: literals, classes and class escapes, {@code .}, groups (numbered, named, non-capturing), alternation,
 * every kind of repeat (greedy, lazy, possessive, counted), anchors, look-arounds, back-references, conditionals
 * and inline flags (case-insensitivity, DOTALL, MULTILINE, ASCII). Each pattern is searched, matched and
 * fullmatched on random texts; every group span must agree.
 */
class BacktrackerRandomTest {

    private static final String[] ATOMS = {"a", "b", "c", " ", ":", "\\n", "A", "[ab]", "[^a]", "[a-c:]", "\\s", "\\S",
        "\\w", "\\W", "\\d", ".", "\\.", "x"};
    private static final String[] ASSERTIONS = {"^", "$", "\\b", "\\B", "\\A", "\\Z"};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "*?", "+?", "??", "{2}", "{1,2}", "{0,3}", "{2,}",
        "{,2}", "{1,2}?", "*+", "++", "?+"};
    private static final String[] FLAGS = {"", "", "", "(?i)", "(?s)", "(?m)", "(?a)", "(?is)"};
    private static final char[] TEXT = {'a', 'b', 'c', ' ', ':', '\n', 'A', '1', '.', 'x'};

    private final Random rnd = new Random();
    private int groups;

    private String pattern(int depth) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + rnd.nextInt(depth > 2 ? 2 : 4);
        for (int i = 0; i < items; i++) {
            sb.append(item(depth));
        }
        if (rnd.nextInt(6) == 0) {
            sb.append('|').append(pattern(depth + 1));
        }
        return sb.toString();
    }

    private String item(int depth) {
        int k = rnd.nextInt(20);
        String atom;
        if (k < 9 || depth > 3) {
            atom = ATOMS[rnd.nextInt(ATOMS.length)];
        } else if (k < 10) {
            return ASSERTIONS[rnd.nextInt(ASSERTIONS.length)];
        } else if (k < 13) {
            groups++;
            atom = "(" + pattern(depth + 1) + ")";
        } else if (k < 14) {
            groups++;
            atom = "(?P<g" + groups + ">" + pattern(depth + 1) + ")";
        } else if (k < 16) {
            atom = "(?:" + pattern(depth + 1) + ")";
        } else if (k < 17) {
            String[] look = {"(?=", "(?!"};
            return look[rnd.nextInt(2)] + pattern(depth + 1) + ")";
        } else if (k < 18) {
            String[] behind = {"(?<=a)", "(?<!b)", "(?<=[ab]:)", "(?<!\\s)"};
            return behind[rnd.nextInt(behind.length)];
        } else if (k < 19 && groups > 0) {
            atom = rnd.nextBoolean() ? "\\" + (1 + rnd.nextInt(groups)) : "(?(" + (1 + rnd.nextInt(groups)) + ")a|b)";
        } else {
            atom = "(?>" + pattern(depth + 1) + ")";
        }
        if (rnd.nextInt(3) == 0) {
            atom += QUANTIFIERS[rnd.nextInt(QUANTIFIERS.length)];
        }
        return atom;
    }

    private String text() {
        int n = rnd.nextInt(11);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TEXT[rnd.nextInt(TEXT.length)]);
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randomPatternsMatchAsTheTranslationMatches(long seed) {
        rnd.setSeed(seed);
        List<String> failures = new ArrayList<>();
        Backtracker.Scratch scratch = Backtracker.newScratch();
        int compared = 0;
        int patterns = 0;
        for (int p = 0; p < 1500; p++) {
            groups = 0;
            String source = FLAGS[rnd.nextInt(FLAGS.length)] + pattern(0);
            CompiledRegex c;
            try {
                c = PyRegex.compile(source);
            } catch (RegexSyntaxException e) {
                continue; // Python refuses it, or the translation does (a back-reference to an open group...)
            }
            Optional<Backtracker> own = Backtracker.of(c);
            if (own.isEmpty()) {
                continue;
            }
            patterns++;
            for (int t = 0; t < 16; t++) {
                String text = text();
                int pos = rnd.nextInt(text.length() + 1);
                int mode = rnd.nextInt(3);
                String want;
                String got;
                if (mode == 0) {
                    want = MatchSpans.of(c.search(text, pos));
                    got = MatchSpans.of(own.get().search(scratch, text, pos, 10_000_000L));
                } else if (mode == 1) {
                    want = MatchSpans.of(c.match(text, pos));
                    got = MatchSpans.of(own.get().match(scratch, text, pos, false, 10_000_000L));
                } else {
                    want = MatchSpans.of(c.fullmatch(text));
                    got = MatchSpans.of(own.get().match(scratch, text, 0, true, 10_000_000L));
                }
                compared++;
                if (!want.equals(got)) {
                    failures.add(List.of("search", "match", "fullmatch").get(mode) + "(" + PyStrings.repr(source)
                            + ", " + PyStrings.repr(text) + ", " + pos + "): java " + want + " ours " + got);
                }
            }
        }
        assertTrue(patterns > 800 && compared > 12_000, patterns + " patterns, " + compared + " searches");
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " differ");
    }
}
