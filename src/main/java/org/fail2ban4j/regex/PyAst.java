package org.fail2ban4j.regex;

import java.util.List;

/**
 * The parsed form of a Python pattern (our counterpart of the {@code SubPattern} lists of Python 3.11
 * {@code re/_parser.py}). Nodes carry the flag state they were parsed under where the translation depends on it.
 */
final class PyAst {

    private PyAst() {
    }

    /** A node of the parsed pattern. */
    sealed interface Node permits Lit, AnyChar, At, CharSet, Cat, Seq, Alt, Group, Repeat, BackRef, Cond {
    }

    /** One literal code point. */
    record Lit(int codePoint) implements Node {
    }

    /** {@code .}: any code point but {@code \n}, or any at all under DOTALL (decided by the enclosing flags). */
    record AnyChar() implements Node {
    }

    /** Zero-width assertions that Python calls {@code AT}. */
    enum AtKind {
        /** {@code ^} without MULTILINE. */
        BEGINNING,
        /** {@code ^} with MULTILINE. */
        BEGINNING_LINE,
        /** {@code $} without MULTILINE. */
        END,
        /** {@code $} with MULTILINE. */
        END_LINE,
        /** {@code \A}. */
        BEGINNING_STRING,
        /** {@code \Z}. */
        END_STRING,
        /** {@code \b}. */
        BOUNDARY,
        /** {@code \B}. */
        NON_BOUNDARY
    }

    /** A zero-width {@code AT} assertion; {@code ascii} matters for the word boundaries only. */
    record At(AtKind kind, boolean ascii) implements Node {
    }

    /** The class escapes {@code \d \D \s \S \w \W}. */
    enum CatKind {
        DIGIT, NOT_DIGIT, SPACE, NOT_SPACE, WORD, NOT_WORD
    }

    /** A class escape outside a set. */
    record Cat(CatKind kind, boolean ascii) implements Node {
    }

    /** One member of a {@code [...]} set. */
    sealed interface SetItem permits SetLit, SetRange, SetCat {
    }

    /** A literal member of a set. */
    record SetLit(int codePoint) implements SetItem {
    }

    /** A range {@code lo-hi} of a set. */
    record SetRange(int lo, int hi) implements SetItem {
    }

    /** A class escape inside a set. */
    record SetCat(CatKind kind, boolean ascii) implements SetItem {
    }

    /** {@code [...]} or {@code [^...]}. */
    record CharSet(boolean negated, List<SetItem> items) implements Node {
        CharSet {
            items = List.copyOf(items);
        }
    }

    /** A concatenation. */
    record Seq(List<Node> items) implements Node {
        Seq {
            items = List.copyOf(items);
        }
    }

    /** An alternation of at least two branches. */
    record Alt(List<Node> branches) implements Node {
        Alt {
            branches = List.copyOf(branches);
        }
    }

    /** What kind of parenthesised construct a {@link Group} is. */
    enum GroupKind {
        CAPTURE, NON_CAPTURE, ATOMIC, LOOKAHEAD, NEG_LOOKAHEAD, LOOKBEHIND, NEG_LOOKBEHIND;

        /** Whether the construct matches text (the look-arounds only look). */
        boolean consumes() {
            return this == CAPTURE || this == NON_CAPTURE || this == ATOMIC;
        }
    }

    /**
     * A parenthesised construct.
     *
     * @param kind the construct
     * @param pyIndex the Python group number for {@link GroupKind#CAPTURE}, else 0
     * @param name the Python group name, or null
     * @param flags the Python flags in effect inside the group
     * @param body the contents
     */
    record Group(GroupKind kind, int pyIndex, String name, int flags, Node body) implements Node {
    }

    /** How a repeat matches. */
    enum RepeatMode {
        GREEDY, LAZY, POSSESSIVE
    }

    /**
     * A repeat {@code body{min,max}}; {@code max == UNBOUNDED} for no upper bound.
     */
    record Repeat(Node body, long min, long max, RepeatMode mode) implements Node {
        static final long UNBOUNDED = -1;
    }

    /** A back-reference to a Python group number. */
    record BackRef(int pyGroup) implements Node {
    }

    /** {@code (?(g)yes|no)}; {@code no} is null when the pattern has no {@code |no} part. */
    record Cond(int pyGroup, Node yes, Node no) implements Node {
    }

    /**
     * Whether the test holds for a node or any node inside it (depth first, the node before its parts; stops at the
     * first that holds).
     */
    static boolean anyNode(Node n, java.util.function.Predicate<Node> test) {
        if (test.test(n)) {
            return true;
        }
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (anyNode(c, test)) {
                    return true;
                }
            }
        } else if (n instanceof Alt) {
            for (Node c : ((Alt) n).branches()) {
                if (anyNode(c, test)) {
                    return true;
                }
            }
        } else if (n instanceof Group) {
            return anyNode(((Group) n).body(), test);
        } else if (n instanceof Repeat) {
            return anyNode(((Repeat) n).body(), test);
        } else if (n instanceof Cond) {
            Cond c = (Cond) n;
            return anyNode(c.yes(), test) || (c.no() != null && anyNode(c.no(), test));
        }
        return false;
    }

    /** Python's {@code MAXREPEAT} (repeat counts must be below it). */
    static final long MAXREPEAT = 4294967295L;

    /**
     * Python's {@code getwidth()}: the least and most characters a node matches, capped at {@link #MAXREPEAT}.
     *
     * @param backRefWidth the width of a back-reference to a group number
     */
    static long[] width(Node n, java.util.function.IntFunction<long[]> backRefWidth) {
        if (n instanceof Lit || n instanceof AnyChar || n instanceof CharSet || n instanceof Cat) {
            return new long[] {1, 1};
        }
        if (n instanceof At) {
            return new long[] {0, 0};
        }
        if (n instanceof Seq) {
            long lo = 0;
            long hi = 0;
            for (Node c : ((Seq) n).items()) {
                long[] w = width(c, backRefWidth);
                lo = sat(lo + w[0]);
                hi = sat(hi + w[1]);
            }
            return cap(lo, hi);
        }
        if (n instanceof Alt) {
            long lo = MAXREPEAT - 1;
            long hi = 0;
            for (Node c : ((Alt) n).branches()) {
                long[] w = width(c, backRefWidth);
                lo = Math.min(lo, w[0]);
                hi = Math.max(hi, w[1]);
            }
            return cap(lo, hi);
        }
        if (n instanceof Group) {
            Group g = (Group) n;
            return g.kind().consumes() ? width(g.body(), backRefWidth) : new long[] {0, 0};
        }
        if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            long[] w = width(r.body(), backRefWidth);
            long max = r.max() == Repeat.UNBOUNDED ? MAXREPEAT : r.max();
            return cap(sat(mul(w[0], r.min())), sat(mul(w[1], max)));
        }
        if (n instanceof BackRef) {
            return backRefWidth.apply(((BackRef) n).pyGroup());
        }
        Cond c = (Cond) n;
        long[] yes = width(c.yes(), backRefWidth);
        long lo = yes[0];
        long hi = yes[1];
        if (c.no() != null) {
            long[] no = width(c.no(), backRefWidth);
            lo = Math.min(lo, no[0]);
            hi = Math.max(hi, no[1]);
        } else {
            lo = 0;
        }
        return cap(lo, hi);
    }

    private static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (a > Long.MAX_VALUE / b) {
            return Long.MAX_VALUE / 4;
        }
        return a * b;
    }

    private static long sat(long v) {
        return Math.min(v, Long.MAX_VALUE / 4);
    }

    private static long[] cap(long lo, long hi) {
        return new long[] {Math.min(lo, MAXREPEAT - 1), Math.min(hi, MAXREPEAT)};
    }
}
