package org.fail2ban4j.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A set of literal strings found in one pass over a text (an Aho-Corasick automaton, as a table of transitions
 * over the characters the strings use): which of them occur in the text, whatever their number.
 *
 * <p>Immutable and thread-safe. {@link #scanWhole} looks at a whole text; the scan state of
 * {@link #scan(int, char[], int, int, long[])} is an {@code int}, so a text may also be given in pieces.
 */
public final class LiteralSet {

    /** Tables larger than this many transitions are refused ({@link #of} returns empty). */
    static final int MAX_TRANSITIONS = 1 << 20;

    private final int size;
    /** Character class of each Latin-1 character (0: a character no string uses). */
    private final int[] latin;
    /** Whether a Latin-1 character starts one of the strings (leaves the start state). */
    private final boolean[] startsLatin;
    /**
     * Bit {@code (c1 << 8) | c2}: whether the Latin-1 pair {@code c1 c2} starts one of the strings; null when a
     * string is shorter than two characters or starts with other characters (then characters are tested alone).
     */
    private final long[] startPairs;
    /** Characters above Latin-1 that the strings use, sorted, and their classes. */
    private final char[] highChars;
    private final int[] highClasses;
    private final int classes;
    /**
     * Transitions: {@code delta[state + class]}, where a state is the offset of its row ({@code number * classes});
     * the start state is 0, and states from {@link #acceptFrom} on are those where strings end.
     */
    private final int[] delta;
    private final int acceptFrom;
    /** Per accepting state ({@code (state - acceptFrom) / classes}), the strings that end there. */
    private final int[][] accepting;
    /**
     * For {@link #scanWhole}: every {@link #stride}-th position is tested, and bit {@code (c1 << 8) | c2} says
     * whether the Latin-1 pair {@code c1 c2} is found at one of the first {@code stride} offsets of a string;
     * null when strides do not pay (a string shorter than three characters) or a string has other characters there.
     */
    private final long[] stridePairs;
    private final int stride;

    private LiteralSet(int size, int[] latin, boolean[] startsLatin, long[] startPairs, char[] highChars,
            int[] highClasses, int classes, int[] delta, int acceptFrom, int[][] accepting, long[] stridePairs,
            int stride) {
        this.size = size;
        this.latin = latin;
        this.startsLatin = startsLatin;
        this.startPairs = startPairs;
        this.highChars = highChars;
        this.highClasses = highClasses;
        this.classes = classes;
        this.delta = delta;
        this.acceptFrom = acceptFrom;
        this.accepting = accepting;
        this.stridePairs = stridePairs;
        this.stride = stride;
    }

    /**
     * Builds the automaton of some non-empty strings.
     *
     * @param strings the strings, none empty; string {@code i} is reported as bit {@code i}
     * @return the automaton; empty when its table would be too large
     * @throws IllegalArgumentException when a string is empty
     */
    public static Optional<LiteralSet> of(List<String> strings) {
        Map<Character, Integer> classOf = new TreeMap<>();
        for (String s : strings) {
            Objects.requireNonNull(s, "string");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty literal in a literal set");
            }
            for (int i = 0; i < s.length(); i++) {
                classOf.putIfAbsent(s.charAt(i), 0);
            }
        }
        int k = 1;
        for (Map.Entry<Character, Integer> e : classOf.entrySet()) {
            e.setValue(k++);
        }
        int classes = k;
        // trie
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        next.add(new int[classes]);
        ends.add(new ArrayList<>());
        for (int id = 0; id < strings.size(); id++) {
            String s = strings.get(id);
            int state = 0;
            for (int i = 0; i < s.length(); i++) {
                int c = classOf.get(s.charAt(i));
                int t = next.get(state)[c];
                if (t == 0) {
                    t = next.size();
                    if ((long) (t + 1) * classes > MAX_TRANSITIONS) {
                        return Optional.empty();
                    }
                    next.add(new int[classes]);
                    ends.add(new ArrayList<>());
                    next.get(state)[c] = t;
                }
                state = t;
            }
            ends.get(state).add(id);
        }
        int states = next.size();
        int[] delta = new int[states * classes];
        int[] fail = new int[states];
        int[][] outputs = new int[states][];
        // breadth-first: suffix links, missing transitions and merged outputs
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int t = next.get(0)[c];
            delta[c] = t;
            if (t != 0) {
                fail[t] = 0;
                queue.add(t);
            }
        }
        outputs[0] = ends.get(0).isEmpty() ? null : sortedDistinct(ends.get(0));
        while (!queue.isEmpty()) {
            int s = queue.poll();
            List<Integer> out = new ArrayList<>(ends.get(s));
            int[] inherited = outputs[fail[s]];
            if (inherited != null) {
                for (int x : inherited) {
                    out.add(x);
                }
            }
            outputs[s] = out.isEmpty() ? null : sortedDistinct(out);
            for (int c = 0; c < classes; c++) {
                int t = next.get(s)[c];
                if (t != 0) {
                    fail[t] = delta[fail[s] * classes + c];
                    delta[s * classes + c] = t;
                    queue.add(t);
                } else {
                    delta[s * classes + c] = delta[fail[s] * classes + c];
                }
            }
        }
        // renumber: states without outputs first (the root stays 0), then the accepting ones; transitions hold
        // the offset of the target's row
        int[] order = new int[states];
        int[] number = new int[states];
        int n = 0;
        for (int st = 0; st < states; st++) {
            if (outputs[st] == null) {
                number[st] = n;
                order[n++] = st;
            }
        }
        int acceptFrom = n;
        for (int st = 0; st < states; st++) {
            if (outputs[st] != null) {
                number[st] = n;
                order[n++] = st;
            }
        }
        int[] table = new int[states * classes];
        int[][] accepting = new int[states - acceptFrom][];
        for (int to = 0; to < states; to++) {
            int st = order[to];
            for (int c = 0; c < classes; c++) {
                table[to * classes + c] = number[delta[st * classes + c]] * classes;
            }
            if (to >= acceptFrom) {
                accepting[to - acceptFrom] = outputs[st];
            }
        }
        int[] latin = new int[256];
        boolean[] startsLatin = new boolean[256];
        List<Character> high = new ArrayList<>();
        for (Map.Entry<Character, Integer> e : classOf.entrySet()) {
            char ch = e.getKey();
            if (ch < 256) {
                latin[ch] = e.getValue();
                startsLatin[ch] = table[e.getValue()] != 0;
            } else {
                high.add(ch);
            }
        }
        char[] highChars = new char[high.size()];
        int[] highClasses = new int[high.size()];
        for (int i = 0; i < high.size(); i++) {
            highChars[i] = high.get(i);
            highClasses[i] = classOf.get(high.get(i));
        }
        long[] pairs = new long[1 << 10];
        for (String s : strings) {
            if (s.length() < 2 || s.charAt(0) >= 256 || s.charAt(1) >= 256) {
                pairs = null;
                break;
            }
            int p = (s.charAt(0) << 8) | s.charAt(1);
            pairs[p >>> 6] |= 1L << p;
        }
        int shortest = Integer.MAX_VALUE;
        for (String str : strings) {
            shortest = Math.min(shortest, str.length());
        }
        int stride = Math.min(shortest - 1, MAX_STRIDE);
        long[] stridePairs = stride >= 2 ? new long[1 << 10] : null;
        for (int si = 0; stridePairs != null && si < strings.size(); si++) {
            String str = strings.get(si);
            for (int q = 0; q < stride; q++) {
                char a = str.charAt(q);
                char b = str.charAt(q + 1);
                if ((a | b) >= 256) {
                    stridePairs = null;
                    break;
                }
                int p = (a << 8) | b;
                stridePairs[p >>> 6] |= 1L << p;
            }
        }
        return Optional.of(new LiteralSet(strings.size(), latin, startsLatin, pairs, highChars, highClasses,
                classes, table, acceptFrom * classes, accepting, stridePairs, stridePairs == null ? 0 : stride));
    }

    /** The longest stride of {@link #scanWhole} (more offsets per string make more pairs match). */
    static final int MAX_STRIDE = 4;

    /**
     * The numbers of a list, sorted, each once. A plain loop rather than a stream: it runs for every state of every
     * set a filter builds at start-up, before the compilers have seen it, where a stream pipeline costs tens of
     * microseconds.
     */
    static int[] sortedDistinct(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        java.util.Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (n == 0 || a[n - 1] != a[i]) {
                a[n++] = a[i];
            }
        }
        return n == a.length ? a : java.util.Arrays.copyOf(a, n);
    }

    /** @return the number of strings */
    public int size() {
        return size;
    }

    /** @return a set for the bits of {@link #scan}, one bit per string */
    public long[] newSet() {
        return new long[(size + 63) >>> 6];
    }

    /** @return how far apart the positions {@link #scanWhole} tests are; 0 when it tests every one */
    int stride() {
        return stride;
    }

    /** @return the state before any text */
    public int start() {
        return 0;
    }

    /**
     * Scans {@code text[from, to)} and sets in {@code found} the bits of the strings that end in it (a string may
     * start in an earlier piece scanned with the state passed in). A hot path copies a string's characters into a
     * buffer it keeps: {@link String#getChars} is much faster than reading them one by one.
     *
     * @param state the state after the previous piece ({@link #start()} for the first)
     * @param text the characters
     * @param from first index
     * @param to end index (exclusive)
     * @param found bits of the strings found, or-ed in
     * @return the state after this piece
     */
    int scan(int state, char[] text, int from, int to, long[] found) {
        int[] d = delta;
        int[] lat = latin;
        boolean[] starts = startsLatin;
        int s = state;
        int i = from;
        long[] pairs = startPairs;
        while (i < to) {
            if (s == 0) {
                // in the start state, skip the positions where no string starts: by the pair of characters
                // there (the last one of the piece alone, a string may go on in the next piece)
                char c = text[i];
                while (true) {
                    if (i + 1 < to && pairs != null) {
                        char next = text[i + 1];
                        if ((c | next) < 256) {
                            int p = (c << 8) | next;
                            if ((pairs[p >>> 6] & (1L << p)) != 0) {
                                break;
                            }
                            i++;
                            c = next;
                            continue;
                        }
                    }
                    if (c < 256 ? starts[c] : d[highClass(c)] != 0) {
                        break;
                    }
                    if (++i == to) {
                        return 0;
                    }
                    c = text[i];
                }
            }
            char c = text[i++];
            s = d[s + (c < 256 ? lat[c] : highClass(c))];
            if (s >= acceptFrom) {
                for (int id : accepting[(s - acceptFrom) / classes]) {
                    found[id >>> 6] |= 1L << id;
                }
            }
        }
        return s;
    }

    /**
     * Sets in {@code found} the bits of the strings that occur in {@code text[from, to)}, a whole text (the same as
     * {@link #scan(int, char[], int, int, long[])} from the start state). When every string has three characters
     * or more, only every {@code s}-th position is looked at ({@code s}, the stride, is at most the shortest
     * length less one): a string starting at {@code j} has one of its first {@code s} pairs of characters at a
     * tested position in {@code [j, j + s)}, so a position whose pair is none of those rules out every string
     * starting in the {@code s} positions up to it. Where the pair is one of them, the automaton runs from
     * {@code s - 1} positions before it until it is back in its start state past that position; the positions it
     * read need no test.
     *
     * @param text the characters
     * @param from first index
     * @param to end index (exclusive)
     * @param found bits of the strings found, or-ed in
     */
    public void scanWhole(char[] text, int from, int to, long[] found) {
        long[] sp = stridePairs;
        if (sp == null) {
            scan(start(), text, from, to, found);
            return;
        }
        int s = stride;
        int last = to - 1;
        int i = from;
        while (i < last) {
            char c = text[i];
            char n = text[i + 1];
            if ((c | n) < 256) {
                int p = (c << 8) | n;
                if ((sp[p >>> 6] & (1L << p)) == 0) {
                    i += s;
                    continue;
                }
            }
            i = runFrom(text, Math.max(from, i - s + 1), i, to, found);
        }
    }

    /**
     * Runs the automaton over {@code text} from {@code start} in the start state, at least over
     * {@code text[start, through]} and on while it is out of its start state (a string that started on the way is
     * read to its end or until it cannot be one).
     *
     * @return the index after the last character read
     */
    private int runFrom(char[] text, int start, int through, int to, long[] found) {
        int[] d = delta;
        int[] lat = latin;
        int st = 0;
        int k = start;
        while (k < to && (k <= through || st != 0)) {
            char c = text[k++];
            st = d[st + (c < 256 ? lat[c] : highClass(c))];
            if (st >= acceptFrom) {
                // (as in scan: a method of its own measured 1.5-2.5% slower on the noise and qmail corpora)
                for (int id : accepting[(st - acceptFrom) / classes]) {
                    found[id >>> 6] |= 1L << id;
                }
            }
        }
        return k;
    }

    private int highClass(char c) {
        int i = Arrays.binarySearch(highChars, c);
        return i < 0 ? 0 : highClasses[i];
    }
}
