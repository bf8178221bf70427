package org.fail2ban4j.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.regex.PyAst.Alt;
import org.fail2ban4j.regex.PyAst.Cond;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.GroupKind;
import org.fail2ban4j.regex.PyAst.Lit;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.Seq;

/**
 * What the rest of a pattern needs from the text once a group that a conditional tests has matched, for the
 * {@link Backtracker} to give up a path at the group's end when the text after it lacks a string the rest of the
 * pattern must match: the rest is known to take the {@code yes} branch of {@code (?(g)yes|no)}.
 *
 * <p>The case it is for, stock {@code sshd.conf}:
 * {@code for (?P<cond_inv>invalid user )?(?P<user>(?P<cond_user>\S+)|...) from <HOST>...(?(cond_user): |...)}: with
 * {@code cond_user} taken, a match must find {@code ": "} after the host; on a line without it the first branch
 * otherwise fails only after backtracking through every way of matching the host and the port (two thirds of
 * the work on a {@code Failed password} line).
 *
 * <p>Why the check is exact: at the end of group {@code g} (not inside a repeat, an atomic group or a
 * look-around, so that it is not matched again and failing a path there cannot make an enclosing construct commit
 * to another path than it would have), every match that goes on from here matches the rest of the pattern from the
 * current position with {@code g} set; the strings are ones every match of that rest contains (consecutive
 * literals, in every branch of an alternation, in a repeat of at least one turn), so they occur at or after the
 * current position in any text where the rest can match. Giving up the path when one does not occur there only
 * skips work that would fail. Patterns with case-insensitive parts are left alone.
 *
 * <p>The strings are found here rather than by {@link LiteralPrefilter}, which keeps only the most selective sets
 * of a whole pattern and drops short strings: here every string counts ({@code ": "} is the one that decides).
 */
final class CondRequirements {

    private CondRequirements() {
    }

    /**
     * @param root a parsed pattern
     * @param flags its global flags
     * @return for each Python group number that gets a check: the sets of strings the text must contain from the
     *     group's end on (one of each set); empty for most patterns
     */
    static Map<Integer, String[][]> of(Node root, int flags) {
        Set<Integer> tested = new HashSet<>();
        if ((flags & PyFlags.IGNORECASE) != 0 || !collect(root, tested) || tested.isEmpty()) {
            return Map.of();
        }
        Map<Integer, String[][]> out = new HashMap<>();
        visit(root, new ArrayDeque<>(), tested, out);
        return out;
    }

    /** Collects the groups conditionals test; false when a part is case-insensitive. */
    private static boolean collect(Node n, Set<Integer> tested) {
        if (n instanceof Cond) {
            Cond c = (Cond) n;
            tested.add(c.pyGroup());
            return collect(c.yes(), tested) && (c.no() == null || collect(c.no(), tested));
        }
        if (n instanceof Group) {
            Group g = (Group) n;
            return (g.flags() & PyFlags.IGNORECASE) == 0 && collect(g.body(), tested);
        }
        for (Node child : children(n)) {
            if (!collect(child, tested)) {
                return false;
            }
        }
        return true;
    }

    private static List<Node> children(Node n) {
        if (n instanceof Seq) {
            return ((Seq) n).items();
        }
        if (n instanceof Alt) {
            return ((Alt) n).branches();
        }
        if (n instanceof Group) {
            return List.of(((Group) n).body());
        }
        if (n instanceof Repeat) {
            return List.of(((Repeat) n).body());
        }
        if (n instanceof Cond) {
            Cond c = (Cond) n;
            return c.no() == null ? List.of(c.yes()) : List.of(c.yes(), c.no());
        }
        return List.of();
    }

    private static void visit(Node n, Deque<Node> ancestors, Set<Integer> tested, Map<Integer, String[][]> out) {
        if (n instanceof Group) {
            Group g = (Group) n;
            if (g.kind() == GroupKind.CAPTURE && tested.contains(g.pyIndex()) && eligible(ancestors)) {
                Node rest = rest(n, ancestors);
                List<String[]> req = required(resolve(rest, g.pyIndex()));
                // only where knowing the group adds something: the others hold for the whole rest anyway
                if (!req.isEmpty() && !same(req, required(rest))) {
                    out.put(g.pyIndex(), req.toArray(new String[0][]));
                }
            }
        }
        ancestors.push(n);
        for (Node child : children(n)) {
            visit(child, ancestors, tested, out);
        }
        ancestors.pop();
    }

    /** No repeat, atomic group or look-around around the group. */
    private static boolean eligible(Deque<Node> ancestors) {
        for (Node a : ancestors) {
            if (a instanceof Repeat) {
                return false;
            }
            if (a instanceof Group && ((Group) a).kind() != GroupKind.CAPTURE
                    && ((Group) a).kind() != GroupKind.NON_CAPTURE) {
                return false;
            }
        }
        return true;
    }

    /** What the pattern matches after {@code node}: the items after it in each enclosing sequence, innermost first. */
    private static Node rest(Node node, Deque<Node> ancestors) {
        List<Node> items = new ArrayList<>();
        Node child = node;
        for (Node a : ancestors) { // innermost first
            if (a instanceof Seq) {
                List<Node> seq = ((Seq) a).items();
                int i = 0;
                while (seq.get(i) != child) {
                    i++;
                }
                items.addAll(seq.subList(i + 1, seq.size()));
            }
            child = a;
        }
        return new Seq(items);
    }

    /** The node with every conditional on group {@code g} replaced by its {@code yes} branch. */
    private static Node resolve(Node n, int g) {
        if (n instanceof Cond) {
            Cond c = (Cond) n;
            if (c.pyGroup() == g) {
                return resolve(c.yes(), g);
            }
            return new Cond(c.pyGroup(), resolve(c.yes(), g), c.no() == null ? null : resolve(c.no(), g));
        }
        if (n instanceof Seq) {
            List<Node> items = new ArrayList<>();
            for (Node i : ((Seq) n).items()) {
                items.add(resolve(i, g));
            }
            return new Seq(items);
        }
        if (n instanceof Alt) {
            List<Node> branches = new ArrayList<>();
            for (Node b : ((Alt) n).branches()) {
                branches.add(resolve(b, g));
            }
            return new Alt(branches);
        }
        if (n instanceof Group) {
            Group gr = (Group) n;
            return new Group(gr.kind(), gr.pyIndex(), gr.name(), gr.flags(), resolve(gr.body(), g));
        }
        if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            return new Repeat(resolve(r.body(), g), r.min(), r.max(), r.mode());
        }
        return n;
    }

    /**
     * Strings every match of {@code n} contains: a list of sets, one string of each set occurs in the matched
     * text. Consecutive literals make one string; anything else (classes, optional parts, look-arounds,
     * back-references) ends it and adds nothing.
     */
    static List<String[]> required(Node n) {
        List<String[]> out = new ArrayList<>();
        if (n instanceof Seq) {
            StringBuilder run = new StringBuilder();
            for (Node item : ((Seq) n).items()) {
                if (item instanceof Lit) {
                    run.appendCodePoint(((Lit) item).codePoint());
                    continue;
                }
                flush(run, out);
                out.addAll(required(item));
            }
            flush(run, out);
        } else if (n instanceof Lit) {
            out.add(new String[] {new String(Character.toChars(((Lit) n).codePoint()))});
        } else if (n instanceof Group) {
            Group g = (Group) n;
            if (g.kind().consumes()) {
                out.addAll(required(g.body()));
            }
        } else if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            if (r.min() >= 1) {
                out.addAll(required(r.body()));
            }
        } else if (n instanceof Alt) {
            out.addAll(either(((Alt) n).branches()));
        } else if (n instanceof Cond) {
            Cond c = (Cond) n;
            if (c.no() != null) {
                out.addAll(either(List.of(c.yes(), c.no())));
            }
        }
        return out;
    }

    /** One string of any branch's first set: what an alternation requires when each branch requires something. */
    private static List<String[]> either(List<Node> branches) {
        Set<String> any = new LinkedHashSet<>();
        for (Node b : branches) {
            List<String[]> r = required(b);
            if (r.isEmpty()) {
                return List.of();
            }
            any.addAll(List.of(r.get(0)));
        }
        return List.<String[]>of(any.toArray(new String[0]));
    }

    private static void flush(StringBuilder run, List<String[]> out) {
        if (run.length() > 0) {
            out.add(new String[] {run.toString()});
            run.setLength(0);
        }
    }

    private static boolean same(List<String[]> a, List<String[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text contains, at or after {@code from}, a string of each set.
     *
     * @param text the searched text
     * @param from where the rest of the pattern starts
     * @param sets the sets of {@link #of}
     */
    static boolean holds(String text, int from, String[][] sets) {
        for (String[] set : sets) {
            boolean found = false;
            for (String s : set) {
                if (text.indexOf(s, from) >= 0) {
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
}
