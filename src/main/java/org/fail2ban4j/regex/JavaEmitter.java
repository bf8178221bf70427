package org.fail2ban4j.regex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fail2ban4j.regex.PyAst.Alt;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.BackRef;
import org.fail2ban4j.regex.PyAst.Cat;
import org.fail2ban4j.regex.PyAst.CatKind;
import org.fail2ban4j.regex.PyAst.CharSet;
import org.fail2ban4j.regex.PyAst.Cond;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.GroupKind;
import org.fail2ban4j.regex.PyAst.Lit;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.RepeatMode;
import org.fail2ban4j.regex.PyAst.Seq;
import org.fail2ban4j.regex.PyAst.SetCat;
import org.fail2ban4j.regex.PyAst.SetItem;
import org.fail2ban4j.regex.PyAst.SetLit;
import org.fail2ban4j.regex.PyAst.SetRange;

/**
 * Writes a parsed Python pattern as a {@code java.util.regex} pattern with the same matches.
 *
 * <p>What it does, construct by construct:
 * <ul>
 * <li>Every literal is escaped ({@code \x{..}} or a backslash), so nothing Java reads differently (such as
 * {@code [} and {@code &&} inside a class, or {@code #}) survives; sets are rebuilt item by item.</li>
 * <li>{@code \d \w \s} become explicit classes equal to Python's Unicode (or ASCII) sets; {@code \b} and
 * {@code \B} become look-arounds on Python's word set (Java's {@code \b} treats combining marks differently),
 * and {@code \B} never matches the empty string, as in Python 3.11.</li>
 * <li>{@code ^} with MULTILINE becomes {@code (?<![^\n])} (Java's does not match after a final newline),
 * {@code $} becomes {@code (?=\n?\z)} or {@code (?=\n|\z)}, {@code \Z} becomes {@code \z}.</li>
 * <li>Case-insensitivity and DOTALL are mirrored with Java's inline {@code i}, {@code u} and {@code s} flags;
 * {@code .} relies on {@link Pattern#UNIX_LINES}.</li>
 * <li>Capturing groups keep their order; a group that a conditional refers to gets an empty marker group at its
 * end, and {@code (?(g)A|B)} becomes {@code (?:(?:\m)A|(?!\m)B)}: a back-reference to an empty group that took
 * part always matches, one to a group that did not always fails.</li>
 * <li>{@code java.util.regex} does not undo captures made inside a construct that matches on its own and then
 * hands over to the rest of the pattern (a look-around, an atomic group, a possessive repeat, and the
 * {@code GroupCurly} shortcut it takes for repeats of fixed-width groups) when it later backtracks past it.
 * Repeats of groups holding captures therefore get an empty never-matching optional {@code (?!)?} that keeps
 * Java on its general loop, which does undo them. Captures inside a negative look-around are reported as not
 * taking part (Python discards them). Captures inside a positive look-around, atomic group or possessive repeat
 * are accepted when that construct is not inside a repeat and the capture must take part whenever the construct
 * matches: an empty guard group in front of the construct tells whether it is part of the final match. Other
 * captures there are refused.</li>
 * </ul>
 */
final class JavaEmitter {

    static final String UNICODE_WORD = "\\p{L}\\p{N}_";
    static final String ASCII_WORD = "a-zA-Z0-9_";
    /**
     * Python's Unicode {@code \s} ({@code str.isspace()}): {@link Character#isWhitespace(int)} plus the
     * non-breaking spaces it leaves out. One property test instead of a chain of ranges: several times faster.
     */
    static final String UNICODE_SPACE = "\\p{javaWhitespace}\\x{85}\\x{a0}\\x{2007}\\x{202f}";
    static final String ASCII_SPACE = "\\t-\\r\\x{20}";

    private static final int J_I = 1;
    private static final int J_U = 2;
    private static final int J_S = 4;

    /** The translation. */
    record Result(String javaPattern, int javaFlags, int[] pyToJava, int[] guards, int javaGroupCount) {
    }

    /** Marks a Python group that never takes part in a match (it lies inside a negative look-around). */
    static final int NEVER = -1;

    private static final String NONDET = "(?!)?";

    private final StringBuilder out = new StringBuilder();
    private final Set<Integer> condRefs;
    private final List<String> names;
    private final int[] pyToJava;
    private final int[] markerOf;
    private final String source;
    private int javaGroups;
    private int jflags;

    // analysis of captures inside sealed constructs
    private final Map<Node, Integer> constructIds = new IdentityHashMap<>();
    private final int[] negOwner;
    private final int[] sealedOwner;
    private final boolean[] dropped;
    private final Set<Integer> needsGuard = new HashSet<>();
    private final Map<Integer, Integer> guardGroup = new java.util.HashMap<>();
    private final Deque<Integer> open = new ArrayDeque<>();

    private JavaEmitter(String source, PyParser.Parsed parsed) {
        this.source = source;
        this.condRefs = parsed.condRefs();
        this.names = parsed.groupNames();
        this.pyToJava = new int[parsed.groupCount() + 1];
        this.markerOf = new int[parsed.groupCount() + 1];
        this.negOwner = new int[parsed.groupCount() + 1];
        this.sealedOwner = new int[parsed.groupCount() + 1];
        this.dropped = new boolean[parsed.groupCount() + 1];
    }

    static Result emit(String source, PyParser.Parsed parsed) {
        JavaEmitter e = new JavaEmitter(source, parsed);
        e.analyze(parsed.root(), 0, 0, false, false, true);
        e.jflags = javaFlagsOf(parsed.flags());
        int base = Pattern.UNIX_LINES;
        if ((e.jflags & J_I) != 0) {
            base |= Pattern.CASE_INSENSITIVE;
        }
        if ((e.jflags & J_U) != 0) {
            base |= Pattern.UNICODE_CASE;
        }
        if ((e.jflags & J_S) != 0) {
            base |= Pattern.DOTALL;
        }
        e.node(parsed.root());
        int[] guards = new int[e.pyToJava.length];
        for (int g = 1; g < e.pyToJava.length; g++) {
            if (e.negOwner[g] != 0 || e.dropped[g]) {
                e.pyToJava[g] = NEVER;
            } else if (e.sealedOwner[g] != 0) {
                guards[g] = e.guardGroup.get(e.sealedOwner[g]);
            }
        }
        return new Result(e.out.toString(), base, e.pyToJava, guards, e.javaGroups);
    }

    private RegexSyntaxException refuse(String message) {
        return new RegexSyntaxException(source, -1, message);
    }

    private String groupLabel(int pyGroup) {
        String name = names.get(pyGroup);
        return "group " + pyGroup + (name == null ? "" : " (" + PyStrings.repr(name) + ")");
    }

    private int idOf(Node n) {
        return constructIds.computeIfAbsent(n, k -> constructIds.size() + 1);
    }

    /**
     * Finds captures inside negative look-arounds (reported as not taking part) and inside positive look-arounds,
     * atomic groups and possessive repeats (accepted only where they are exact, see the class comment).
     *
     * @param neg id of the innermost enclosing negative look-around, or 0
     * @param sealed id of the outermost enclosing positive look-around, atomic group or possessive repeat, or 0
     * @param inLoop whether a repeat of more than one iteration encloses this point (outside {@code sealed})
     * @param loopAboveSealed whether such a repeat encloses {@code sealed}
     * @param mandatory whether, inside {@code sealed}, this point is reached whenever {@code sealed} matches
     */
    private void analyze(Node n, int neg, int sealed, boolean inLoop, boolean loopAboveSealed, boolean mandatory) {
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                analyze(c, neg, sealed, inLoop, loopAboveSealed, mandatory);
            }
        } else if (n instanceof Alt) {
            for (Node c : ((Alt) n).branches()) {
                analyze(c, neg, sealed, inLoop, loopAboveSealed, false);
            }
        } else if (n instanceof Cond) {
            Cond c = (Cond) n;
            analyze(c.yes(), neg, sealed, inLoop, loopAboveSealed, false);
            if (c.no() != null) {
                analyze(c.no(), neg, sealed, inLoop, loopAboveSealed, false);
            }
        } else if (n instanceof Repeat) {
            Repeat r = (Repeat) n;
            boolean many = r.max() == Repeat.UNBOUNDED || r.max() > 1;
            boolean must = mandatory && r.min() >= 1;
            if (r.mode() == RepeatMode.POSSESSIVE && neg == 0 && sealed == 0) {
                analyze(r.body(), 0, idOf(n), inLoop, inLoop, r.min() >= 1);
            } else {
                analyze(r.body(), neg, sealed, inLoop || many, loopAboveSealed, must);
            }
        } else if (n instanceof Group) {
            Group g = (Group) n;
            switch (g.kind()) {
                case CAPTURE:
                    if (neg != 0) {
                        negOwner[g.pyIndex()] = neg;
                    } else if (sealed != 0) {
                        if (loopAboveSealed || !mandatory) {
                            throw refuse(groupLabel(g.pyIndex()) + " inside a look-around, atomic group or "
                                    + "possessive repeat is supported only where it must take part whenever that "
                                    + "construct matches and the construct is not repeated: java.util.regex does "
                                    + "not undo such captures on backtracking");
                        }
                        sealedOwner[g.pyIndex()] = sealed;
                        needsGuard.add(sealed);
                    }
                    analyze(g.body(), neg, sealed, inLoop, loopAboveSealed, mandatory);
                    break;
                case NEG_LOOKAHEAD:
                case NEG_LOOKBEHIND:
                    analyze(g.body(), idOf(n), 0, inLoop, false, true);
                    break;
                case LOOKAHEAD:
                case LOOKBEHIND:
                case ATOMIC:
                    if (neg == 0 && sealed == 0) {
                        analyze(g.body(), 0, idOf(n), inLoop, inLoop, true);
                    } else {
                        analyze(g.body(), neg, sealed, inLoop, loopAboveSealed, mandatory);
                    }
                    break;
                default:
                    analyze(g.body(), neg, sealed, inLoop, loopAboveSealed, mandatory);
                    break;
            }
        }
    }

    private static boolean containsCapture(Node n, Set<Integer> condRefs) {
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (containsCapture(c, condRefs)) {
                    return true;
                }
            }
            return false;
        }
        if (n instanceof Alt) {
            for (Node c : ((Alt) n).branches()) {
                if (containsCapture(c, condRefs)) {
                    return true;
                }
            }
            return false;
        }
        if (n instanceof Group) {
            Group g = (Group) n;
            return g.kind() == GroupKind.CAPTURE || containsCapture(g.body(), condRefs);
        }
        if (n instanceof Repeat) {
            return containsCapture(((Repeat) n).body(), condRefs);
        }
        if (n instanceof Cond) {
            Cond c = (Cond) n;
            return containsCapture(c.yes(), condRefs) || (c.no() != null && containsCapture(c.no(), condRefs));
        }
        return false;
    }

    private static int javaFlagsOf(int pyFlags) {
        int f = 0;
        if ((pyFlags & PyFlags.IGNORECASE) != 0) {
            f |= J_I;
        }
        if ((pyFlags & PyFlags.ASCII) == 0) {
            f |= J_U;
        }
        if ((pyFlags & PyFlags.DOTALL) != 0) {
            f |= J_S;
        }
        return f;
    }

    private static String letters(int jf) {
        StringBuilder sb = new StringBuilder();
        if ((jf & J_I) != 0) {
            sb.append('i');
        }
        if ((jf & J_U) != 0) {
            sb.append('u');
        }
        if ((jf & J_S) != 0) {
            sb.append('s');
        }
        return sb.toString();
    }

    /** Whether {@code name} can be a Java group name: an ASCII letter, then ASCII letters and digits. */
    static boolean isJavaGroupName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private void node(Node n) {
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (c instanceof Alt) {
                    out.append("(?:");
                    node(c);
                    out.append(')');
                } else {
                    node(c);
                }
            }
        } else if (n instanceof Alt) {
            List<Node> branches = ((Alt) n).branches();
            for (int i = 0; i < branches.size(); i++) {
                if (i > 0) {
                    out.append('|');
                }
                node(branches.get(i));
            }
        } else if (n instanceof Lit) {
            literal(((Lit) n).codePoint());
        } else if (n instanceof AnyChar) {
            out.append('.');
        } else if (n instanceof At) {
            at((At) n);
        } else if (n instanceof Cat) {
            Cat c = (Cat) n;
            category(c.kind(), c.ascii());
        } else if (n instanceof CharSet) {
            charSet((CharSet) n);
        } else if (n instanceof Group) {
            group((Group) n, false);
        } else if (n instanceof Repeat) {
            repeat((Repeat) n);
        } else if (n instanceof BackRef) {
            backRefNode((BackRef) n);
        } else {
            cond((Cond) n, false);
        }
    }

    private void backRef(int javaGroup) {
        out.append("(?:\\").append(javaGroup).append(')');
    }

    private void literal(int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ') {
            out.append((char) cp);
        } else if (cp > 0x20 && cp < 0x7f) {
            out.append('\\').append((char) cp);
        } else {
            hex(cp);
        }
    }

    private void classLiteral(int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            out.append((char) cp);
        } else {
            hex(cp);
        }
    }

    private void hex(int cp) {
        out.append("\\x{").append(Integer.toHexString(cp)).append('}');
    }

    private static String wordSet(boolean ascii) {
        return ascii ? ASCII_WORD : UNICODE_WORD;
    }

    private void at(At a) {
        switch (a.kind()) {
            case BEGINNING:
                out.append("^");
                break;
            case BEGINNING_LINE:
                out.append("(?<![^\\n])");
                break;
            case END:
                out.append("(?=\\n?\\z)");
                break;
            case END_LINE:
                out.append("(?=\\n|\\z)");
                break;
            case BEGINNING_STRING:
                out.append("\\A");
                break;
            case END_STRING:
                out.append("\\z");
                break;
            case BOUNDARY: {
                String w = wordSet(a.ascii());
                out.append("(?:(?<=[").append(w).append("])(?![").append(w).append("])|(?<![").append(w)
                        .append("])(?=[").append(w).append("]))");
                break;
            }
            default: {
                String w = wordSet(a.ascii());
                out.append("(?!\\A\\z)(?:(?<=[").append(w).append("])(?=[").append(w).append("])|(?<![")
                        .append(w).append("])(?![").append(w).append("]))");
                break;
            }
        }
    }

    private void category(CatKind kind, boolean ascii) {
        switch (kind) {
            case DIGIT:
                out.append(ascii ? "[0-9]" : "\\p{Nd}");
                break;
            case NOT_DIGIT:
                out.append(ascii ? "[^0-9]" : "\\P{Nd}");
                break;
            case SPACE:
                out.append('[').append(ascii ? ASCII_SPACE : UNICODE_SPACE).append(']');
                break;
            case NOT_SPACE:
                out.append("[^").append(ascii ? ASCII_SPACE : UNICODE_SPACE).append(']');
                break;
            case WORD:
                out.append('[').append(wordSet(ascii)).append(']');
                break;
            default:
                out.append("[^").append(wordSet(ascii)).append(']');
                break;
        }
    }

    private void setCategory(CatKind kind, boolean ascii) {
        switch (kind) {
            case DIGIT:
                out.append(ascii ? "0-9" : "\\p{Nd}");
                break;
            case NOT_DIGIT:
                out.append(ascii ? "[^0-9]" : "\\P{Nd}");
                break;
            case SPACE:
                out.append(ascii ? ASCII_SPACE : UNICODE_SPACE);
                break;
            case NOT_SPACE:
                out.append("[^").append(ascii ? ASCII_SPACE : UNICODE_SPACE).append(']');
                break;
            case WORD:
                out.append(wordSet(ascii));
                break;
            default:
                out.append("[^").append(wordSet(ascii)).append(']');
                break;
        }
    }

    private void charSet(CharSet set) {
        out.append(set.negated() ? "[^" : "[");
        for (SetItem item : set.items()) {
            if (item instanceof SetLit) {
                classLiteral(((SetLit) item).codePoint());
            } else if (item instanceof SetRange) {
                SetRange r = (SetRange) item;
                classLiteral(r.lo());
                out.append('-');
                classLiteral(r.hi());
            } else {
                SetCat c = (SetCat) item;
                setCategory(c.kind(), c.ascii());
            }
        }
        out.append(']');
    }

    private void group(Group g, boolean nondet) {
        Integer id = constructIds.get(g);
        boolean guarded = id != null && needsGuard.contains(id);
        if (guarded) {
            out.append("(?:()");
            guardGroup.put(id, ++javaGroups);
        }
        if (id != null) {
            open.push(id);
        }
        switch (g.kind()) {
            case CAPTURE: {
                int jg = ++javaGroups;
                pyToJava[g.pyIndex()] = jg;
                String name = names.get(g.pyIndex());
                out.append(isJavaGroupName(name) ? "(?<" + name + ">" : "(");
                if (condRefs.contains(g.pyIndex())) {
                    wrapAlt(g.body());
                    out.append("()");
                    markerOf[g.pyIndex()] = ++javaGroups;
                } else {
                    node(g.body());
                }
                break;
            }
            case NON_CAPTURE: {
                int target = javaFlagsOf(g.flags());
                if (target == jflags) {
                    out.append("(?:");
                    if (nondet) {
                        wrapAlt(g.body());
                    } else {
                        node(g.body());
                    }
                } else {
                    int saved = jflags;
                    String on = letters(target & ~saved);
                    String off = letters(saved & ~target);
                    out.append("(?").append(on);
                    if (!off.isEmpty()) {
                        out.append('-').append(off);
                    }
                    out.append(':');
                    jflags = target;
                    if (nondet) {
                        wrapAlt(g.body());
                    } else {
                        node(g.body());
                    }
                    jflags = saved;
                }
                break;
            }
            case ATOMIC:
                out.append("(?>");
                node(g.body());
                break;
            case LOOKAHEAD:
                out.append("(?=");
                node(g.body());
                break;
            case NEG_LOOKAHEAD:
                out.append("(?!");
                node(g.body());
                break;
            case LOOKBEHIND:
                out.append("(?<=");
                node(g.body());
                break;
            default:
                out.append("(?<!");
                node(g.body());
                break;
        }
        if (nondet) {
            out.append(NONDET);
        }
        out.append(')');
        if (id != null) {
            open.pop();
        }
        if (guarded) {
            out.append(')');
        }
    }

    /** Emits {@code n}, in a non-capturing group when it is an alternation (so that a suffix covers all of it). */
    private void wrapAlt(Node n) {
        if (n instanceof Alt) {
            out.append("(?:");
            node(n);
            out.append(')');
        } else {
            node(n);
        }
    }

    private void repeat(Repeat r) {
        Integer id = constructIds.get(r);
        boolean guarded = id != null && needsGuard.contains(id);
        if (guarded) {
            out.append("(?:()");
            guardGroup.put(id, ++javaGroups);
        }
        if (id != null) {
            open.push(id);
        }
        Node body = r.body();
        boolean javaQues = r.max() == 1 && r.min() <= 1;
        boolean nondet = r.mode() != RepeatMode.POSSESSIVE && !javaQues && containsCapture(body, condRefs);
        if (body instanceof Group) {
            group((Group) body, nondet);
        } else if (body instanceof Cond) {
            cond((Cond) body, nondet);
        } else if (body instanceof Lit || body instanceof AnyChar || body instanceof CharSet || body instanceof Cat
                || body instanceof BackRef) {
            node(body);
        } else {
            out.append("(?:");
            node(body);
            if (nondet) {
                out.append(NONDET);
            }
            out.append(')');
        }
        long min = r.min();
        long max = r.max();
        if (max == Repeat.UNBOUNDED) {
            if (min == 0) {
                out.append('*');
            } else if (min == 1) {
                out.append('+');
            } else {
                out.append('{').append(min).append(",}");
            }
        } else if (min == 0 && max == 1) {
            out.append('?');
        } else if (min == max) {
            out.append('{').append(min).append('}');
        } else {
            out.append('{').append(min).append(',').append(max).append('}');
        }
        switch (r.mode()) {
            case LAZY:
                out.append('?');
                break;
            case POSSESSIVE:
                out.append('+');
                break;
            default:
                break;
        }
        if (id != null) {
            open.pop();
        }
        if (guarded) {
            out.append(')');
        }
    }

    /** Whether a reference to {@code pyGroup} from here can only see a group that never took part. */
    private boolean referencesDiscardedGroup(int pyGroup) {
        return dropped[pyGroup] || (negOwner[pyGroup] != 0 && !open.contains(negOwner[pyGroup]));
    }

    /** Marks the groups of a branch that is left out (it can never match) as never taking part. */
    private void drop(Node n) {
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                drop(c);
            }
        } else if (n instanceof Alt) {
            for (Node c : ((Alt) n).branches()) {
                drop(c);
            }
        } else if (n instanceof Group) {
            Group g = (Group) n;
            if (g.kind() == GroupKind.CAPTURE) {
                dropped[g.pyIndex()] = true;
            }
            drop(g.body());
        } else if (n instanceof Repeat) {
            drop(((Repeat) n).body());
        } else if (n instanceof Cond) {
            drop(((Cond) n).yes());
            if (((Cond) n).no() != null) {
                drop(((Cond) n).no());
            }
        }
    }

    /**
     * The Java guard group a reference to {@code pyGroup} from here must check first, or 0: from outside the
     * look-around, atomic group or possessive repeat holding the group, its captures count only when that
     * construct is on the current path (then its single evaluation on this path was the last one).
     */
    private int guardFor(int pyGroup) {
        int owner = sealedOwner[pyGroup];
        if (owner == 0 || open.contains(owner)) {
            return 0;
        }
        return guardGroup.get(owner);
    }

    private void backRefNode(BackRef b) {
        if (referencesDiscardedGroup(b.pyGroup())) {
            out.append("(?!)");
            return;
        }
        int guard = guardFor(b.pyGroup());
        if (guard != 0) {
            out.append("(?:");
            backRef(guard);
            backRef(pyToJava[b.pyGroup()]);
            out.append(')');
        } else {
            backRef(pyToJava[b.pyGroup()]);
        }
    }

    private void cond(Cond c, boolean nondet) {
        if (referencesDiscardedGroup(c.pyGroup())) {
            drop(c.yes());
            out.append("(?:");
            if (c.no() != null) {
                node(c.no());
            }
            if (nondet) {
                out.append(NONDET);
            }
            out.append(')');
            return;
        }
        int marker = markerOf[c.pyGroup()];
        int guard = guardFor(c.pyGroup());
        if (nondet) {
            out.append("(?:");
        }
        out.append("(?:");
        if (guard != 0) {
            backRef(guard);
        }
        backRef(marker);
        node(c.yes());
        out.append("|(?!");
        if (guard != 0) {
            backRef(guard);
        }
        backRef(marker);
        out.append(')');
        if (c.no() != null) {
            node(c.no());
        }
        out.append(')');
        if (nondet) {
            out.append(NONDET).append(')');
        }
    }
}
