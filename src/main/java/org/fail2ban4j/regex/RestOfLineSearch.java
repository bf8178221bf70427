package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.AtKind;
import org.fail2ban4j.regex.PyAst.BackRef;
import org.fail2ban4j.regex.PyAst.CharSet;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.GroupKind;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.RepeatMode;
import org.fail2ban4j.regex.PyAst.Seq;
import org.fail2ban4j.regex.PyAst.SetLit;

/**
 * The search of a pattern that ends with a group taking the rest of the line, {@code ...(?P<content>.+)$} (the
 * prefregex idiom of fail2ban filters), without matching that group character by character: a "head" pattern, the
 * same without {@code (?P<content>.+)$} and followed by {@code (?=[^\n])}, finds the same match start and groups,
 * and the last group is the rest of the line.
 *
 * <p>Why this is exact, for a text without a line end except possibly a last one: {@code .+$} succeeds at a
 * position exactly when at least one character other than the final line end follows, and then takes all of
 * them; so each path through the rest of the pattern is accepted by {@code .+$} exactly when it is accepted by
 * {@code (?=[^\n])}, and the engine picks the same path. Texts with a line end elsewhere must be searched with the
 * full pattern ({@link #applies(String)}).
 *
 * <p>Immutable and thread-safe; the matchers of {@link #newMatcher()} are per thread.
 */
public final class RestOfLineSearch {

    private final CompiledRegex full;
    private final CompiledRegex head;
    private final int tailGroup;
    /**
     * For the reuse of results ({@link Searcher}): per ASCII character, {@link #EXACT}, {@link #LETTER} or
     * {@link #DIGIT}; null when results are never reused.
     */
    private final byte[] asciiClasses;

    /** A character that only equals itself for the head pattern. */
    static final byte EXACT = 0;
    /** An ASCII letter that the head pattern never names: every such letter passes the same tests. */
    static final byte LETTER = 1;
    /** An ASCII digit that the head pattern never names: every such digit passes the same tests. */
    static final byte DIGIT = 2;

    /** Per ASCII character, what stands for it in a shape (itself, or a class above the character range). */
    private final int[] asciiShapes;

    /** Whether the head may match the empty text at the start whatever follows ({@link #matchesEveryLine()}). */
    private final boolean matchesEveryLine;

    private RestOfLineSearch(CompiledRegex full, CompiledRegex head, int tailGroup, byte[] asciiClasses,
            boolean matchesEveryLine) {
        this.full = full;
        this.head = head;
        this.tailGroup = tailGroup;
        this.asciiClasses = asciiClasses;
        this.matchesEveryLine = matchesEveryLine;
        this.asciiShapes = new int[128];
        for (int c = 0; c < 128; c++) {
            asciiShapes[c] = asciiClasses == null || asciiClasses[c] == EXACT ? c : 0x10000 + asciiClasses[c];
        }
    }


    /**
     * @param regex a pattern
     * @return its rest-of-line search; empty when it does not end with a capturing group of {@code .+} (greedy,
     *     without DOTALL) followed by {@code $} (without MULTILINE), or something refers to that group
     */
    public static Optional<RestOfLineSearch> of(CompiledRegex regex) {
        PyParser.Parsed parsed = Objects.requireNonNull(regex, "regex").parsed();
        if (!(parsed.root() instanceof Seq)) {
            return Optional.empty();
        }
        List<Node> items = ((Seq) parsed.root()).items();
        int n = items.size();
        if (n < 2 || !(items.get(n - 1) instanceof At) || ((At) items.get(n - 1)).kind() != AtKind.END
                || !(items.get(n - 2) instanceof Group)) {
            return Optional.empty();
        }
        Group g = (Group) items.get(n - 2);
        Node body = g.body();
        while (body instanceof Seq && ((Seq) body).items().size() == 1) {
            body = ((Seq) body).items().get(0);
        }
        if (g.kind() != GroupKind.CAPTURE || (g.flags() & PyFlags.DOTALL) != 0 || !(body instanceof Repeat)) {
            return Optional.empty();
        }
        Repeat r = (Repeat) body;
        if (!(r.body() instanceof AnyChar) || r.min() != 1 || r.max() != Repeat.UNBOUNDED
                || r.mode() != RepeatMode.GREEDY || parsed.condRefs().contains(g.pyIndex())
                || refersTo(parsed.root(), g.pyIndex())) {
            return Optional.empty();
        }
        List<Node> headItems = new ArrayList<>(items.subList(0, n - 2));
        headItems.add(new Group(GroupKind.LOOKAHEAD, 0, null, g.flags(),
                new CharSet(true, List.of(new SetLit('\n')))));
        PyParser.Parsed headParsed = parsed.withRoot(new Seq(headItems));
        CompiledRegex head;
        try {
            head = PyRegex.compile(regex.source(), headParsed);
        } catch (RegexSyntaxException e) {
            return Optional.empty();
        }
        byte[] classes = null;
        Seq headRoot = new Seq(items.subList(0, n - 2));
        if (head.prefilter().anchored() && reusable(headRoot)) {
            classes = new byte[128];
            for (char c = 'a'; c <= 'z'; c++) {
                classes[c] = LETTER;
                classes[Character.toUpperCase(c)] = LETTER;
            }
            for (char c = '0'; c <= '9'; c++) {
                classes[c] = DIGIT;
            }
            named(headRoot, classes);
        }
        boolean everyLine = true;
        for (Node item : headRoot.items()) {
            everyLine &= item instanceof At && (((At) item).kind() == AtKind.BEGINNING
                    || ((At) item).kind() == AtKind.BEGINNING_LINE || ((At) item).kind() == AtKind.BEGINNING_STRING)
                    || mayMatchEmpty(item);
        }
        return Optional.of(new RestOfLineSearch(regex, head, g.pyIndex(), classes, everyLine));
    }

    /**
     * Whether a search may always take a path through the node that matches the empty text, wherever it is and
     * whatever surrounds it: repeats that may match nothing, and sequences, alternatives and (capturing or plain)
     * groups of such nodes. Assertions, look-arounds, back-references and conditionals depend on the text; atomic
     * groups and possessive repeats do not give back what they took, so they count as not empty either.
     */
    private static boolean mayMatchEmpty(Node n) {
        if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            return r.mode() != RepeatMode.POSSESSIVE && (r.min() == 0 || mayMatchEmpty(r.body()));
        }
        if (n instanceof Group) {
            Group g = (Group) n;
            return (g.kind() == GroupKind.CAPTURE || g.kind() == GroupKind.NON_CAPTURE) && mayMatchEmpty(g.body());
        }
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (!mayMatchEmpty(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof PyAst.Alt) {
            for (Node c : ((PyAst.Alt) n).branches()) {
                if (mayMatchEmpty(c)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /**
     * Whether the full pattern finds a match in every text that {@link #applies(String) applies} and has at least
     * one character before its final line end: the head (after its start anchors) may match nothing, and the
     * rest of the line then follows at the start. The prefregexes of the stock sshd, dovecot, exim and sendmail
     * filters are of this kind (every part of the line's head optional), so whether they match a line is known
     * without searching.
     */
    public boolean matchesEveryLine() {
        return matchesEveryLine;
    }

    /**
     * Whether the engine decides a search of the head only from tests of single characters, each made right
     * before the character is read, and from comparisons of positions with the end right before reading there
     * (no back-references, no conditionals, no end assertions: those compare positions further on with the end).
     */
    private static boolean reusable(Node n) {
        if (n instanceof BackRef || n instanceof PyAst.Cond) {
            return false;
        }
        if (n instanceof At) {
            AtKind k = ((At) n).kind();
            // a word boundary reads the characters on both sides of its position before deciding
            return k == AtKind.BEGINNING || k == AtKind.BEGINNING_STRING || k == AtKind.BOUNDARY
                    || k == AtKind.NON_BOUNDARY;
        }
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (!reusable(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof PyAst.Alt) {
            for (Node c : ((PyAst.Alt) n).branches()) {
                if (!reusable(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof Group) {
            return reusable(((Group) n).body());
        }
        if (n instanceof Repeat) {
            return reusable(((Repeat) n).body());
        }
        return true; // Lit, AnyChar, CharSet, Cat
    }

    /** Marks every ASCII character the pattern names (literals, set members, range ends and insides) exact. */
    private static void named(Node n, byte[] classes) {
        if (n instanceof PyAst.Lit) {
            exact(((PyAst.Lit) n).codePoint(), classes);
        } else if (n instanceof CharSet) {
            for (PyAst.SetItem item : ((CharSet) n).items()) {
                if (item instanceof SetLit) {
                    exact(((SetLit) item).codePoint(), classes);
                } else if (item instanceof PyAst.SetRange) {
                    PyAst.SetRange r = (PyAst.SetRange) item;
                    for (int c = r.lo(); c <= r.hi() && c < 128; c++) {
                        exact(c, classes);
                    }
                    if (r.lo() >= 128) {
                        // a range above ASCII may still fold onto ASCII letters (KELVIN SIGN, LONG S)
                        for (char c = 'a'; c <= 'z'; c++) {
                            exact(c, classes);
                        }
                    }
                }
            }
        } else if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                named(c, classes);
            }
        } else if (n instanceof PyAst.Alt) {
            for (Node c : ((PyAst.Alt) n).branches()) {
                named(c, classes);
            }
        } else if (n instanceof Group) {
            named(((Group) n).body(), classes);
        } else if (n instanceof Repeat) {
            named(((Repeat) n).body(), classes);
        }
    }

    private static void exact(int codePoint, byte[] classes) {
        if (codePoint < 128) {
            classes[codePoint] = EXACT;
            classes[Character.toLowerCase(codePoint)] = EXACT;
            classes[Character.toUpperCase(codePoint)] = EXACT;
        } else {
            // a letter outside ASCII may match ASCII letters case-insensitively (e.g. U+212A and k)
            for (char c = 'a'; c <= 'z'; c++) {
                classes[c] = EXACT;
                classes[Character.toUpperCase(c)] = EXACT;
            }
        }
    }

    static boolean refersTo(Node n, int group) {
        return PyAst.anyNode(n, x -> x instanceof BackRef && ((BackRef) x).pyGroup() == group
                || x instanceof PyAst.Cond && ((PyAst.Cond) x).pyGroup() == group);
    }

    /**
     * @param text a text to search
     * @return whether {@link #find} may search it: no line end but possibly a last one
     */
    public static boolean applies(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 || nl == text.length() - 1;
    }

    /** @return a searcher that reuses results across texts of the same shape, for one thread */
    public Searcher newSearcher() {
        return new Searcher();
    }

    /** Whether a {@link Searcher} can reuse results (the head pattern qualifies). */
    public boolean reusesResults() {
        return asciiClasses != null;
    }

    /** @return a matcher for {@link #find}, to reuse on one thread */
    public Matcher newMatcher() {
        return head.matcher("");
    }

    /** @return the full pattern */
    public CompiledRegex regex() {
        return full;
    }

    /**
     * The full pattern's {@code search(text)}, for a text that {@link #applies(String)}.
     *
     * @param matcher a matcher from {@link #newMatcher()}, reset here
     * @param text the text (may be a {@link BudgetedText} over a text that applies)
     * @return the match of the full pattern, if any
     * @throws RegexBudgetExceededException when the text is a {@link BudgetedText} whose budget runs out, or
     *     matching exhausts the thread's stack
     */
    public Optional<RegexMatch> find(Matcher matcher, CharSequence text) {
        matcher.reset(text);
        try {
            if (!matcher.find()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(full.source(), text.length(), e);
        }
        String string = text.toString();
        int length = string.length();
        int end = length > 0 && string.charAt(length - 1) == '\n' ? length - 1 : length;
        int n = full.groupCount();
        int[] spans = new int[2 * (n + 1)];
        spans[0] = matcher.start();
        spans[1] = end;
        for (int g = 1; g <= n; g++) {
            if (g == tailGroup) {
                spans[2 * g] = matcher.end();
                spans[2 * g + 1] = end;
            } else {
                spans[2 * g] = head.start(matcher, g);
                spans[2 * g + 1] = head.end(matcher, g);
            }
        }
        return Optional.of(new RegexMatch(full, string, spans));
    }

    /**
     * {@link RestOfLineSearch#find} over a stream of texts (the lines of a log), reusing the head's result for a
     * text that has the same shape as one searched recently: equal on every character the search read, except that
     * an ASCII letter may stand for another and a digit for another when the head pattern names neither (no
     * literal, set member or range holds it). The engine's path through the head depends only on the outcome of
     * its character tests and on comparisons of positions with the end made right before reading there; every
     * test of the head gives the same answer for such letters (or digits), so both texts take the same path and
     * get the same group spans; the texts must both extend at least two characters beyond the last one read. The
     * tail group and the match end come from each text's own length. A result is reused only within the budget
     * of the new text (the search read as many characters as it would read now).
     *
     * <p>Keeps {@link #ENTRIES} shapes, the one used last first (a log has a few dozen shapes: host, program and
     * the first word of the message). Mutable, for one thread.
     */
    public final class Searcher {
        /** How many recent results are kept. */
        static final int ENTRIES = 16;

        private final Matcher matcher = head.matcher("");
        private final String[] texts = new String[ENTRIES];
        /** Per entry, the shape of its text over the characters that decided the result ({@link #shapeOf}). */
        private final int[][] shapes = new int[ENTRIES][];
        /** The spans of each result with the end and the tail's end left to fill in, or null for no match. */
        private final int[][] results = new int[ENTRIES][];
        /** How many characters each search read (a text whose budget is smaller is searched afresh). */
        private final long[] reads = new long[ENTRIES];
        private int used;
        /** How many leading characters of the text being searched {@link #shape} holds. */
        private int known;
        private char[] chars = new char[64];
        private int[] shape = new int[64];
        private long hits;
        private long searches;

        private Searcher() {
        }

        /**
         * The full pattern's {@code search(text)}.
         *
         * @param text the text to search, read through a budget, freshly reset (its count of characters read
         *     decides what can be reused); its {@link BudgetedText#text()} is a String that {@link #applies(String)}
         * @return the match of the full pattern, if any
         * @throws RegexBudgetExceededException when the budget runs out, or matching exhausts the thread's stack
         */
        public Optional<RegexMatch> find(BudgetedText text) {
            String string = text.text().toString();
            searches++;
            int length = string.length();
            known = 0;
            if (asciiClasses != null && used > 0) {
                for (int e = 0; e < used; e++) {
                    int[] prev = shapes[e];
                    int d = prev.length;
                    boolean same = d <= length ? sameShape(prev, shapeOf(string, d), d) : texts[e].equals(string);
                    if (same && reads[e] <= text.budget()) {
                        hits++;
                        int[] r = results[e];
                        toFront(e, texts[e], prev, r, reads[e]);
                        return r == null ? Optional.empty() : Optional.of(complete(r, string));
                    }
                }
            }
            matcher.reset(text);
            boolean found;
            try {
                found = matcher.find();
            } catch (StackOverflowError e) {
                throw RegexBudgetExceededException.stackExhausted(full.source(), length, e);
            }
            int[] spans = null;
            if (found) {
                int n = full.groupCount();
                spans = new int[2 * (n + 1)];
                spans[0] = matcher.start();
                for (int g = 1; g <= n; g++) {
                    if (g == tailGroup) {
                        spans[2 * g] = matcher.end();
                    } else {
                        spans[2 * g] = head.start(matcher, g);
                        spans[2 * g + 1] = head.end(matcher, g);
                    }
                }
            }
            // the texts must agree on every character read and go on for two more (see the class comment)
            int decided = text.maxIndexRead() + 3;
            matcher.reset("");
            if (asciiClasses != null && decided < length) {
                int[] textShape = Arrays.copyOf(shapeOf(string, decided), decided);
                if (used < ENTRIES) {
                    used++;
                }
                toFront(used - 1, string, textShape, spans, text.used());
            }
            return spans == null ? Optional.empty() : Optional.of(complete(spans, string));
        }

        /**
         * The shape of the text being searched, at least its first {@code n} characters ({@code n} at most its
         * length), extending what {@link #known} holds: a character the pattern names, or outside ASCII, stands
         * for itself; a letter or digit it does not name, for its class.
         */
        private int[] shapeOf(String text, int n) {
            int from = known;
            if (n <= from) {
                return shape;
            }
            if (shape.length < n) {
                int size = Math.max(n, 2 * shape.length);
                chars = Arrays.copyOf(chars, size);
                shape = Arrays.copyOf(shape, size);
            }
            text.getChars(from, n, chars, from);
            int[] map = asciiShapes;
            for (int i = from; i < n; i++) {
                char c = chars[i];
                shape[i] = c < 128 ? map[c] : c;
            }
            known = n;
            return shape;
        }

        /**
         * Whether two shapes agree on their first {@code d} elements, compared from the last: the recent texts of a
         * log share its host and program, so their shapes differ near the end of what the search read (the first
         * word of the message) if at all.
         */
        private static boolean sameShape(int[] a, int[] b, int d) {
            for (int i = d - 1; i >= 0; i--) {
                if (a[i] != b[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Puts a result first, shifting the ones before {@code slot} back (the one at {@code slot} is dropped). */
        private void toFront(int slot, String text, int[] textShape, int[] result, long read) {
            if (slot > 0) {
                System.arraycopy(texts, 0, texts, 1, slot);
                System.arraycopy(shapes, 0, shapes, 1, slot);
                System.arraycopy(results, 0, results, 1, slot);
                System.arraycopy(reads, 0, reads, 1, slot);
            }
            texts[0] = text;
            shapes[0] = textShape;
            results[0] = result;
            reads[0] = read;
        }

        private RegexMatch complete(int[] spans, String string) {
            int length = string.length();
            int end = length > 0 && string.charAt(length - 1) == '\n' ? length - 1 : length;
            int[] s = spans.clone();
            s[1] = end;
            s[2 * tailGroup + 1] = end;
            return new RegexMatch(full, string, s);
        }

        /** How many searches reused a result, of {@link #searches()}. */
        public long hits() {
            return hits;
        }

        /** How many searches were asked for. */
        public long searches() {
            return searches;
        }
    }
}
