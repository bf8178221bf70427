package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PrefilterIndex} rules out only patterns that cannot match: for the text itself ({@code Candidates}) and
 * for any part of it, with or without a final line end ({@code PartCheck}).
 */
class PrefilterIndexTest {

    private static PrefilterIndex index(List<CompiledRegex> patterns) {
        List<LiteralPrefilter> filters = new ArrayList<>();
        for (CompiledRegex c : patterns) {
            filters.add(c.prefilter());
        }
        return PrefilterIndex.of(filters);
    }

    private static List<CompiledRegex> compile(String... patterns) {
        List<CompiledRegex> out = new ArrayList<>();
        for (String p : patterns) {
            out.add(PyRegex.compile(p));
        }
        return out;
    }

    private static String candidates(PrefilterIndex idx, String text) {
        PrefilterIndex.Candidates c = idx.newCandidates();
        c.update(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < idx.size(); i++) {
            sb.append(c.mayMatch(i) ? '1' : '0');
        }
        return sb.toString();
    }

    @Test
    void anchoredPatternsAreFoundByTheirStart() {
        PrefilterIndex idx = index(compile("^Failed \\S+ for", "^Accepted \\w+", "^(?:Connection closed|Disconnected)",
                "^User \\S+ not allowed because not listed in AllowUsers", "^User \\S+ not allowed because listed in "
                + "DenyUsers", "failure from", "\\d+"));
        assertEquals("1000001", candidates(idx, "Failed password for root"));
        assertEquals("0100001", candidates(idx, "Accepted publickey for bob"));
        assertEquals("0010001", candidates(idx, "Disconnected from 1.2.3.4"));
        assertEquals("0001001", candidates(idx, "User x not allowed because not listed in AllowUsers"));
        assertEquals("0000011", candidates(idx, "x Failed auth failure from"));
        assertEquals("0000001", candidates(idx, "user x not allowed because listed in DenyUsers"));
    }

    /**
     * The trie of anchored prefixes, its chains of single children walked as strings: a pattern is a candidate
     * exactly when its own prefilter says it may match, for prefixes that share chains, end inside another's chain
     * or are cut off by the end of the text.
     */
    @Test
    void theCandidatesAreWhatEachPrefilterSays() {
        // (more than eight first characters, one beyond ASCII: the root's edges are then found by a table)
        String[] prefixes = {"a", "ab", "abc", "abcdef", "abcdxy", "abx", "b", "bcdefgh", "bcdefgx", "c", "d", "ex",
            "f", "g", "hij", "\u00e9t\u00e9", "x"};
        String[] words = {"a", "b", "c", "d", "e", "f", "g", "h", "x", "y", "ab", "bcdefg", " ok", "\u00e9", "t",
            "ij"};
        Random rnd = new Random(11);
        int compared = 0;
        for (int round = 0; round < 300; round++) {
            List<CompiledRegex> group = new ArrayList<>();
            for (int i = 1 + rnd.nextInt(14); i > 0; i--) {
                group.add(PyRegex.compile("^" + prefixes[rnd.nextInt(prefixes.length)] + (rnd.nextBoolean() ? " ok"
                        : "")));
            }
            PrefilterIndex idx = index(group);
            PrefilterIndex.Candidates cands = idx.newCandidates();
            for (int k = 0; k < 30; k++) {
                StringBuilder text = new StringBuilder();
                for (int w = rnd.nextInt(6); w > 0; w--) {
                    text.append(words[rnd.nextInt(words.length)]);
                }
                cands.update(text.toString());
                for (int i = 0; i < group.size(); i++) {
                    assertEquals(group.get(i).prefilter().mayMatch(text.toString()), cands.mayMatch(i),
                            group.get(i).source() + " on " + PyStrings.repr(text.toString()));
                    compared++;
                }
            }
        }
        assertTrue(compared > 30_000, compared + " compared");
    }

    @Test
    void manyUnanchoredPatternsAreFoundInOnePass() {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            patterns.add("svc" + i + " (?:auth failure|bad password) for \\S+");
        }
        PrefilterIndex idx = index(compile(patterns.toArray(new String[0])));
        String bits = candidates(idx, "x svc17 bad password for bob, svc3 auth failure for eve, svc5 ok");
        for (int i = 0; i < 40; i++) {
            assertEquals(i == 17 || i == 3, bits.charAt(i) == '1', "pattern " + i);
        }
    }

    @Test
    void thePartCheckNeedsLiteralsOfEveryPattern() {
        assertTrue(index(compile("^Failed", "\\d+")).newPartCheck().isEmpty());
        PrefilterIndex.PartCheck check = index(compile("^Failed \\S+ for user", "^Acc(?:epted)", "^x\\ny"))
                .newPartCheck().orElseThrow();
        check.reset();
        check.scan("sshd[1]: Failed password for user", 0, 33);
        assertTrue(check.anyMayMatch());
        check.reset();
        check.scan("sshd[1]: Accepted", 0, 12);
        check.scan("sshd[1]: Accepted", 12, 17);
        assertTrue(check.anyMayMatch());
        check.reset();
        check.scan("sshd[1]: Ac", 0, 11);
        assertFalse(check.anyMayMatch());
        // both literals of the first pattern are needed
        check.reset();
        check.scan("sshd[1]: Failed password", 0, 24);
        assertFalse(check.anyMayMatch());
        // a second condition shorter than four characters is left out (the prefix alone decides)
        PrefilterIndex.PartCheck loose = index(compile("^Failed \\S+ by", "^Acc(?:epted)")).newPartCheck()
                .orElseThrow();
        loose.reset();
        loose.scan("sshd[1]: Failed password", 0, 24);
        assertTrue(loose.anyMayMatch());
        loose.reset();
        loose.scan("sshd[1]: Fail", 0, 13);
        assertFalse(loose.anyMayMatch());
        // a pattern's literal with a line end: the part before it is looked for
        check.reset();
        check.scan("a x", 0, 3);
        assertTrue(check.anyMayMatch());
    }

    /**
     * Random groups of patterns from the differential table over texts of the table: a pattern ruled out for a
     * text does not match it, and when the part check rules a text out, no pattern matches parts of it.
     */
    @Test
    void neverRulesOutAMatch() {
        List<CompiledRegex> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String[] r : TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv")) {
            if (r[0].equals("P") || r[0].equals("R")) {
                try {
                    CompiledRegex c = PyRegex.compile(TsvTable.unescape(r[6]), Integer.parseInt(r[2]));
                    if ((c.flags() & PyFlags.MULTILINE) == 0) {
                        patterns.add(c);
                    }
                } catch (RegexSyntaxException e) {
                    // not our business here
                }
            } else if (r[0].equals("M")) {
                texts.add(TsvTable.unescape(r[5]));
            }
        }
        Random rnd = new Random(5);
        int ruledOut = 0;
        int partsRuledOut = 0;
        for (int round = 0; round < 600; round++) {
            List<CompiledRegex> group = new ArrayList<>();
            int n = 1 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                group.add(patterns.get(rnd.nextInt(patterns.size())));
            }
            PrefilterIndex idx = index(group);
            PrefilterIndex.Candidates cands = idx.newCandidates();
            PrefilterIndex.PartCheck part = idx.newPartCheck().orElse(null);
            for (int k = 0; k < 20; k++) {
                String text = texts.get(rnd.nextInt(texts.size()));
                cands.update(text);
                for (int i = 0; i < n; i++) {
                    if (!cands.mayMatch(i)) {
                        ruledOut++;
                        assertFalse(matches(group.get(i), text), group.get(i).source() + " on "
                                + PyStrings.repr(text));
                    }
                }
                if (part != null) {
                    part.reset();
                    int split = rnd.nextInt(text.length() + 1);
                    part.scan(text, 0, split);
                    part.scan(text, split, text.length());
                    if (!part.anyMayMatch()) {
                        partsRuledOut++;
                        int from = rnd.nextInt(text.length() + 1);
                        int to = from + rnd.nextInt(text.length() - from + 1);
                        String piece = text.substring(from, to);
                        for (CompiledRegex c : group) {
                            assertFalse(matches(c, piece) || matches(c, piece + "\n"), c.source() + " on part "
                                    + PyStrings.repr(piece));
                        }
                    }
                }
            }
        }
        assertTrue(ruledOut > 1000 && partsRuledOut > 50, ruledOut + " / " + partsRuledOut);
    }

    private static boolean matches(CompiledRegex c, String text) {
        try {
            return c.search(text, 0, 5_000_000L).isPresent();
        } catch (RegexBudgetExceededException e) {
            return false;
        }
    }
}
