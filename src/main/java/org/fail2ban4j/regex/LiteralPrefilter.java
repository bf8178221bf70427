package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fail2ban4j.regex.PyAst.Alt;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.AtKind;
import org.fail2ban4j.regex.PyAst.CharSet;
import org.fail2ban4j.regex.PyAst.Cond;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.Lit;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.Seq;
import org.fail2ban4j.regex.PyAst.SetItem;
import org.fail2ban4j.regex.PyAst.SetLit;
import org.fail2ban4j.regex.PyAst.SetRange;

/**
 * Literal text that every match of a compiled pattern must contain, derived from its parsed form, so that a search
 * that cannot match is skipped without running the regex engine.
 *
 * <p>Two facts are kept:
 * <ul>
 * <li>{@link #anchored()}: every match starts at index 0 of the searched text (the pattern begins with {@code ^}
 * without MULTILINE, or {@code \A}); then {@link #prefixes()}, when not empty, are strings one of which the text
 * must start with.</li>
 * <li>{@link #required()}: strings one of which every match contains (whether anchored or not).</li>
 * </ul>
 * Both are exact in one direction only: {@link #mayMatch(String)} returns false only when the pattern has no match
 * in the text; it may return true for texts without a match. The facts hold for a search of the whole text from
 * index 0 ({@code pattern.search(text)}, a reset {@link java.util.regex.Matcher}'s {@code find()}), not for a
 * search from another index or in a region.
 *
 * <p>How literals are found: a literal character, a small set such as {@code [iI]}, an alternation or an
 * optional part of literals ({@code (?:error|fatal)}, {@code (?:PAM: )?}) give sets of strings; consecutive ones
 * are combined into longer strings up to {@value #MAX_STRINGS} alternatives. Anything else (classes like
 * {@code \S}, {@code .}, unbounded repeats, back-references) ends a run of literals. Case-insensitive parts stand
 * for every character that {@code java.util.regex} folds to the same one (for example {@code k} also stands for
 * the Kelvin sign); case-insensitive ranges are not used.
 *
 * <p>Immutable and thread-safe.
 */
public final class LiteralPrefilter {

    /** At most this many alternatives in a set of strings. */
    static final int MAX_STRINGS = 16;
    /** Strings are cut to this length (a part of a required string is required too). */
    static final int MAX_LENGTH = 64;
    /** Repeats of literal sets are expanded up to this count ({@code x{2}}, {@code (?:ab)?}). */
    private static final int MAX_REPEAT = 4;
    /** Shorter required strings are kept only when nothing else is known (they rule out little). */
    private static final int MIN_EXTRA_LENGTH = 3;
    /** Small character sets are expanded up to this many characters. */
    private static final int MAX_SET_CHARS = 8;

    /** The prefilter that never skips anything. */
    public static final LiteralPrefilter NONE = new LiteralPrefilter(false, List.of(), List.of());

    private final boolean anchored;
    private final List<String> prefixes;
    private final List<List<String>> required;
    private final String[] prefixArray;
    private final String[][] requiredArray;

    private LiteralPrefilter(boolean anchored, List<String> prefixes, List<List<String>> required) {
        this.anchored = anchored;
        this.prefixes = List.copyOf(prefixes);
        List<List<String>> req = new ArrayList<>();
        for (List<String> set : required) {
            req.add(List.copyOf(set));
        }
        this.required = List.copyOf(req);
        this.prefixArray = anchored ? this.prefixes.toArray(new String[0]) : new String[0];
        this.requiredArray = new String[req.size()][];
        for (int i = 0; i < req.size(); i++) {
            requiredArray[i] = req.get(i).toArray(new String[0]);
        }
    }

    /**
     * Derives the prefilter of a parsed pattern.
     *
     * @param root the parsed pattern
     * @param flags the pattern's effective Python flags
     * @return the prefilter ({@link #NONE} when nothing is known)
     */
    static LiteralPrefilter of(Node root, int flags) {
        Info in = new Analyzer(false).analyze(root, flags);
        Set<String> start = in.exact != null ? in.exact : in.prefix;
        List<String> prefixes = List.of();
        if (in.anchored && usable(start)) {
            prefixes = cut(start, true);
        }
        Best best = new Best();
        best.offer(in.exact);
        best.offers(in.factors);
        best.offer(in.prefix);
        best.offer(in.suffix);
        List<List<String>> required = new ArrayList<>();
        for (Set<String> set : best.sets()) {
            List<String> r = cut(set, false);
            boolean weak = Best.minLength(set) < MIN_EXTRA_LENGTH && (!prefixes.isEmpty() || !required.isEmpty());
            if (!weak && !required.contains(r) && (prefixes.isEmpty() || !coveredBy(r, prefixes))) {
                required.add(r);
            }
        }
        if (!in.anchored && required.isEmpty()) {
            return NONE;
        }
        return new LiteralPrefilter(in.anchored, prefixes, required);
    }

    /**
     * Whether every match of a parsed pattern starts at index 0 of the text: {@link #anchored()} of its
     * prefilter, without deriving the literals (a case-insensitive literal's variants need the table of every
     * character's case fold, tens of milliseconds on the first use in a run, for date templates that only ask
     * this).
     */
    static boolean anchored(Node root, int flags) {
        return new Analyzer(true).analyze(root, flags).anchored;
    }

    /** Whether every prefix contains a string of {@code required} (a check of it would add nothing). */
    private static boolean coveredBy(List<String> required, List<String> prefixes) {
        if (required.isEmpty()) {
            return true;
        }
        for (String p : prefixes) {
            boolean found = false;
            for (String r : required) {
                if (p.contains(r)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * The strings of a set cut to {@link #MAX_LENGTH}, without those made redundant by another one: a string that
     * starts with another prefix ({@code asPrefixes}), or that contains another required string.
     */
    private static List<String> cut(Set<String> set, boolean asPrefixes) {
        Set<String> cut = new TreeSet<>();
        for (String s : set) {
            cut.add(truncate(s, MAX_LENGTH, false));
        }
        List<String> out = new ArrayList<>();
        for (String s : cut) {
            boolean redundant = false;
            for (String o : cut) {
                if (!o.equals(s) && (asPrefixes ? s.startsWith(o) : s.contains(o))) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return whether every match starts at index 0 of the searched text */
    public boolean anchored() {
        return anchored;
    }

    /**
     * @return when {@link #anchored()}, strings one of which the text must start with for a match; empty when
     *     nothing is known (or the pattern is not anchored)
     */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * @return sets of strings that every match contains: for each set, one of its strings (the most selective set
     *     first); empty when nothing is known
     */
    public List<List<String>> required() {
        return required;
    }

    /** @return whether this prefilter can ever skip a search */
    public boolean isUseful() {
        return prefixArray.length > 0 || requiredArray.length > 0;
    }

    /**
     * @param text the text a search of the whole would run on, not null
     * @return false only when the pattern cannot match anywhere in {@code text}
     */
    public boolean mayMatch(String text) {
        return startsRight(text) && containsRequired(text);
    }

    /**
     * @param text the searched text
     * @return whether the text starts with one of the {@link #prefixes()} (true when there are none)
     */
    boolean startsRight(String text) {
        String[] p = prefixArray;
        if (p.length == 0) {
            return true;
        }
        for (String s : p) {
            if (text.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param text the searched text
     * @return whether the text contains a string of each of the {@link #required()} sets (true when there are
     *     none)
     */
    public boolean containsRequired(String text) {
        for (String[] set : requiredArray) {
            if (!containsAny(text, set)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param text a text
     * @param strings some strings
     * @return whether the text contains one of them
     */
    static boolean containsAny(String text, String[] strings) {
        for (String s : strings) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LiteralPrefilter[" + (anchored ? "anchored, prefixes=" + prefixes + ", " : "") + "required="
                + required + "]";
    }

    // ------------------------------------------------------------------ analysis

    private static boolean usable(Set<String> set) {
        return set != null && !set.isEmpty() && !set.contains("");
    }

    private static String truncate(String s, int length, boolean fromEnd) {
        if (s.length() <= length) {
            return s;
        }
        int from = fromEnd ? s.length() - length : 0;
        int to = fromEnd ? s.length() : length;
        // do not split a surrogate pair
        if (!fromEnd && Character.isHighSurrogate(s.charAt(to - 1))) {
            to--;
        } else if (fromEnd && Character.isLowSurrogate(s.charAt(from))) {
            from++;
        }
        return s.substring(from, to);
    }

    /** What is known of the strings a node can match. */
    private static final class Info {
        /** Every string the node can match, when that is a small set; else null. */
        Set<String> exact;
        /** Every match starts with one of these ({@code ""} among them: nothing known). */
        Set<String> prefix = EMPTY_ONLY;
        /** Every match ends with one of these ({@code ""} among them: nothing known). */
        Set<String> suffix = EMPTY_ONLY;
        /** Every match contains one string of each of these sets (none: nothing known). */
        List<Set<String>> factors = List.of();
        /** Every match starts at index 0 of the text. */
        boolean anchored;

        static Info exact(Set<String> set) {
            Info in = new Info();
            in.exact = set;
            in.prefix = set;
            in.suffix = set;
            in.factors = usable(set) ? List.of(set) : List.of();
            return in;
        }

        boolean emptyOnly() {
            return exact != null && exact.size() == 1 && exact.contains("");
        }
    }

    private static final Set<String> EMPTY_ONLY = Collections.unmodifiableSet(new TreeSet<>(List.of("")));

    /**
     * The most selective of the sets offered (longest shortest string, then fewest strings): the best one, and
     * the {@link #KEEP} best for a conjunction.
     */
    private static final class Best {
        static final int KEEP = 3;
        private final List<Set<String>> kept = new ArrayList<>(KEEP + 1);
        Set<String> set;

        private static int minLength(Set<String> s) {
            int min = Integer.MAX_VALUE;
            for (String x : s) {
                min = Math.min(min, x.length());
            }
            return Math.min(min, MAX_LENGTH);
        }

        private static boolean better(Set<String> a, Set<String> b) {
            int ma = minLength(a);
            int mb = minLength(b);
            return ma > mb || (ma == mb && a.size() < b.size());
        }

        void offer(Set<String> s) {
            if (!usable(s) || kept.contains(s)) {
                return;
            }
            int at = kept.size();
            while (at > 0 && better(s, kept.get(at - 1))) {
                at--;
            }
            if (at < KEEP) {
                kept.add(at, s);
                if (kept.size() > KEEP) {
                    kept.remove(KEEP);
                }
            }
            set = kept.get(0);
        }

        void offers(List<Set<String>> sets) {
            for (Set<String> s : sets) {
                offer(s);
            }
        }

        List<Set<String>> sets() {
            return List.copyOf(kept);
        }
    }

    /** Concatenations of every string of {@code a} with every string of {@code b}; null when too many. */
    private static Set<String> cross(Set<String> a, Set<String> b) {
        if ((long) a.size() * b.size() > MAX_STRINGS) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
            }
        }
        return out;
    }

    /** The union of two sets, cut to fit: strings shortened (from the start or the end) until few enough. */
    private static Set<String> union(Set<String> a, Set<String> b, boolean fromEnd) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return fit(out, fromEnd);
    }

    /**
     * Shortens the strings of a set until it has at most {@link #MAX_STRINGS} (a prefix of a prefix, a suffix of
     * a suffix and a part of a required string keep their meaning); null when even one character is too many.
     */
    private static Set<String> fit(Set<String> set, boolean fromEnd) {
        if (set.size() <= MAX_STRINGS) {
            return set;
        }
        int longest = 0;
        for (String s : set) {
            longest = Math.max(longest, s.length());
        }
        for (int len = longest - 1; len >= 1; len--) {
            Set<String> cut = new TreeSet<>();
            for (String s : set) {
                cut.add(truncate(s, len, fromEnd));
            }
            if (cut.size() <= MAX_STRINGS) {
                return cut;
            }
        }
        return null;
    }

    private static final class Analyzer {
        /** Whether only {@link Info#anchored} is asked for (case-insensitive literals are then not expanded). */
        private final boolean anchorOnly;

        Analyzer(boolean anchorOnly) {
            this.anchorOnly = anchorOnly;
        }

        Info analyze(Node n, int flags) {
            if (n instanceof Lit) {
                return literal(((Lit) n).codePoint(), flags);
            }
            if (n instanceof At) {
                Info in = Info.exact(EMPTY_ONLY);
                AtKind k = ((At) n).kind();
                in.anchored = k == AtKind.BEGINNING || k == AtKind.BEGINNING_STRING;
                return in;
            }
            if (n instanceof CharSet) {
                return charSet((CharSet) n, flags);
            }
            if (n instanceof Seq) {
                return seq(((Seq) n).items(), flags);
            }
            if (n instanceof Alt) {
                return alt(((Alt) n).branches(), flags);
            }
            if (n instanceof Group) {
                Group g = (Group) n;
                // look-arounds consume nothing
                return g.kind().consumes() ? analyze(g.body(), g.flags()) : Info.exact(EMPTY_ONLY);
            }
            if (n instanceof Repeat) {
                return repeat((Repeat) n, flags);
            }
            if (n instanceof Cond) {
                Cond c = (Cond) n;
                List<Node> branches = new ArrayList<>(2);
                branches.add(c.yes());
                branches.add(c.no() == null ? new Seq(List.of()) : c.no());
                return alt(branches, flags);
            }
            // AnyChar, Cat, BackRef: nothing known
            return new Info();
        }

        private Info literal(int cp, int flags) {
            if ((flags & PyFlags.IGNORECASE) == 0) {
                return Info.exact(single(new String(Character.toChars(cp))));
            }
            if (anchorOnly) {
                return new Info();
            }
            Set<String> variants = CaseFolding.variants(cp);
            return variants == null ? new Info() : Info.exact(variants);
        }

        private static Set<String> single(String s) {
            Set<String> set = new TreeSet<>();
            set.add(s);
            return set;
        }

        private Info charSet(CharSet set, int flags) {
            if (set.negated()) {
                return new Info();
            }
            boolean ci = (flags & PyFlags.IGNORECASE) != 0;
            if (ci && anchorOnly) {
                return new Info();
            }
            Set<String> chars = new TreeSet<>();
            for (SetItem item : set.items()) {
                if (item instanceof SetLit) {
                    int cp = ((SetLit) item).codePoint();
                    if (ci) {
                        Set<String> v = CaseFolding.variants(cp);
                        if (v == null) {
                            return new Info();
                        }
                        chars.addAll(v);
                    } else {
                        chars.add(new String(Character.toChars(cp)));
                    }
                } else if (item instanceof SetRange && !ci) {
                    SetRange r = (SetRange) item;
                    if (r.hi() - r.lo() >= MAX_SET_CHARS) {
                        return new Info();
                    }
                    for (int cp = r.lo(); cp <= r.hi(); cp++) {
                        chars.add(new String(Character.toChars(cp)));
                    }
                } else {
                    // a class escape, or a range matched ignoring case
                    return new Info();
                }
                if (chars.size() > MAX_SET_CHARS) {
                    return new Info();
                }
            }
            return chars.isEmpty() ? new Info() : Info.exact(chars);
        }

        private Info seq(List<Node> items, int flags) {
            Set<String> acc = EMPTY_ONLY;
            Set<String> prefix = null;
            Set<String> run = EMPTY_ONLY;
            Best best = new Best();
            boolean anchored = false;
            boolean startDecided = false;
            for (Node item : items) {
                Info in = analyze(item, flags);
                if (!startDecided) {
                    if (in.anchored) {
                        anchored = true;
                        startDecided = true;
                    } else if (!in.emptyOnly()) {
                        startDecided = true;
                    }
                }
                if (in.exact != null) {
                    if (acc != null) {
                        Set<String> c = cross(acc, in.exact);
                        if (c == null) {
                            prefix = acc;
                        }
                        acc = c;
                    }
                    Set<String> r = cross(run, in.exact);
                    if (r == null) {
                        best.offer(run);
                        r = in.exact;
                    }
                    run = r;
                } else {
                    if (acc != null) {
                        Set<String> c = cross(acc, in.prefix);
                        prefix = c == null ? acc : c;
                        acc = null;
                    }
                    Set<String> r = cross(run, in.prefix);
                    if (r == null) {
                        best.offer(run);
                        best.offer(in.prefix);
                    } else {
                        best.offer(r);
                    }
                    best.offers(in.factors);
                    run = in.suffix;
                }
            }
            if (acc != null) {
                Info in = Info.exact(acc);
                in.anchored = anchored;
                return in;
            }
            best.offer(run);
            Info in = new Info();
            in.prefix = prefix;
            in.suffix = run;
            in.factors = best.sets();
            in.anchored = anchored;
            return in;
        }

        private Info alt(List<Node> branches, int flags) {
            List<Info> infos = new ArrayList<>(branches.size());
            for (Node b : branches) {
                infos.add(analyze(b, flags));
            }
            Info out = new Info();
            Set<String> exact = new TreeSet<>();
            Set<String> prefix = new TreeSet<>();
            Set<String> suffix = new TreeSet<>();
            Set<String> factor = new TreeSet<>();
            boolean anchored = true;
            for (Info in : infos) {
                anchored &= in.anchored;
                if (exact != null) {
                    if (in.exact == null) {
                        exact = null;
                    } else {
                        exact.addAll(in.exact);
                        if (exact.size() > MAX_STRINGS) {
                            exact = null;
                        }
                    }
                }
                prefix = prefix == null ? null : unionKnown(prefix, in.exact != null ? in.exact : in.prefix, false);
                suffix = suffix == null ? null : unionKnown(suffix, in.exact != null ? in.exact : in.suffix, true);
                if (factor != null) {
                    Best b = new Best();
                    b.offer(in.exact);
                    b.offers(in.factors);
                    b.offer(in.prefix);
                    b.offer(in.suffix);
                    factor = b.set == null ? null : union(factor, b.set, false);
                }
            }
            if (exact != null) {
                out = Info.exact(exact);
            } else {
                out.prefix = prefix == null ? EMPTY_ONLY : prefix;
                out.suffix = suffix == null ? EMPTY_ONLY : suffix;
                out.factors = usable(factor) ? List.of(factor) : List.of();
            }
            out.anchored = anchored;
            return out;
        }

        /** The union of prefix (or suffix) sets; null when nothing is known of one of them. */
        private static Set<String> unionKnown(Set<String> acc, Set<String> add, boolean fromEnd) {
            if (!usable(add)) {
                return null;
            }
            return union(acc, add, fromEnd);
        }

        private Info repeat(Repeat r, int flags) {
            Info body = analyze(r.body(), flags);
            if (r.max() == 0) {
                return Info.exact(EMPTY_ONLY);
            }
            if (body.exact != null && r.max() != Repeat.UNBOUNDED && r.max() <= MAX_REPEAT) {
                Set<String> all = new TreeSet<>();
                Set<String> power = EMPTY_ONLY;
                boolean ok = true;
                for (long k = 0; k <= r.max(); k++) {
                    if (k >= r.min()) {
                        all.addAll(power);
                    }
                    if (k < r.max()) {
                        power = cross(power, body.exact);
                        if (power == null) {
                            ok = false;
                            break;
                        }
                    }
                }
                if (ok && all.size() <= MAX_STRINGS) {
                    Info in = Info.exact(all);
                    in.anchored = r.min() >= 1 && body.anchored;
                    return in;
                }
            }
            Info in = new Info();
            if (r.min() >= 1) {
                in.prefix = body.exact != null ? body.exact : body.prefix;
                in.suffix = body.exact != null ? body.exact : body.suffix;
                Best b = new Best();
                b.offer(body.exact);
                b.offers(body.factors);
                in.factors = b.sets();
                in.anchored = body.anchored;
            }
            return in;
        }
    }

    /**
     * Which characters {@code java.util.regex} matches for a character under CASE_INSENSITIVE (with or without
     * UNICODE_CASE): it compares {@code Character.toLowerCase(Character.toUpperCase(c))} of both sides, or
     * upper/lower case pairs; the variants here are a superset of all of those.
     */
    static final class CaseFolding {

        private CaseFolding() {
        }

        /**
         * Every BMP character grouped by its fold, in arrays (built once, at the first case-insensitive literal:
         * a date template's month names in nearly every run; a map of boxed lists took 4-5 times as long).
         */
        private static final class Table {
            /** The characters of fold {@code f} (a BMP fold) are {@code MEMBERS[START[f], START[f + 1])}. */
            private static final int[] START = new int[0x10001];
            private static final char[] MEMBERS = new char[0x10000];
            /** The classes of folds above the BMP (none with Java 17's tables), by fold. */
            private static final Map<Integer, int[]> OTHER = new HashMap<>();

            static {
                int[] folds = new int[0x10000];
                for (int c = 0; c <= 0xFFFF; c++) {
                    int f = fold(c);
                    folds[c] = f;
                    if (f <= 0xFFFF) {
                        START[f + 1]++;
                    } else {
                        int[] old = OTHER.getOrDefault(f, new int[0]);
                        int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                        grown[old.length] = c;
                        OTHER.put(f, grown);
                    }
                }
                for (int f = 0; f < 0x10000; f++) {
                    START[f + 1] += START[f];
                }
                int[] next = START.clone();
                for (int c = 0; c <= 0xFFFF; c++) {
                    if (folds[c] <= 0xFFFF) {
                        MEMBERS[next[folds[c]]++] = (char) c;
                    }
                }
            }

            /** The characters (two or more) whose fold is {@code f}, in code order; null when fewer than two. */
            static int[] classOf(int f) {
                if (f < 0 || f > 0xFFFF) {
                    int[] other = OTHER.get(f);
                    return other != null && other.length > 1 ? other : null;
                }
                int from = START[f];
                int to = START[f + 1];
                if (to - from < 2) {
                    return null;
                }
                int[] out = new int[to - from];
                for (int i = 0; i < out.length; i++) {
                    out[i] = MEMBERS[from + i];
                }
                return out;
            }
        }

        static int fold(int c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }

        /**
         * @param cp a code point of the pattern
         * @return every character a case-insensitive match of {@code cp} may match, as one-character strings;
         *     null for a supplementary code point (not expanded)
         */
        static Set<String> variants(int cp) {
            if (Character.isSupplementaryCodePoint(cp)) {
                return null;
            }
            Set<Integer> cps = new java.util.HashSet<>();
            cps.add(cp);
            cps.add(Character.toUpperCase(cp));
            cps.add(Character.toLowerCase(cp));
            cps.add(Character.toTitleCase(cp));
            cps.add(fold(cp));
            for (int c : List.copyOf(cps)) {
                int[] cls = Table.classOf(fold(c));
                if (cls != null) {
                    for (int x : cls) {
                        cps.add(x);
                    }
                }
            }
            Set<String> out = new TreeSet<>();
            for (int c : cps) {
                if (Character.isSupplementaryCodePoint(c)) {
                    return null;
                }
                out.add(String.valueOf((char) c));
            }
            return out;
        }
    }
}
