package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The literals {@link LiteralPrefilter} derives from patterns, the texts it must never rule out (every match keeps
 * its search), and {@link CompiledRegex#anchoredReach()}.
 */
class LiteralPrefilterTest {

    private static String describe(LiteralPrefilter p) {
        return (p.anchored() ? "^" : "") + p.prefixes() + " " + p.required();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            abc :: 0 :: [] [[abc]]
            ^abc :: 0 :: ^[abc] []
            \\Aabc :: 0 :: ^[abc] []
            ^abc :: 8 :: [] [[abc]]
            (?m)^abc :: 0 :: [] [[abc]]
            ^(?:error|fatal): x :: 0 :: ^[error: x, fatal: x] []
            ^[iI]nvalid user :: 0 :: ^[Invalid user, invalid user] []
            ^(?:PAM: )?Auth :: 0 :: ^[Auth, PAM: Auth] []
            ^a?b :: 0 :: ^[ab, b] []
            ^x{2,3}y :: 0 :: ^[xxxy, xxy] []
            ^x{0}y :: 0 :: ^[y] []
            ^(?=ab)abc :: 0 :: ^[abc] []
            ^(?!x)abc :: 0 :: ^[abc] []
            ^\\S+ failed for \\S+ from :: 0 :: ^[] [[ failed for ], [ from]]
            a|b :: 0 :: [] [[a, b]]
            ^a|b :: 0 :: [] [[a, b]]
            ^(?:a|b) :: 0 :: ^[a, b] []
            ^(?:ab|)c :: 0 :: ^[abc, c] []
            .* :: 0 :: [] []
            \\d+ :: 0 :: [] []
            [^a]bc :: 0 :: [] [[bc]]
            ^user (?P<g>\\w+) (?P=g) :: 0 :: ^[user ] []
            ^Failed \\S+ for (?P<u>\\S+) from \\S+ port :: 0 :: ^[Failed ] [[ from ], [ for ]]
            """)
    void derivedLiterals(String pattern, int flags, String expected) {
        assertEquals(expected, describe(PyRegex.compile(pattern, flags).prefilter()), pattern);
    }

    @Test
    void caseInsensitiveLiteralsStandForEveryFoldedCharacter() {
        LiteralPrefilter p = PyRegex.compile("(?i)^ok").prefilter();
        assertTrue(p.anchored());
        // o/O times k/K and the Kelvin sign, which java.util.regex folds to k
        assertEquals(6, p.prefixes().size(), p.prefixes().toString());
        assertTrue(p.prefixes().contains("o\u212a"), p.prefixes().toString());
        assertTrue(p.mayMatch("O\u212a then"));
    }

    /** Pattern, flags, a text it matches: the prefilter must let the search run. */
    static Stream<Arguments> matchingTexts() {
        return Stream.of(
                Arguments.of("(?i)kelvin", 0, "\u212aELVIN"),
                Arguments.of("(?i)^straße", 0, "STRAßE"),
                Arguments.of("(?i)sep", 0, "\u017fEP"),
                Arguments.of("^sshd(?i:error)", 0, "sshdERROR"),
                Arguments.of("sep", PyFlags.IGNORECASE, "SeP"),
                Arguments.of("(?i)^[a-c]x", 0, "Bx"),
                Arguments.of("^(?:x|)y", 0, "y"),
                Arguments.of("^(?:a)?b", 0, "b"),
                Arguments.of("^a{0,2}b", 0, "aab"),
                Arguments.of("(?m)^abc", 0, "x\nabc"),
                Arguments.of("^(a)?(?(1)b|c)", 0, "c"),
                Arguments.of("^(a)?(?(1)b|c)", 0, "ab"),
                Arguments.of("^(?P<x>ab)(?P=x)", 0, "abab"),
                Arguments.of("x(?=ab)", 0, "xab"),
                Arguments.of("(?<=ab)x", 0, "abx"),
                Arguments.of("\uD83D\uDE00+ok", 0, "\uD83D\uDE00\uD83D\uDE00ok"),
                Arguments.of("^[\uD83D\uDE00]x", 0, "\uD83D\uDE00x"),
                Arguments.of("(?x) a b c", 0, "abc"),
                Arguments.of("a\\nb", 0, "a\nb"),
                Arguments.of("^\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\d{1,3}\\.){3}\\d{1,3}))\\]?", 0, "[::ffff:1.2.3.4]"),
                Arguments.of("from (?:\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\d{1,3}\\.){3}\\d{1,3})|(?P<ip6>(?:[0-9a-fA-F]"
                        + "{1,4}::?|:){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)))\\]?|(?P<dns>[\\w\\-.^_]*\\w))", 0,
                        "from ::1"));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("matchingTexts")
    void neverRulesOutAMatch(String pattern, int flags, String text) {
        CompiledRegex c = PyRegex.compile(pattern, flags);
        assertTrue(c.search(text).isPresent(), "test case must match: " + pattern);
        assertTrue(c.prefilter().mayMatch(text), describe(c.prefilter()) + " rules out " + text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            ^Failed :: Accepted password
            ^Failed :: x Failed
            sshd.*error :: sshd warning
            (?i)^ok :: ko
            ^(?:a|b)c :: cc
            """)
    void rulesOutTextsWithoutTheLiterals(String pattern, String text) {
        CompiledRegex c = PyRegex.compile(pattern);
        assertTrue(c.search(text).isEmpty());
        assertFalse(c.prefilter().mayMatch(text), describe(c.prefilter()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            ^abc :: 8
            ^a?b :: 6
            ^(?=abc)x :: 8
            ^x(?:y|z\\d{1,3})$ :: 16
            abc :: -1
            ^a+ :: -1
            ^(a)\\1 :: -1
            (?m)^abc :: -1
            """)
    void anchoredReach(String pattern, int reach) {
        assertEquals(reach, PyRegex.compile(pattern).anchoredReach());
    }

    /**
     * {@link CompiledRegex#anchoredReach()} asked before the prefilter exists (it then tells anchoring without
     * deriving the literals, so that case-insensitive ones are not expanded) is the same as asked after: on every
     * pattern of the differential table and on case-insensitive date-like patterns.
     */
    @Test
    void anchoredReachIsTheSameWithoutThePrefilter() {
        List<String[]> patterns = new ArrayList<>();
        for (String[] r : TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv")) {
            if (r[0].equals("P") || r[0].equals("R")) {
                patterns.add(new String[] {TsvTable.unescape(r[6]), r[2]});
            }
        }
        for (String p : List.of("(?i)^(?:jan|feb|mar) \\d{1,2}", "^(?i:mon|tue) x", "(?i)^[a-f]{2}\\d$",
                "(?i)abc", "(?i)^(?:abc|\\d+)?x", "^(?:(?i)k|z)\\w{0,3}", "(?i)^(?=ok)ok[s-u]")) {
            patterns.add(new String[] {p, "0"});
        }
        int anchored = 0;
        int caseless = 0;
        List<String> wrong = new ArrayList<>();
        for (String[] p : patterns) {
            CompiledRegex light;
            CompiledRegex full;
            try {
                light = PyRegex.compile(p[0], Integer.parseInt(p[1]));
                full = PyRegex.compile(p[0], Integer.parseInt(p[1]));
            } catch (RegexSyntaxException e) {
                continue; // refused patterns are PythonDifferentialTest's business
            }
            int before = light.anchoredReach();
            boolean fullAnchored = full.prefilter().anchored();
            if (before != full.anchoredReach() || (before >= 0 && !fullAnchored)) {
                wrong.add(PyStrings.repr(p[0]) + ": " + before + " vs " + full.anchoredReach());
            }
            anchored += fullAnchored ? 1 : 0;
            caseless += fullAnchored && (full.flags() & PyFlags.IGNORECASE) != 0 ? 1 : 0;
        }
        assertEquals(List.of(), wrong);
        assertTrue(anchored > 200 && caseless >= 8, anchored + " anchored, " + caseless + " case-insensitive");
    }

    /**
     * Every pattern of the differential table (hand-written, random, every stock failregex) over its own texts and
     * a sample of the others: when the prefilter rules a text out, the search finds nothing.
     */
    @Test
    void neverRulesOutAMatchOfTheDifferentialTable() {
        Map<Integer, CompiledRegex> patterns = new LinkedHashMap<>();
        Map<Integer, List<String>> own = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String[] r : TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv")) {
            if (r[0].equals("P") || r[0].equals("R")) {
                try {
                    patterns.put(Integer.parseInt(r[1]), PyRegex.compile(TsvTable.unescape(r[6]),
                            Integer.parseInt(r[2])));
                } catch (RegexSyntaxException e) {
                    // refused patterns are PythonDifferentialTest's business
                }
            } else if (r[0].equals("M")) {
                String text = TsvTable.unescape(r[5]);
                own.computeIfAbsent(Integer.parseInt(r[1]), k -> new ArrayList<>()).add(text);
                all.add(text);
            }
        }
        List<String> distinct = all.stream().distinct().toList();
        java.util.Random random = new java.util.Random(7);
        List<String> wrong = new ArrayList<>();
        int ruledOut = 0;
        int checked = 0;
        for (Map.Entry<Integer, CompiledRegex> e : patterns.entrySet()) {
            CompiledRegex c = e.getValue();
            LiteralPrefilter p = c.prefilter();
            if (!p.isUseful()) {
                continue;
            }
            List<String> texts = new ArrayList<>(own.getOrDefault(e.getKey(), List.of()));
            for (int i = 0; i < 40; i++) {
                texts.add(distinct.get(random.nextInt(distinct.size())));
            }
            for (String t : texts) {
                checked++;
                if (!p.mayMatch(t)) {
                    ruledOut++;
                    boolean found;
                    try {
                        found = c.search(t, 0, 5_000_000L).isPresent();
                    } catch (RegexBudgetExceededException x) {
                        found = false;
                    }
                    if (found) {
                        wrong.add(PyStrings.repr(c.source()) + " on " + PyStrings.repr(t) + ": " + describe(p));
                    }
                }
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " wrong");
        assertTrue(checked > 50_000 && ruledOut > checked / 3, ruledOut + " of " + checked + " searches ruled out");
    }

    /**
     * The case-insensitive variants of every BMP character are the characters whose fold (lower case of the upper
     * case, as {@code java.util.regex} compares them) is that of the character or of one of its case forms:
     * checked against a plain grouping of all BMP characters by fold.
     */
    @Test
    void caseVariantsOfEveryBmpCharacterAreItsFoldClass() {
        java.util.Map<Integer, java.util.Set<Integer>> byFold = new java.util.HashMap<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            byFold.computeIfAbsent(LiteralPrefilter.CaseFolding.fold(c), k -> new java.util.TreeSet<>()).add(c);
        }
        for (int cp = 0; cp <= 0xFFFF; cp++) {
            java.util.Set<Integer> want = new java.util.TreeSet<>();
            for (int x : new int[] {cp, Character.toUpperCase(cp), Character.toLowerCase(cp),
                Character.toTitleCase(cp), LiteralPrefilter.CaseFolding.fold(cp)}) {
                want.add(x);
                want.addAll(byFold.getOrDefault(LiteralPrefilter.CaseFolding.fold(x), java.util.Set.of()));
            }
            java.util.Set<String> wantStrings = new java.util.TreeSet<>();
            for (int x : want) {
                wantStrings.add(String.valueOf((char) x));
            }
            assertEquals(wantStrings, LiteralPrefilter.CaseFolding.variants(cp), "U+" + Integer.toHexString(cp));
        }
        assertEquals(java.util.Set.of("K", "k", "\u212a"), LiteralPrefilter.CaseFolding.variants('k'));
    }
}
