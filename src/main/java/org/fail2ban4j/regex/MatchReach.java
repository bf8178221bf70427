package org.fail2ban4j.regex;

import org.fail2ban4j.regex.PyAst.Alt;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.Cond;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.Seq;

/**
 * How far into a text a pattern anchored at its start can look: a bound on the characters a search examines, so
 * that two texts that agree on those characters (and are both at least that long) have the same search result.
 *
 * <p>The bound counts code points consumed and looked at by look-aheads and assertions, doubled for surrogate
 * pairs, plus a margin for the assertions' translations ({@code $} looks at up to two characters). Unbounded
 * repeats and back-references have no bound.
 */
final class MatchReach {

    /** Returned when there is no bound. */
    static final int UNBOUNDED = -1;
    private static final long INFINITE = Long.MAX_VALUE / 4;
    private static final int MARGIN = 2;

    private MatchReach() {
    }

    /**
     * @param root the parsed pattern
     * @param anchored whether every match starts at index 0 ({@link LiteralPrefilter#anchored()})
     * @return the number of characters from index 0 that decide a search of the whole text, or
     *     {@link #UNBOUNDED}
     */
    static int of(Node root, boolean anchored) {
        if (!anchored) {
            return UNBOUNDED;
        }
        long[] r = reach(root);
        long chars = 2 * r[1] + MARGIN;
        return r[1] >= INFINITE || chars > Integer.MAX_VALUE / 2 ? UNBOUNDED : (int) chars;
    }

    private static long add(long a, long b) {
        return a >= INFINITE || b >= INFINITE ? INFINITE : Math.min(INFINITE, a + b);
    }

    private static long mul(long a, long n) {
        if (a == 0 || n == 0) {
            return 0;
        }
        return a >= INFINITE || n >= INFINITE || a > INFINITE / n ? INFINITE : a * n;
    }

    /** {code points consumed at most, code points examined at most} from the node's start. */
    private static long[] reach(Node n) {
        if (n instanceof Seq) {
            long adv = 0;
            long exam = 0;
            for (Node c : ((Seq) n).items()) {
                long[] r = reach(c);
                exam = Math.max(exam, add(adv, r[1]));
                adv = add(adv, r[0]);
            }
            return new long[] {adv, Math.max(exam, adv)};
        }
        if (n instanceof Alt) {
            long adv = 0;
            long exam = 0;
            for (Node c : ((Alt) n).branches()) {
                long[] r = reach(c);
                adv = Math.max(adv, r[0]);
                exam = Math.max(exam, r[1]);
            }
            return new long[] {adv, exam};
        }
        if (n instanceof Cond) {
            Cond c = (Cond) n;
            long[] y = reach(c.yes());
            long[] no = c.no() == null ? new long[] {0, 0} : reach(c.no());
            return new long[] {Math.max(y[0], no[0]), Math.max(y[1], no[1])};
        }
        if (n instanceof Group) {
            Group g = (Group) n;
            long[] b = reach(g.body());
            switch (g.kind()) {
                case CAPTURE:
                case NON_CAPTURE:
                case ATOMIC:
                    return b;
                default:
                    // look-arounds consume nothing; a look-behind starts before this point, so its reach from
                    // here is at most the one of its body
                    return new long[] {0, b[1]};
            }
        }
        if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            long[] b = reach(r.body());
            if (r.max() == Repeat.UNBOUNDED) {
                return b[0] == 0 && b[1] == 0 ? b : new long[] {INFINITE, INFINITE};
            }
            long adv = mul(b[0], r.max());
            return new long[] {adv, add(adv, b[1])};
        }
        if (n instanceof At) {
            return new long[] {0, 2};
        }
        if (n instanceof PyAst.BackRef) {
            return new long[] {INFINITE, INFINITE};
        }
        // a literal, a class, any character: one code point
        return new long[] {1, 1};
    }
}
