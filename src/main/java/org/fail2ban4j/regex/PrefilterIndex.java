package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link LiteralPrefilter}s of a list of patterns (the failregexes of a filter) combined, to find the few
 * patterns that may match a text without testing each one, at a cost that does not grow with the number of
 * patterns:
 * <ul>
 * <li>the prefixes of the anchored patterns form a trie that one walk from the start of the text follows;</li>
 * <li>the required strings of the other patterns are found in one pass ({@link LiteralSet}) when there are many
 * of them, or looked up one by one when there are few;</li>
 * <li>{@link PartCheck} answers a weaker question in one pass over a text given in pieces: may any pattern match
 * some part of it (the {@code <F-CONTENT>} a prefregex will cut out of the line)?</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link Candidates} and {@link PartCheck} hold the per-thread state.
 */
public final class PrefilterIndex {

    /** Literals are cut to this length in the one-pass sets (a part of a required string is required too). */
    static final int SET_LITERAL_LENGTH = 12;
    /** The one-pass sets shorten their literals down to this length when their table would be too large. */
    static final int SET_LITERAL_SHORTEST = 4;
    /** The one-pass sets look for parts of at least this many characters of longer strings. */
    static final int SET_LITERAL_MIN = 8;
    /** From this many unanchored patterns with required strings on, they are found in one pass. */
    static final int ONE_PASS_FROM = 8;
    /**
     * The part check leaves out the required strings of a pattern with prefixes (looked for only once a prefix is
     * found) when one of them is shorter than this.
     */
    static final int SECOND_CONDITION_SHORTEST = 4;

    private final int size;
    private final int words;
    /** Patterns that are candidates for any text (nothing known). */
    private final long[] free;
    /** Patterns with required strings looked up one by one (unless anchored: see {@link #required}). */
    private final long[] byContains;
    private final TrieNode root;
    /** Per pattern, sets of strings of each of which the text must contain one; null when none. */
    private final String[][][] required;
    /** The unanchored patterns' required strings in one pass, with the patterns of each; or null. */
    private final LiteralSet unanchoredSet;
    private final int[][] unanchoredPatterns;
    /** The {@link PartCheck} literals, or null when some pattern has none usable. */
    private final LiteralSet partSet;
    private final int[][] partPatterns;
    private final int[][] partPrefixNeedles;
    private final int[][] partRequiredNeedles;

    private static final class TrieNode {
        /** The first character of each edge, sorted. */
        char[] keys = new char[0];
        /**
         * Each edge's characters (its key first): a chain of nodes with one child and no pattern ending there is
         * one edge, so that a prefix is compared as a string rather than node by node.
         */
        char[][] labels = new char[0][];
        TrieNode[] next = new TrieNode[0];
        /** Patterns one of whose prefixes ends here. */
        int[] ends = new int[0];
        /** For a node of more than 8 edges: the edge of each ASCII character plus one, 0 for none. */
        byte[] ascii;

        /** The edge that starts with {@code c}, or -1. */
        int edge(char c) {
            byte[] a = ascii;
            if (a != null && c < 128) {
                return a[c] - 1;
            }
            char[] k = keys;
            if (k.length <= 8) {
                for (int i = 0; i < k.length; i++) {
                    if (k[i] == c) {
                        return i;
                    }
                }
                return -1;
            }
            int i = Arrays.binarySearch(k, c);
            return i < 0 ? -1 : i;
        }
    }

    private PrefilterIndex(List<LiteralPrefilter> filters) {
        int n = filters.size();
        this.size = n;
        this.words = (n + 63) >>> 6;
        this.free = new long[words];
        this.byContains = new long[words];
        this.required = new String[n][][];
        TrieBuilder trie = new TrieBuilder();
        boolean partUsable = n > 0;
        int unanchoredCount = 0;
        for (int i = 0; i < n; i++) {
            LiteralPrefilter f = Objects.requireNonNull(filters.get(i), "prefilter");
            boolean prefixed = f.anchored() && !f.prefixes().isEmpty();
            boolean req = !f.required().isEmpty();
            if (prefixed) {
                for (String p : f.prefixes()) {
                    trie.add(p, i);
                }
            } else if (req) {
                unanchoredCount++;
            } else {
                free[i >>> 6] |= 1L << i;
                partUsable = false;
            }
            if (req) {
                List<List<String>> sets = f.required();
                required[i] = new String[sets.size()][];
                for (int k = 0; k < sets.size(); k++) {
                    required[i][k] = sets.get(k).toArray(new String[0]);
                }
            }
        }
        this.root = trie.freeze();
        // the one-pass sets, with shorter literal parts when the table would be too large
        LiteralSet uset = null;
        Needles unanchored = null;
        for (int length = SET_LITERAL_LENGTH; uset == null && unanchoredCount >= ONE_PASS_FROM
                && length >= SET_LITERAL_SHORTEST; length -= 2) {
            unanchored = new Needles(length);
            List<List<String>> perPattern = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LiteralPrefilter f = filters.get(i);
                if (!(f.anchored() && !f.prefixes().isEmpty()) && required[i] != null) {
                    perPattern.add(f.required().get(0));
                }
            }
            unanchored.countParts(perPattern);
            for (int i = 0; i < n; i++) {
                LiteralPrefilter f = filters.get(i);
                if (!(f.anchored() && !f.prefixes().isEmpty()) && required[i] != null) {
                    unanchored.add(f.required().get(0), i);
                }
            }
            uset = LiteralSet.of(unanchored.literals()).orElse(null);
        }
        this.unanchoredSet = uset;
        this.unanchoredPatterns = uset == null ? null : unanchored.patterns();
        if (uset == null) {
            for (int i = 0; i < n; i++) {
                LiteralPrefilter f = filters.get(i);
                if (!(f.anchored() && !f.prefixes().isEmpty()) && required[i] != null) {
                    byContains[i >>> 6] |= 1L << i;
                }
            }
        }
        LiteralSet pset = null;
        Needles part = null;
        int[][] partPrefix = new int[n][];
        int[][] partRequired = new int[n][];
        for (int length = SET_LITERAL_LENGTH; pset == null && partUsable && length >= SET_LITERAL_SHORTEST;
                length -= 2) {
            part = new Needles(length);
            List<List<String>> perPattern = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LiteralPrefilter f = filters.get(i);
                List<String> strings = new ArrayList<>(f.anchored() ? f.prefixes() : List.of());
                if (required[i] != null) {
                    strings.addAll(f.required().get(0));
                }
                perPattern.add(strings);
            }
            part.countParts(perPattern);
            boolean usable = true;
            for (int i = 0; i < n; i++) {
                LiteralPrefilter f = filters.get(i);
                boolean prefixed = f.anchored() && !f.prefixes().isEmpty();
                // a pattern is looked at when one of its prefixes (else of its required strings) is found, then
                // the other condition is checked: a required string shared by many patterns costs nothing
                partPrefix[i] = prefixed ? part.addBeforeNewline(f.prefixes(), i, true) : null;
                // a second condition of very short strings is left out: it rules out little, and the shortest
                // string sets how far apart the positions the one-pass scan tests can be
                boolean second = required[i] != null
                        && !(prefixed && part.shortestCut(f.required().get(0)) < SECOND_CONDITION_SHORTEST);
                partRequired[i] = second ? part.addBeforeNewline(f.required().get(0), i, !prefixed) : null;
                usable &= partPrefix[i] != null || partRequired[i] != null;
            }
            if (!usable) {
                break;
            }
            pset = LiteralSet.of(part.literals()).orElse(null);
        }
        this.partSet = pset;
        this.partPatterns = pset == null ? null : part.patterns();
        this.partPrefixNeedles = partPrefix;
        this.partRequiredNeedles = partRequired;
    }

    /**
     * @param filters the prefilters, in pattern order
     * @return the index
     */
    public static PrefilterIndex of(List<LiteralPrefilter> filters) {
        return new PrefilterIndex(filters);
    }

    /** @return the number of patterns */
    public int size() {
        return size;
    }

    /** @return a new holder of candidate sets (for one thread) */
    public Candidates newCandidates() {
        return new Candidates();
    }

    /**
     * @return a new part check (for one thread); empty when it cannot rule anything out (a pattern without usable
     *     literals)
     */
    public Optional<PartCheck> newPartCheck() {
        return partSet == null ? Optional.empty() : Optional.of(new PartCheck());
    }

    /** The patterns that may match one text. Mutable, for one thread. */
    public final class Candidates {
        private final long[] bits = new long[words];
        private char[] buffer = new char[256];
        private final long[] found = unanchoredSet == null ? null : unanchoredSet.newSet();

        private Candidates() {
        }

        /**
         * Finds the patterns that may match {@code text} (searched as a whole from index 0).
         *
         * @param text the text, not null
         */
        public void update(String text) {
            long[] out = bits;
            System.arraycopy(free, 0, out, 0, words);
            TrieNode node = root;
            int len = text.length();
            int i = 0;
            while (true) {
                for (int p : node.ends) {
                    out[p >>> 6] |= 1L << p;
                }
                if (i == len) {
                    break;
                }
                int e = node.edge(text.charAt(i));
                if (e < 0) {
                    break;
                }
                char[] label = node.labels[e];
                int end = i + label.length;
                if (end > len) {
                    break;
                }
                int j = 1;
                while (j < label.length && text.charAt(i + j) == label[j]) {
                    j++;
                }
                if (j < label.length) {
                    break;
                }
                i = end;
                node = node.next[e];
            }
            // the trie gave anchored patterns with the right start; they and the others need a required string
            for (int w = 0; w < words; w++) {
                long b = out[w] | byContains[w];
                out[w] = b;
                while (b != 0) {
                    int k = Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                    String[][] req = required[(w << 6) + k];
                    if (req != null && !containsAll(text, req)) {
                        out[w] &= ~(1L << k);
                    }
                }
            }
            if (unanchoredSet != null) {
                Arrays.fill(found, 0);
                if (buffer.length < len) {
                    buffer = new char[Math.max(len, 2 * buffer.length)];
                }
                text.getChars(0, len, buffer, 0);
                unanchoredSet.scanWhole(buffer, 0, len, found);
                for (int w = 0; w < found.length; w++) {
                    long b = found[w];
                    while (b != 0) {
                        int k = Long.numberOfTrailingZeros(b);
                        b &= b - 1;
                        for (int p : unanchoredPatterns[(w << 6) + k]) {
                            if ((out[p >>> 6] & (1L << p)) == 0 && containsAll(text, required[p])) {
                                out[p >>> 6] |= 1L << p;
                            }
                        }
                    }
                }
            }
        }

        /**
         * @param from a pattern index, at least 0
         * @return the first pattern from {@code from} on that may match the text of the last {@link #update}, or
         *     -1 when there is none
         */
        public int next(int from) {
            int w = from >>> 6;
            if (w >= words) {
                return -1;
            }
            long b = bits[w] & (-1L << from);
            while (true) {
                if (b != 0) {
                    return (w << 6) + Long.numberOfTrailingZeros(b);
                }
                if (++w == words) {
                    return -1;
                }
                b = bits[w];
            }
        }

        /**
         * @param index a pattern index
         * @return false when pattern {@code index} cannot match the text of the last {@link #update}
         */
        public boolean mayMatch(int index) {
            return (bits[index >>> 6] & (1L << index)) != 0;
        }
    }

    /**
     * Whether any pattern may match a text cut out of a scanned text: for every part {@code P} of the scanned
     * text, if {@link #anyMayMatch()} is false, no pattern matches {@code P} nor {@code P + "\n"}. The text is
     * scanned in pieces ({@link #reset()}, then {@link #scan} for each piece in order). Mutable, for one thread.
     */
    public final class PartCheck {
        private final long[] found = partSet.newSet();
        /** The pieces since {@link #reset()}, joined: scanned as one text when asked ({@link #anyMayMatch()}). */
        private char[] buffer = new char[256];
        private int length;

        private PartCheck() {
        }

        /** Starts a new text. */
        public void reset() {
            length = 0;
        }

        /**
         * Adds the next piece of the text.
         *
         * @param text the piece's text
         * @param from its first index
         * @param to its end (exclusive)
         */
        public void scan(String text, int from, int to) {
            int n = to - from;
            if (buffer.length < length + n) {
                buffer = Arrays.copyOf(buffer, Math.max(length + n, 2 * buffer.length));
            }
            text.getChars(from, to, buffer, length);
            length += n;
        }

        /** @return false when no pattern can match any part of the text scanned since {@link #reset()} */
        public boolean anyMayMatch() {
            Arrays.fill(found, 0);
            partSet.scanWhole(buffer, 0, length, found);
            for (int w = 0; w < found.length; w++) {
                long b = found[w];
                while (b != 0) {
                    int k = Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                    for (int p : partPatterns[(w << 6) + k]) {
                        if (anyFound(partPrefixNeedles[p]) && anyFound(partRequiredNeedles[p])) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private boolean anyFound(int[] needles) {
            if (needles == null) {
                return true;
            }
            for (int id : needles) {
                if ((found[id >>> 6] & (1L << id)) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether the text contains a string of each set. */
    private static boolean containsAll(String text, String[][] sets) {
        for (String[] set : sets) {
            if (!LiteralPrefilter.containsAny(text, set)) {
                return false;
            }
        }
        return true;
    }

    /** Distinct literals of a one-pass set, with the patterns using each. */
    private static final class Needles {
        private final Map<String, Integer> ids = new LinkedHashMap<>();
        private final List<List<Integer>> patterns = new ArrayList<>();
        /** The longest literal part. */
        private final int length;
        /** How many patterns have each part ({@link #countParts}), or null. */
        private Map<String, Integer> shared;

        Needles(int length) {
            this.length = length;
        }

        /** Adds the strings of one pattern (one of which is needed), cut to the set's length. */
        void add(List<String> strings, int pattern) {
            for (String s : strings) {
                id(cut(s, length), pattern);
            }
        }

        /** The length of the shortest of the strings as {@link #addBeforeNewline} would add them. */
        int shortestCut(List<String> strings) {
            int shortest = Integer.MAX_VALUE;
            for (String s : strings) {
                int nl = s.indexOf('\n');
                shortest = Math.min(shortest, cut(nl < 0 ? s : s.substring(0, nl), length).length());
            }
            return shortest;
        }

        /**
         * Adds the strings of one pattern cut before any line end (the part of a line a pattern sees may be
         * followed by {@code "\n"} that the line does not have).
         *
         * @param register whether finding one of the strings makes the pattern a candidate
         * @return the ids of the literals, or null when a string starts with a line end (nothing usable)
         */
        int[] addBeforeNewline(List<String> strings, int pattern, boolean register) {
            List<String> cut = new ArrayList<>();
            for (String s : strings) {
                int nl = s.indexOf('\n');
                String before = nl < 0 ? s : s.substring(0, nl);
                String c = cut(before, length);
                if (c.isEmpty()) {
                    return null;
                }
                cut.add(c);
            }
            int[] out = new int[cut.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = id(cut.get(i), register ? pattern : -1);
            }
            return out;
        }

        /**
         * The part of a required string the one-pass set looks for: at most {@code maxLength} characters, at least
         * {@link #SET_LITERAL_MIN} (or the whole string when shorter), starting at the character least likely in
         * log text (so that the scan leaves its start state rarely).
         */
        /**
         * Counts, for every part of {@code maxLength} characters (or shorter at the end) of the strings, how many
         * patterns have it: a part shared by many patterns makes a poor literal for any of them.
         */
        void countParts(List<List<String>> stringsPerPattern) {
            shared = new HashMap<>();
            for (List<String> strings : stringsPerPattern) {
                java.util.Set<String> parts = new java.util.HashSet<>();
                for (String s : strings) {
                    for (int p = 0; p < s.length(); p++) {
                        parts.add(s.substring(p, Math.min(s.length(), p + length)));
                    }
                }
                for (String part : parts) {
                    shared.merge(part, 1, Integer::sum);
                }
            }
        }

        private String cut(String s, int maxLength) {
            return cut(s, maxLength, shared);
        }

        static String cut(String s, int maxLength, Map<String, Integer> shared) {
            int len = s.length();
            if (len == 0) {
                return s;
            }
            int minLength = Math.min(len, Math.min(maxLength, SET_LITERAL_MIN));
            int best = 0;
            int bestScore = Integer.MAX_VALUE;
            int lead = 0;
            while (lead < len - 1 && s.charAt(lead) == ' ') {
                lead++;
            }
            for (int p = 0; len - p >= minLength || p <= lead; p++) {
                if (Character.isLowSurrogate(s.charAt(p))) {
                    continue;
                }
                int score = startCommonness(s, p);
                if (shared != null) {
                    Integer n = shared.get(s.substring(p, Math.min(len, p + maxLength)));
                    score += n == null ? 0 : 10_000 * (n - 1);
                }
                if (score < bestScore) {
                    best = p;
                    bestScore = score;
                }
            }
            int to = Math.min(len, best + maxLength);
            if (to < len && Character.isHighSurrogate(s.charAt(to - 1))) {
                to--;
            }
            return s.substring(best, to);
        }

        /**
         * How common the start of a literal at {@code p} is in log text, roughly: its first character, and the
         * first {@link #SCORED_PAIRS} pairs of characters (the strided scan tests pairs, see
         * {@link LiteralSet#scanWhole}; a pair of two lower-case letters, like {@code "er"}, is common).
         */
        private static int startCommonness(String s, int p) {
            int score = commonness(s.charAt(p));
            for (int q = p; q < p + SCORED_PAIRS && q + 1 < s.length(); q++) {
                score += commonness(s.charAt(q)) * commonness(s.charAt(q + 1)) / 100;
            }
            return score;
        }

        private static final int SCORED_PAIRS = 3;

        /** How common a character is in log text, roughly (per mille of English letters for lower case). */
        private static int commonness(char c) {
            if (c == ' ') {
                return 1000;
            }
            if (c >= 'a' && c <= 'z') {
                return LOWER[c - 'a'];
            }
            if (c >= '0' && c <= '9') {
                return 60;
            }
            if (c >= 'A' && c <= 'Z') {
                return 8;
            }
            return ".:-/=[](),_\t".indexOf(c) >= 0 ? 40 : 10;
        }

        private static final int[] LOWER = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60,
            63, 91, 28, 10, 24, 2, 20, 1};

        private int id(String literal, int pattern) {
            Integer id = ids.get(literal);
            if (id == null) {
                id = ids.size();
                ids.put(literal, id);
                patterns.add(new ArrayList<>());
            }
            List<Integer> ps = patterns.get(id);
            if (pattern >= 0 && (ps.isEmpty() || ps.get(ps.size() - 1) != pattern)) {
                ps.add(pattern);
            }
            return id;
        }

        List<String> literals() {
            return new ArrayList<>(ids.keySet());
        }

        int[][] patterns() {
            int[][] out = new int[patterns.size()][];
            for (int i = 0; i < out.length; i++) {
                List<Integer> p = patterns.get(i);
                out[i] = new int[p.size()];
                for (int k = 0; k < out[i].length; k++) {
                    out[i][k] = p.get(k);
                }
            }
            return out;
        }
    }

    /** Builds the trie with sorted children. */
    private static final class TrieBuilder {
        private final Node root = new Node();

        private static final class Node {
            final TreeMap<Character, Node> children = new TreeMap<>();
            final List<Integer> ends = new ArrayList<>();
        }

        void add(String prefix, int pattern) {
            Node n = root;
            for (int i = 0; i < prefix.length(); i++) {
                n = n.children.computeIfAbsent(prefix.charAt(i), k -> new Node());
            }
            if (!n.ends.contains(pattern)) {
                n.ends.add(pattern);
            }
        }

        TrieNode freeze() {
            return freeze(root);
        }

        private static TrieNode freeze(Node n) {
            TrieNode t = new TrieNode();
            t.keys = new char[n.children.size()];
            t.labels = new char[n.children.size()][];
            t.next = new TrieNode[n.children.size()];
            int i = 0;
            for (var e : n.children.entrySet()) {
                StringBuilder label = new StringBuilder().append(e.getKey().charValue());
                Node c = e.getValue();
                while (c.ends.isEmpty() && c.children.size() == 1) {
                    var only = c.children.firstEntry();
                    label.append(only.getKey().charValue());
                    c = only.getValue();
                }
                t.keys[i] = e.getKey();
                t.labels[i] = label.toString().toCharArray();
                t.next[i] = freeze(c);
                i++;
            }
            t.ends = LiteralSet.sortedDistinct(n.ends); // (each pattern is added once per node)
            if (t.keys.length > 8 && t.keys.length <= 127) {
                t.ascii = new byte[128];
                for (int k = 0; k < t.keys.length; k++) {
                    if (t.keys[k] < 128) {
                        t.ascii[t.keys[k]] = (byte) (k + 1);
                    }
                }
            }
            return t;
        }
    }
}
