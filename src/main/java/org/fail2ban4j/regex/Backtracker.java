package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.BackRef;
import org.fail2ban4j.regex.PyAst.Cat;
import org.fail2ban4j.regex.PyAst.CatKind;
import org.fail2ban4j.regex.PyAst.CharSet;
import org.fail2ban4j.regex.PyAst.Cond;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.Lit;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.SetCat;
import org.fail2ban4j.regex.PyAst.SetItem;
import org.fail2ban4j.regex.PyAst.SetLit;
import org.fail2ban4j.regex.PyAst.SetRange;

/**
 * A backtracking matcher of our own for a parsed Python pattern: the pattern becomes a small program of
 * instructions over an {@code int} array, run by one loop with an explicit stack of choice points and of the
 * captures to restore, in the order Python's {@code sre} tries alternatives and repeats (first branch first,
 * greedy repeats longest first, lazy ones shortest first, captures undone when backtracking past them).
 *
 * <p>It exists for speed: {@code java.util.regex} matches through a graph of node objects whose calls become
 * megamorphic when a run uses many patterns (a filter's failregexes), while this loop is one method the JIT
 * compiles once for all of them. Runs of one character class (the {@code \S+}, {@code .+?}, {@code \d{1,3}} the
 * filters are made of) are matched by a tight loop and backtracked by position, skipping positions where the
 * literal that follows cannot start. At the end of a group that a conditional tests, a path is given up when the
 * text after it lacks a string the rest of the pattern then needs ({@link CondRequirements}).
 *
 * <p>It refuses ({@link #of} is empty) patterns with literals outside the Basic Multilingual Plane, the LOCALE flag,
 * a look-behind it cannot give a width, and programs that would be too large. A loop whose body may match the
 * empty string leaves after an empty iteration, as Python's does. A case-insensitive literal, set or class escape
 * matches the Latin-1 characters that its translation to {@code java.util.regex} matches (asked of it once). The
 * match hands the text back ({@link Fallback}), for the caller to search it with {@code java.util.regex}, when it
 * reads a character of a surrogate pair (one Python code point, two Java characters; {@code java.util.regex} reads
 * code points) or a character above Latin-1 in a case-insensitive item.
 *
 * <p>Immutable and thread-safe; the state of a search lives in a {@link Scratch} that a thread keeps.
 */
public final class Backtracker {

    // instructions: code[pc] is the opcode, the operands follow
    private static final int CHAR = 1; // c
    private static final int ANY = 2; // . without DOTALL
    private static final int ANYALL = 3; // . with DOTALL
    private static final int SET = 4; // class index
    private static final int STR = 5; // string index
    private static final int AT = 6; // kind, ascii
    private static final int SAVE = 7; // slot
    private static final int SPLIT = 8; // go, alternative, guard (-1 none; g: of go; -2 - g: of the alternative)
    private static final int JMP = 9; // target
    private static final int RUN = 10; // item op, item arg, min, max (-1: none), mode, next literal char (-1)
    private static final int BACKREF = 11; // group, ascii (unused)
    private static final int COND = 12; // group, no-target
    private static final int LOOK = 13; // kind, width, after
    private static final int MATCH = 14;
    private static final int SUCCEED = 15;
    private static final int EMPTY_EXIT = 16; // register, target: go to target when pos equals the register
    private static final int BACKREF_CI = 17; // group, ascii: a case-insensitive back-reference
    private static final int CHECK = 18; // index: fails unless the text holds what the rest needs (CondRequirements)

    private static final int MODE_GREEDY = 0;
    private static final int MODE_LAZY = 1;
    private static final int MODE_POSSESSIVE = 2;

    private static final int LOOK_AHEAD = 0;
    private static final int LOOK_NOT_AHEAD = 1;
    private static final int LOOK_BEHIND = 2;
    private static final int LOOK_NOT_BEHIND = 3;
    private static final int LOOK_ATOMIC = 4;

    // stack entries: 4 ints each
    private static final int E_CHOICE = 0; // pc, pos
    private static final int E_UNDO = 1; // slot, old value
    private static final int E_GREEDY = 2; // next pc, min pos, current pos
    private static final int E_LAZY = 3; // run pc, start pos, current pos

    /** Programs larger than this many ints are refused. */
    static final int MAX_CODE = 1 << 16;
    /** The most ints the backtracking stack may hold (16 MB: a million choice points and captures). */
    static final int MAX_STACK = 1 << 22;

    /**
     * Thrown (without a stack trace) when a match reads a character of a surrogate pair, or a character above
     * Latin-1 in a case-insensitive item: the text is to be searched by {@code java.util.regex}.
     */
    public static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Fallback() {
            super("a character for java.util.regex to match", null, false, false);
        }
    }

    private static final Fallback FALLBACK = new Fallback();
    private static final PyAst.AtKind[] AT_KINDS = PyAst.AtKind.values();

    private final CompiledRegex regex;
    private final int[] code;
    private final CharClass[] classes;
    private final char[][] strings;
    /** The string sets of the {@code CHECK} instructions ({@link CondRequirements}). */
    private final String[][][] checks;
    private final int slotCount;
    /** Capture slots and the registers of the loops whose body may match empty. */
    private final int regCount;
    /** Latin-1 membership of each class: 4 words per class. */
    private final long[] latinBits;
    /** The guards of splits ({@code SPLIT}): Latin-1 first characters, 4 words each, and whether any above. */
    private final long[] guardBits;
    private final boolean[] guardHigh;
    /** Whether every match starts at 0 ({@code ^} or {@code \A} first). */
    private final boolean anchored;
    /** Latin-1 characters a match can start with; null when unknown (or a match may be empty). */
    private final long[] firstLatin;
    /** Whether a match can start with a character above Latin-1 (when {@link #firstLatin} is set). */
    private final boolean firstHigh;

    private Backtracker(CompiledRegex regex, int[] code, CharClass[] classes, char[][] strings, String[][][] checks,
            int slotCount, int regCount, List<long[]> guards, List<Boolean> guardsHigh, boolean anchored,
            long[] firstLatin, boolean firstHigh) {
        this.regCount = regCount;
        this.guardBits = new long[4 * guards.size()];
        this.guardHigh = new boolean[guards.size()];
        for (int k = 0; k < guards.size(); k++) {
            System.arraycopy(guards.get(k), 0, guardBits, 4 * k, 4);
            guardHigh[k] = guardsHigh.get(k);
        }
        this.latinBits = new long[4 * classes.length];
        for (int k = 0; k < classes.length; k++) {
            System.arraycopy(classes[k].latin, 0, latinBits, 4 * k, 4);
        }
        this.regex = regex;
        this.code = code;
        this.classes = classes;
        this.strings = strings;
        this.checks = checks;
        this.slotCount = slotCount;
        this.anchored = anchored;
        this.firstLatin = firstLatin;
        this.firstHigh = firstHigh;
    }

    /**
     * The matcher of a compiled pattern, when it takes the pattern.
     *
     * @param regex the compiled pattern
     * @return the matcher; empty for a pattern it refuses (see the class comment)
     */
    public static Optional<Backtracker> of(CompiledRegex regex) {
        PyParser.Parsed parsed = regex.parsed();
        if ((parsed.flags() & PyFlags.LOCALE) != 0) {
            return Optional.empty();
        }
        Compiler c = new Compiler(regex.source(), parsed, 2 * (parsed.groupCount() + 1),
                CondRequirements.of(parsed.root(), parsed.flags()));
        try {
            c.emit(parsed.root());
            c.op(MATCH);
        } catch (Refused e) {
            return Optional.empty();
        }
        long[] first = new long[4];
        boolean[] high = new boolean[1];
        boolean known = (parsed.flags() & PyFlags.IGNORECASE) == 0
                && First.firstChars(parsed.root(), first, high) == First.NON_EMPTY;
        return Optional.of(new Backtracker(regex, c.code(), c.classes.toArray(new CharClass[0]),
                c.strings.toArray(new char[0][]), c.checks.toArray(new String[0][][]), 2 * (parsed.groupCount() + 1),
                c.registers, c.guards, c.guardsHigh, startsAnchored(parsed.root()), known ? first : null, high[0]));
    }

    /** @return the state of searches, for one thread */
    public static Scratch newScratch() {
        return new Scratch();
    }

    /** The state of a search: the capture slots and the backtracking stack, kept by a thread and reused. */
    public static final class Scratch {
        int[] slots = new int[16];
        int[] stack = new int[256];
        int sp;
        long steps;
        long budget;
        String text;
        char[] chars = new char[256];
        int n;
        boolean full;

        private Scratch() {
        }
    }

    /**
     * Python's {@code pattern.search(text, from)}.
     *
     * @param s this thread's scratch
     * @param text the text
     * @param from the first index to try
     * @param budget the most steps (choices tried, backtracking, characters of runs) the search may take
     * @return the match, or null
     * @throws RegexBudgetExceededException when the budget runs out
     * @throws Fallback when the text must be searched by {@code java.util.regex}
     */
    public RegexMatch search(Scratch s, String text, int from, long budget) {
        int n = text.length();
        prepare(s, text, budget, false);
        int start = Math.max(0, Math.min(from, n));
        if (anchored) {
            return start == 0 ? attempt(s, 0) : null;
        }
        long[] first = firstLatin;
        char[] chars = s.chars;
        for (int i = start; i <= n; i++) {
            if (i < n) {
                char c = chars[i];
                if (first != null) {
                    if (c < 256 ? (first[c >>> 6] & (1L << c)) == 0 : !firstHigh) {
                        continue;
                    }
                }
                if (i > 0 && Character.isLowSurrogate(c) && Character.isHighSurrogate(chars[i - 1])) {
                    throw FALLBACK;
                }
            } else if (first != null) {
                return null;
            }
            RegexMatch m = attempt(s, i);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * Python's {@code pattern.match(text, pos)} ({@code full}: {@code fullmatch}).
     *
     * @param s this thread's scratch
     * @param text the text
     * @param pos where the match starts
     * @param full whether the match must reach the end of the text
     * @param budget the most steps the match may take
     * @return the match, or null
     */
    public RegexMatch match(Scratch s, String text, int pos, boolean full, long budget) {
        prepare(s, text, budget, full);
        int p = Math.max(0, Math.min(pos, text.length()));
        if (p > 0 && p < text.length() && Character.isLowSurrogate(text.charAt(p))
                && Character.isHighSurrogate(text.charAt(p - 1))) {
            throw FALLBACK;
        }
        return attempt(s, p);
    }

    private void prepare(Scratch s, String text, long budget, boolean full) {
        if (s.slots.length < regCount) {
            s.slots = new int[regCount];
        }
        if (s.text != text) {
            // a caller searches one text with several patterns: its characters are copied once
            s.text = text;
            s.n = text.length();
            if (s.chars.length < s.n) {
                s.chars = new char[Math.max(s.n, 2 * s.chars.length)];
            }
            text.getChars(0, s.n, s.chars, 0);
        }
        s.steps = 0;
        s.budget = budget;
        s.full = full;
    }

    private RegexMatch attempt(Scratch s, int start) {
        int[] slots = s.slots;
        Arrays.fill(slots, 0, regCount, -1);
        s.sp = 0;
        int end = exec(s, 0, start);
        if (end < 0) {
            return null;
        }
        int[] spans = Arrays.copyOf(slots, slotCount);
        spans[0] = start;
        spans[1] = end;
        for (int g = 2; g < slotCount; g += 2) {
            if (spans[g] < 0 || spans[g + 1] < 0) {
                spans[g] = -1;
                spans[g + 1] = -1;
            }
        }
        return new RegexMatch(regex, s.text, spans);
    }

    private void push(Scratch s, int type, int a, int b, int c) {
        int sp = s.sp;
        int[] st = s.stack;
        if (sp + 4 > st.length) {
            st = s.stack = grow(s, st);
        }
        st[sp] = type;
        st[sp + 1] = a;
        st[sp + 2] = b;
        st[sp + 3] = c;
        s.sp = sp + 4;
    }

    /**
     * A larger stack; past {@link #MAX_STACK} ints the search gives up as if over its budget (as
     * {@code java.util.regex}, which recurses, runs out of thread stack on such inputs).
     */
    private static int[] grow(Scratch s, int[] st) {
        if (st.length >= MAX_STACK) {
            s.stack = new int[256];
            throw overBudget(s);
        }
        return Arrays.copyOf(st, st.length * 2);
    }

    private static RegexBudgetExceededException overBudget(Scratch s) {
        return new RegexBudgetExceededException(s.budget);
    }

    /**
     * Runs the program from {@code pc} at {@code pos} until {@link #MATCH} or {@link #SUCCEED} (the end of a
     * look-around or atomic body), backtracking through the entries pushed since the call. Steps are counted per
     * choice point, per backtracking and per character of a run: between two choice points the program only goes
     * forward, or round a loop whose body reads a character or makes a choice.
     *
     * @return the position reached, or -1 when every choice failed (the stack is back where it was)
     */
    private int exec(Scratch s, int pc, int pos) {
        final int[] code = this.code;
        final char[] t = s.chars;
        final int n = s.n;
        final int base = s.sp;
        final int[] slots = s.slots;
        final long[] bits = this.latinBits;
        while (true) {
            boolean ok;
            switch (code[pc]) {
                case CHAR:
                    ok = pos < n && t[pos] == code[pc + 1];
                    if (ok) {
                        pos++;
                        pc += 2;
                        continue;
                    }
                    break;
                case STR: {
                    char[] str = strings[code[pc + 1]];
                    int len = str.length;
                    ok = pos + len <= n;
                    for (int k = 0; ok && k < len; k++) {
                        ok = t[pos + k] == str[k];
                    }
                    if (ok) {
                        pos += len;
                        pc += 2;
                        continue;
                    }
                    break;
                }
                case SET:
                    if (pos < n) {
                        char c = t[pos];
                        int cls = code[pc + 1];
                        if (c < 256 ? (bits[(cls << 2) | (c >>> 6)] & (1L << c)) != 0 : classes[cls].high(c)) {
                            pos++;
                            pc += 2;
                            continue;
                        }
                    }
                    ok = false;
                    break;
                case ANY:
                case ANYALL:
                    ok = pos < n && (t[pos] != '\n' || code[pc] == ANYALL);
                    if (ok) {
                        if (Character.isSurrogate(t[pos])) {
                            throw FALLBACK;
                        }
                        pos++;
                        pc++;
                        continue;
                    }
                    break;
                case AT:
                    ok = at(t, n, pos, code[pc + 1], code[pc + 2] != 0);
                    if (ok) {
                        pc += 3;
                        continue;
                    }
                    break;
                case SAVE: {
                    int slot = code[pc + 1];
                    push(s, E_UNDO, slot, slots[slot], 0);
                    slots[slot] = pos;
                    pc += 2;
                    continue;
                }
                case SPLIT: {
                    int g = code[pc + 3];
                    if (g != -1) {
                        // a branch that cannot start with the character here is not tried
                        int gi = g >= 0 ? g : -2 - g;
                        boolean can = false;
                        if (pos < n) {
                            char c = t[pos];
                            can = c < 256 ? (guardBits[(gi << 2) | (c >>> 6)] & (1L << c)) != 0 : guardHigh[gi];
                        }
                        if (!can) {
                            pc = g >= 0 ? code[pc + 2] : code[pc + 1];
                            continue;
                        }
                    }
                    step(s, 1);
                    push(s, E_CHOICE, code[pc + 2], pos, 0);
                    pc = code[pc + 1];
                    continue;
                }
                case JMP:
                    pc = code[pc + 1];
                    continue;
                case RUN: {
                    int p = run(s, pc, pos);
                    ok = p >= 0;
                    if (ok) {
                        pos = p;
                        pc += 7;
                        continue;
                    }
                    break;
                }
                case EMPTY_EXIT:
                    pc = pos == slots[code[pc + 1]] ? code[pc + 2] : pc + 3;
                    continue;
                case CHECK:
                    ok = CondRequirements.holds(s.text, pos, checks[code[pc + 1]]);
                    if (ok) {
                        pc += 2;
                        continue;
                    }
                    break;
                case BACKREF:
                case BACKREF_CI: {
                    int p = backRef(s, code[pc + 1], pos, code[pc] == BACKREF_CI, code[pc + 2] != 0);
                    ok = p >= 0;
                    if (ok) {
                        pos = p;
                        pc += 3;
                        continue;
                    }
                    break;
                }
                case COND: {
                    int g = code[pc + 1];
                    int gs = slots[2 * g];
                    int ge = slots[2 * g + 1];
                    pc = gs >= 0 && ge >= gs ? pc + 3 : code[pc + 2];
                    continue;
                }
                case LOOK: {
                    int p = look(s, pc, pos);
                    ok = p >= 0;
                    if (ok) {
                        pos = p;
                        pc = code[pc + 3];
                        continue;
                    }
                    break;
                }
                case MATCH:
                    ok = !s.full || pos == n;
                    if (ok) {
                        return pos;
                    }
                    break;
                case SUCCEED:
                    return pos;
                default:
                    throw new IllegalStateException("bad instruction " + code[pc] + " at " + pc);
            }
            // backtrack to the last choice point
            int[] st = s.stack;
            while (true) {
                int sp = s.sp;
                if (sp == base) {
                    return -1;
                }
                sp -= 4;
                int type = st[sp];
                if (type == E_UNDO) {
                    slots[st[sp + 1]] = st[sp + 2];
                    s.sp = sp;
                    continue;
                }
                step(s, 1);
                if (type == E_CHOICE) {
                    pc = st[sp + 1];
                    pos = st[sp + 2];
                    s.sp = sp;
                    break;
                }
                if (type == E_GREEDY) {
                    int next = st[sp + 1];
                    int minPos = st[sp + 2];
                    int cur = st[sp + 3] - 1;
                    int lit = code[next - 1];
                    if (lit >= 0) {
                        while (cur > minPos && t[cur] != lit) {
                            cur--;
                        }
                        step(s, st[sp + 3] - cur);
                        if (t[cur] != lit) {
                            s.sp = sp;
                            continue;
                        }
                    }
                    if (cur > minPos) {
                        st[sp + 3] = cur;
                    } else {
                        s.sp = sp;
                    }
                    pc = next;
                    pos = cur;
                    break;
                }
                // E_LAZY
                int p = lazyMore(s, sp);
                if (p >= 0) {
                    pc = st[sp + 1] + 7;
                    pos = p;
                    break;
                }
                s.sp = sp;
            }
        }
    }

    /** Counts steps against the budget. */
    private static void step(Scratch s, long k) {
        if ((s.steps += k) > s.budget) {
            s.steps = s.budget;
            throw overBudget(s);
        }
    }

    /**
     * The run at {@code pc} from {@code pos}: pushes what backtracking needs.
     *
     * @return the position after it, or -1 when it fails
     */
    private int run(Scratch s, int pc, int pos) {
        final int[] code = this.code;
        final char[] t = s.chars;
        final int n = s.n;
        int op = code[pc + 1];
        int arg = code[pc + 2];
        int min = code[pc + 3];
        int max = code[pc + 4];
        int mode = code[pc + 5];
        int limit = max < 0 || max > n - pos ? n : pos + max;
        int need = pos + min;
        if (need > limit) {
            return -1;
        }
        if (mode == MODE_LAZY) {
            int p = pos;
            while (p < need && item(t, p, op, arg)) {
                p++;
            }
            step(s, p - pos);
            if (p < need) {
                return -1;
            }
            if (p < limit) {
                push(s, E_LAZY, pc, pos, p);
            }
            return p;
        }
        int p = pos;
        if (op == SET) {
            long[] bits = this.latinBits;
            int base = arg << 2;
            while (p < limit) {
                char c = t[p];
                if (c < 256 ? (bits[base | (c >>> 6)] & (1L << c)) == 0 : !classes[arg].high(c)) {
                    break;
                }
                p++;
            }
        } else {
            while (p < limit && item(t, p, op, arg)) {
                p++;
            }
        }
        step(s, p - pos);
        if (p < need) {
            return -1;
        }
        if (mode == MODE_GREEDY && p > need) {
            push(s, E_GREEDY, pc + 7, need, p);
            int lit = code[pc + 6];
            if (lit >= 0 && (p >= n || t[p] != lit)) {
                // the next instruction needs lit here: backtrack to the last place it is at
                int cur = p - 1;
                while (cur > need && t[cur] != lit) {
                    cur--;
                }
                step(s, p - cur);
                if (t[cur] != lit) {
                    s.sp -= 4;
                    return -1;
                }
                if (cur > need) {
                    s.stack[s.sp - 1] = cur;
                } else {
                    s.sp -= 4;
                }
                return cur;
            }
        }
        return p;
    }

    /**
     * Backtracking into a lazy run (the entry at {@code sp}): one more item, and on to where the next instruction
     * may match.
     *
     * @return the new position (the entry updated, or popped when the run can take no more), or -1
     */
    private int lazyMore(Scratch s, int sp) {
        int[] st = s.stack;
        char[] t = s.chars;
        int runPc = st[sp + 1];
        int startPos = st[sp + 2];
        int cur = st[sp + 3];
        int op = code[runPc + 1];
        int arg = code[runPc + 2];
        int max = code[runPc + 4];
        int n = s.n;
        int limit = max < 0 || max > n - startPos ? n : startPos + max;
        if (cur >= limit || !item(t, cur, op, arg)) {
            return -1;
        }
        cur++;
        int lit = code[runPc + 6];
        int from = cur;
        while (lit >= 0 && cur < limit && t[cur] != lit && item(t, cur, op, arg)) {
            cur++;
        }
        step(s, 1 + cur - from);
        if (cur < limit) {
            st[sp + 3] = cur;
        } else {
            s.sp = sp;
        }
        return cur;
    }

    /**
     * A back-reference: the text of group {@code g} again at {@code pos}; case-insensitively as the translation to
     * {@code java.util.regex} compares (upper then lower case of both, or ASCII letters only under ASCII).
     */
    private int backRef(Scratch s, int g, int pos, boolean ignoreCase, boolean ascii) {
        int[] slots = s.slots;
        int gs = slots[2 * g];
        int ge = slots[2 * g + 1];
        if (gs < 0 || ge < gs || pos + (ge - gs) > s.n) {
            return -1;
        }
        int len = ge - gs;
        step(s, len);
        char[] t = s.chars;
        for (int k = 0; k < len; k++) {
            char a = t[pos + k];
            char b = t[gs + k];
            if (a != b && !(ignoreCase && sameIgnoringCase(a, b, ascii))) {
                return -1;
            }
        }
        return pos + len;
    }

    private static boolean sameIgnoringCase(char a, char b, boolean ascii) {
        if (Character.isSurrogate(a) || Character.isSurrogate(b)) {
            throw FALLBACK;
        }
        if (ascii) {
            return asciiLower(a) == asciiLower(b);
        }
        int ua = Character.toUpperCase(a);
        int ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c;
    }

    /**
     * A look-around or atomic group at {@code pc}: its body is run to its first success.
     *
     * @return the position after it (the same for a look-around), or -1 when it fails
     */
    private int look(Scratch s, int pc, int pos) {
        int kind = code[pc + 1];
        int from = kind == LOOK_BEHIND || kind == LOOK_NOT_BEHIND ? pos - code[pc + 2] : pos;
        int save = s.sp;
        int end = from >= 0 ? exec(s, pc + 4, from) : -1;
        if (kind == LOOK_NOT_AHEAD || kind == LOOK_NOT_BEHIND) {
            if (end >= 0) {
                unwind(s, save);
                return -1;
            }
            return pos;
        }
        if (end < 0) {
            return -1;
        }
        keepUndos(s, save);
        return kind == LOOK_ATOMIC ? end : pos;
    }

    /** Pops the entries above {@code save}, restoring the captures they hold. */
    private static void unwind(Scratch s, int save) {
        int[] st = s.stack;
        for (int sp = s.sp - 4; sp >= save; sp -= 4) {
            if (st[sp] == E_UNDO) {
                s.slots[st[sp + 1]] = st[sp + 2];
            }
        }
        s.sp = save;
    }

    /** Drops the choice points above {@code save} (a look-around or atomic body is not re-entered). */
    private static void keepUndos(Scratch s, int save) {
        int[] st = s.stack;
        int to = save;
        for (int sp = save; sp < s.sp; sp += 4) {
            if (st[sp] == E_UNDO) {
                if (to != sp) {
                    System.arraycopy(st, sp, st, to, 4);
                }
                to += 4;
            }
        }
        s.sp = to;
    }

    private boolean item(char[] t, int p, int op, int arg) {
        char c = t[p];
        switch (op) {
            case CHAR:
                return c == arg;
            case SET:
                return c < 256 ? (latinBits[(arg << 2) | (c >>> 6)] & (1L << c)) != 0 : classes[arg].high(c);
            case ANY:
                if (c == '\n') {
                    return false;
                }
                // fall through
            default:
                if (Character.isSurrogate(c)) {
                    throw FALLBACK;
                }
                return true;
        }
    }

    private static boolean at(char[] t, int n, int pos, int kind, boolean ascii) {
        switch (AT_KINDS[kind]) {
            case BEGINNING:
            case BEGINNING_STRING:
                return pos == 0;
            case BEGINNING_LINE:
                return pos == 0 || t[pos - 1] == '\n';
            case END:
                return pos == n || (pos == n - 1 && t[pos] == '\n');
            case END_LINE:
                return pos == n || t[pos] == '\n';
            case END_STRING:
                return pos == n;
            case BOUNDARY:
                return n > 0 && wordAt(t, pos - 1, n, ascii) != wordAt(t, pos, n, ascii);
            default:
                return n > 0 && wordAt(t, pos - 1, n, ascii) == wordAt(t, pos, n, ascii);
        }
    }

    private static boolean wordAt(char[] t, int i, int n, boolean ascii) {
        if (i < 0 || i >= n) {
            return false;
        }
        char c = t[i];
        if (Character.isSurrogate(c)) {
            throw FALLBACK;
        }
        return CharClass.inCategory(CatKind.WORD, ascii, c);
    }

    /** Whether every match starts at the beginning of the text. */
    private static boolean startsAnchored(Node n) {
        while (true) {
            if (n instanceof At) {
                PyAst.AtKind k = ((At) n).kind();
                return k == PyAst.AtKind.BEGINNING || k == PyAst.AtKind.BEGINNING_STRING;
            }
            if (n instanceof PyAst.Seq) {
                List<Node> items = ((PyAst.Seq) n).items();
                if (items.isEmpty()) {
                    return false;
                }
                n = items.get(0);
            } else if (n instanceof Group && (((Group) n).kind() == PyAst.GroupKind.CAPTURE
                    || ((Group) n).kind() == PyAst.GroupKind.NON_CAPTURE
                    || ((Group) n).kind() == PyAst.GroupKind.ATOMIC)) {
                n = ((Group) n).body();
            } else {
                return false;
            }
        }
    }

    /** A character class: a table for Latin-1, the items for the characters above. */
    static final class CharClass {
        private final long[] latin = new long[4];
        private final boolean negated;
        private final List<SetItem> items;
        /**
         * Whether this is a case-insensitive item: its Latin-1 table is what the translation to
         * {@code java.util.regex} matches, and a character above Latin-1 is left to {@code java.util.regex}.
         */
        final boolean caseFallback;

        /** Latin-1 tables of case-insensitive items, by their translation to Java (the same few recur). */
        private static final java.util.Map<String, long[]> CASE_TABLES = new java.util.concurrent.ConcurrentHashMap<>();

        private CharClass(long[] latin) {
            System.arraycopy(latin, 0, this.latin, 0, 4);
            this.negated = false;
            this.items = List.of();
            this.caseFallback = true;
        }

        /**
         * A case-insensitive single-character item (a literal, set, class escape): which Latin-1 characters it
         * matches is asked of its translation to {@code java.util.regex}, whose case rules the translation
         * already follows (and the tests check against Python's).
         */
        static CharClass caseInsensitive(String source, PyParser.Parsed parsed, Node item, int flags) throws Refused {
            JavaEmitter.Result r;
            try {
                r = JavaEmitter.emit(source, parsed.withRoot(new Group(PyAst.GroupKind.NON_CAPTURE, 0, null, flags,
                        item)));
            } catch (RegexSyntaxException e) {
                throw new Refused();
            }
            String key = r.javaFlags() + ":" + r.javaPattern();
            long[] table = CASE_TABLES.get(key);
            if (table == null) {
                java.util.regex.Pattern p = java.util.regex.Pattern.compile(r.javaPattern(), r.javaFlags());
                java.util.regex.Matcher m = p.matcher("");
                table = new long[4];
                for (char c = 0; c < 256; c++) {
                    if (m.reset(String.valueOf(c)).matches()) {
                        table[c >>> 6] |= 1L << c;
                    }
                }
                CASE_TABLES.put(key, table);
            }
            return new CharClass(table);
        }

        /** Latin-1 members of each category: 4 words per {@code 2 * kind + (ascii ? 1 : 0)}. */
        private static final long[] CATEGORY_LATIN = new long[4 * 2 * CatKind.values().length];

        static {
            for (CatKind kind : CatKind.values()) {
                for (int ascii = 0; ascii < 2; ascii++) {
                    int at = 4 * (2 * kind.ordinal() + ascii);
                    for (char c = 0; c < 256; c++) {
                        if (inCategory(kind, ascii == 1, c)) {
                            CATEGORY_LATIN[at + (c >>> 6)] |= 1L << c;
                        }
                    }
                }
            }
        }

        CharClass(boolean negated, List<SetItem> items) {
            this.negated = negated;
            this.items = items;
            this.caseFallback = false;
            for (SetItem item : items) {
                if (item instanceof SetLit) {
                    int c = ((SetLit) item).codePoint();
                    if (c < 256) {
                        latin[c >>> 6] |= 1L << c;
                    }
                } else if (item instanceof SetRange) {
                    for (int c = ((SetRange) item).lo(); c <= Math.min(255, ((SetRange) item).hi()); c++) {
                        latin[c >>> 6] |= 1L << c;
                    }
                } else {
                    SetCat cat = (SetCat) item;
                    int at = 4 * (2 * cat.kind().ordinal() + (cat.ascii() ? 1 : 0));
                    for (int w = 0; w < 4; w++) {
                        latin[w] |= CATEGORY_LATIN[at + w];
                    }
                }
            }
            if (negated) {
                for (int w = 0; w < 4; w++) {
                    latin[w] = ~latin[w];
                }
            }
        }

        boolean latin(char c) {
            return (latin[c >>> 6] & (1L << c)) != 0;
        }

        boolean high(char c) {
            if (caseFallback || Character.isSurrogate(c)) {
                throw FALLBACK;
            }
            return member(c);
        }

        private boolean member(char c) {
            boolean in = false;
            for (SetItem item : items) {
                if (item instanceof SetLit) {
                    in = ((SetLit) item).codePoint() == c;
                } else if (item instanceof SetRange) {
                    in = ((SetRange) item).lo() <= c && c <= ((SetRange) item).hi();
                } else {
                    SetCat cat = (SetCat) item;
                    in = inCategory(cat.kind(), cat.ascii(), c);
                }
                if (in) {
                    break;
                }
            }
            return in != negated;
        }

        /** Python's {@code \d \D \s \S \w \W} (Unicode or ASCII), as the translation to Java spells them. */
        static boolean inCategory(CatKind kind, boolean ascii, char c) {
            switch (kind) {
                case DIGIT:
                    return digit(c, ascii);
                case NOT_DIGIT:
                    return !digit(c, ascii);
                case SPACE:
                    return space(c, ascii);
                case NOT_SPACE:
                    return !space(c, ascii);
                case WORD:
                    return word(c, ascii);
                default:
                    return !word(c, ascii);
            }
        }

        private static boolean digit(char c, boolean ascii) {
            return ascii ? c >= '0' && c <= '9' : Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
        }

        private static boolean space(char c, boolean ascii) {
            if (ascii) {
                return c == ' ' || (c >= '\t' && c <= '\r');
            }
            return Character.isWhitespace(c) || c == 0x85 || c == 0xa0 || c == 0x2007 || c == 0x202f;
        }

        private static boolean word(char c, boolean ascii) {
            if (ascii) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }
            if (c == '_' || Character.isLetter(c)) {
                return true;
            }
            int type = Character.getType(c);
            return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                    || type == Character.OTHER_NUMBER;
        }
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    /** Writes the program of a parsed pattern. */
    private static final class Compiler {
        private int[] code = new int[64];
        private int size;
        private int flags;
        final List<CharClass> classes = new ArrayList<>();
        final List<char[]> strings = new ArrayList<>();
        /** The string sets of {@code CHECK} instructions, and the groups whose end gets one. */
        final List<String[][]> checks = new ArrayList<>();
        private final Map<Integer, String[][]> condChecks;

        /** Slots in use: the captures', then one register per loop whose body may match empty. */
        int registers;
        /** The first characters of the branches that splits guard: Latin-1 tables, and whether any above. */
        final List<long[]> guards = new ArrayList<>();
        final List<Boolean> guardsHigh = new ArrayList<>();

        /** A guard for a branch that never matches empty and whose first characters are known, else -1. */
        private int guardOf(Node branch) {
            if (ignoreCase()) {
                return -1;
            }
            long[] first = new long[4];
            boolean[] high = new boolean[1];
            if (First.firstChars(branch, first, high) != First.NON_EMPTY) {
                return -1;
            }
            guards.add(first);
            guardsHigh.add(high[0]);
            return guards.size() - 1;
        }

        private final String source;
        private final PyParser.Parsed parsed;

        Compiler(String source, PyParser.Parsed parsed, int groupSlots, Map<Integer, String[][]> condChecks) {
            this.condChecks = condChecks;
            this.source = source;
            this.parsed = parsed;
            this.flags = parsed.flags();
            this.registers = groupSlots;
        }

        private boolean ignoreCase() {
            return (flags & PyFlags.IGNORECASE) != 0;
        }

        /**
         * The program, each greedy or lazy run given the character the instructions after it need first (past
         * captures, which read nothing, and checks, which only rule out positions): backtracking then stops only
         * where that character is.
         */
        int[] code() {
            int[] out = Arrays.copyOf(code, size);
            for (int pc = 0; pc < size; pc += length(out, pc)) {
                if (out[pc] == RUN && out[pc + 5] != MODE_POSSESSIVE) {
                    int next = pc + 7;
                    while (out[next] == SAVE || out[next] == CHECK) {
                        next += 2;
                    }
                    int lit = out[next] == CHAR ? out[next + 1]
                            : out[next] == STR ? strings.get(out[next + 1])[0] : -1;
                    out[pc + 6] = lit;
                    if (lit >= 0 && !itemTakes(out[pc + 1], out[pc + 2], (char) lit)) {
                        // the run stops only where the next character is not one of its items: if that is not
                        // lit, neither is any place it could back off to (\S+ before a space, \d+ before a dot),
                        // and a lazy run ends at the same place as a greedy one
                        out[pc + 5] = MODE_POSSESSIVE;
                    }
                }
            }
            return out;
        }

        private boolean itemTakes(int op, int arg, char c) {
            switch (op) {
                case CHAR:
                    return c == arg;
                case SET:
                    return c < 256 ? classes.get(arg).latin(c) : classes.get(arg).caseFallback || classes.get(arg).high(c);
                case ANY:
                    return c != '\n';
                default:
                    return true;
            }
        }

        private static int length(int[] code, int pc) {
            switch (code[pc]) {
                case ANY:
                case ANYALL:
                case MATCH:
                case SUCCEED:
                    return 1;
                case CHAR:
                case SET:
                case STR:
                case SAVE:
                case JMP:
                case CHECK:
                    return 2;
                case AT:
                case BACKREF:
                case BACKREF_CI:
                case COND:
                case EMPTY_EXIT:
                    return 3;
                case SPLIT:
                case LOOK:
                    return 4;
                case RUN:
                    return 7;
                default:
                    throw new IllegalStateException("bad instruction " + code[pc] + " at " + pc);
            }
        }

        private int op(int... words) throws Refused {
            int at = size;
            if (size + words.length > MAX_CODE) {
                throw new Refused();
            }
            if (size + words.length > code.length) {
                code = Arrays.copyOf(code, Math.max(code.length * 2, size + words.length));
            }
            for (int w : words) {
                code[size++] = w;
            }
            return at;
        }

        private static int bmp(int cp) throws Refused {
            if (cp > 0xFFFF || Character.isSurrogate((char) cp)) {
                throw new Refused();
            }
            return cp;
        }

        void emit(Node n) throws Refused {
            if (n instanceof PyAst.Seq) {
                List<Node> items = ((PyAst.Seq) n).items();
                for (int i = 0; i < items.size(); i++) {
                    // a run of literals becomes one string
                    int j = i;
                    while (!ignoreCase() && j < items.size() && items.get(j) instanceof Lit) {
                        j++;
                    }
                    if (j - i >= 2) {
                        char[] str = new char[j - i];
                        for (int k = i; k < j; k++) {
                            str[k - i] = (char) bmp(((Lit) items.get(k)).codePoint());
                        }
                        strings.add(str);
                        op(STR, strings.size() - 1);
                        i = j - 1;
                    } else {
                        emit(items.get(i));
                    }
                }
            } else if (n instanceof PyAst.Alt) {
                List<Node> branches = ((PyAst.Alt) n).branches();
                List<Integer> jumps = new ArrayList<>();
                for (int b = 0; b < branches.size(); b++) {
                    if (b < branches.size() - 1) {
                        int split = op(SPLIT, 0, 0, guardOf(branches.get(b)));
                        code[split + 1] = size;
                        emit(branches.get(b));
                        jumps.add(op(JMP, 0));
                        code[split + 2] = size;
                    } else {
                        emit(branches.get(b));
                    }
                }
                for (int j : jumps) {
                    code[j + 1] = size;
                }
            } else if (n instanceof Lit && ignoreCase()) {
                op(SET, classOf(n));
            } else if (n instanceof Lit) {
                op(CHAR, bmp(((Lit) n).codePoint()));
            } else if (n instanceof AnyChar) {
                op((flags & PyFlags.DOTALL) != 0 ? ANYALL : ANY);
            } else if (n instanceof At) {
                At a = (At) n;
                op(AT, a.kind().ordinal(), a.ascii() ? 1 : 0);
            } else if (n instanceof Cat || n instanceof CharSet) {
                op(SET, classOf(n));
            } else if (n instanceof Group) {
                group((Group) n);
            } else if (n instanceof Repeat) {
                repeat((Repeat) n);
            } else if (n instanceof BackRef) {
                op(ignoreCase() ? BACKREF_CI : BACKREF, ((BackRef) n).pyGroup(),
                        (flags & PyFlags.ASCII) != 0 ? 1 : 0);
            } else {
                Cond c = (Cond) n;
                int cond = op(COND, c.pyGroup(), 0);
                emit(c.yes());
                if (c.no() != null) {
                    int jump = op(JMP, 0);
                    code[cond + 2] = size;
                    emit(c.no());
                    code[jump + 1] = size;
                } else {
                    code[cond + 2] = size;
                }
            }
        }

        private int classOf(Node n) throws Refused {
            if (ignoreCase()) {
                classes.add(CharClass.caseInsensitive(source, parsed, n, flags));
                return classes.size() - 1;
            }
            CharClass cls;
            if (n instanceof Cat) {
                Cat c = (Cat) n;
                cls = new CharClass(false, List.of(new SetCat(c.kind(), c.ascii())));
            } else {
                CharSet set = (CharSet) n;
                for (SetItem item : set.items()) {
                    if (item instanceof SetLit) {
                        bmp(((SetLit) item).codePoint());
                    } else if (item instanceof SetRange) {
                        // a range reaching surrogates or beyond the BMP is refused
                        bmp(((SetRange) item).lo());
                        bmp(((SetRange) item).hi());
                        if (((SetRange) item).lo() < 0xD800 && ((SetRange) item).hi() > 0xDFFF) {
                            throw new Refused();
                        }
                    }
                }
                cls = new CharClass(set.negated(), set.items());
            }
            classes.add(cls);
            return classes.size() - 1;
        }

        private void group(Group g) throws Refused {
            int saved = flags;
            if ((g.flags() & PyFlags.LOCALE) != 0) {
                throw new Refused();
            }
            flags = g.flags();
            try {
                switch (g.kind()) {
                    case CAPTURE:
                        op(SAVE, 2 * g.pyIndex());
                        emit(g.body());
                        op(SAVE, 2 * g.pyIndex() + 1);
                        String[][] needed = condChecks.get(g.pyIndex());
                        if (needed != null) {
                            checks.add(needed);
                            op(CHECK, checks.size() - 1);
                        }
                        break;
                    case NON_CAPTURE:
                        emit(g.body());
                        break;
                    case ATOMIC:
                        look(LOOK_ATOMIC, 0, g.body());
                        break;
                    case LOOKAHEAD:
                        look(LOOK_AHEAD, 0, g.body());
                        break;
                    case NEG_LOOKAHEAD:
                        look(LOOK_NOT_AHEAD, 0, g.body());
                        break;
                    case LOOKBEHIND:
                        look(LOOK_BEHIND, fixedWidth(g.body()), g.body());
                        break;
                    default:
                        look(LOOK_NOT_BEHIND, fixedWidth(g.body()), g.body());
                        break;
                }
            } finally {
                flags = saved;
            }
        }

        private void look(int kind, int width, Node body) throws Refused {
            int at = op(LOOK, kind, width, 0);
            emit(body);
            op(SUCCEED);
            code[at + 3] = size;
        }

        private void repeat(Repeat r) throws Refused {
            Node body = r.body();
            int mode = r.mode() == PyAst.RepeatMode.GREEDY ? MODE_GREEDY
                    : r.mode() == PyAst.RepeatMode.LAZY ? MODE_LAZY : MODE_POSSESSIVE;
            if (r.min() > Integer.MAX_VALUE / 2 || r.max() > Integer.MAX_VALUE / 2) {
                throw new Refused();
            }
            int min = (int) r.min();
            int max = r.max() == Repeat.UNBOUNDED ? -1 : (int) r.max();
            Node single = single(body);
            if (single != null) {
                int itemOp;
                int arg;
                if (single instanceof Lit && !ignoreCase()) {
                    itemOp = CHAR;
                    arg = bmp(((Lit) single).codePoint());
                } else if (single instanceof AnyChar) {
                    itemOp = (flags & PyFlags.DOTALL) != 0 ? ANYALL : ANY;
                    arg = 0;
                } else {
                    itemOp = SET;
                    arg = classOf(single);
                }
                op(RUN, itemOp, arg, min, max, mode, -1);
                return;
            }
            if (mode == MODE_POSSESSIVE) {
                look(LOOK_ATOMIC, 0, new Repeat(body, r.min(), r.max(), PyAst.RepeatMode.GREEDY));
                return;
            }
            for (int i = 0; i < min; i++) {
                emit(body);
            }
            if (max == min) {
                return;
            }
            // Python stops a loop after an iteration that matched the empty string (it goes on with what follows
            // the loop, keeping that iteration): a body that may match empty notes where each iteration starts
            int reg = First.mayBeEmpty(body) ? registers++ : -1;
            List<Integer> exits = new ArrayList<>();
            int guard = guardOf(body);
            if (guard >= 0 && mode != MODE_GREEDY) {
                guard = -2 - guard;
            }
            if (max < 0) {
                int loop = size;
                int split = op(SPLIT, 0, 0, guard);
                int bodyAt = size;
                iteration(body, reg, exits);
                op(JMP, loop);
                if (mode == MODE_GREEDY) {
                    code[split + 1] = bodyAt;
                    code[split + 2] = size;
                } else {
                    code[split + 1] = size;
                    code[split + 2] = bodyAt;
                }
                patchExits(exits, size);
                return;
            }
            // max - min nested optional copies
            List<Integer> splits = new ArrayList<>();
            for (int i = min; i < max; i++) {
                int split = op(SPLIT, 0, 0, guard);
                splits.add(split);
                code[split + (mode == MODE_GREEDY ? 1 : 2)] = size;
                iteration(body, reg, exits);
            }
            for (int split : splits) {
                code[split + (mode == MODE_GREEDY ? 2 : 1)] = size;
            }
            patchExits(exits, size);
        }

        /** One optional iteration of a loop body; with a register, an empty iteration leaves the loop. */
        private void iteration(Node body, int reg, List<Integer> exits) throws Refused {
            if (reg < 0) {
                emit(body);
                return;
            }
            op(SAVE, reg);
            emit(body);
            exits.add(op(EMPTY_EXIT, reg, 0));
        }

        private void patchExits(List<Integer> exits, int target) {
            for (int e : exits) {
                code[e + 2] = target;
            }
        }


        /** The single-character item a repeat body stands for (through non-capturing groups), or null. */
        private Node single(Node body) {
            while (true) {
                if (body instanceof Lit || body instanceof AnyChar || body instanceof Cat
                        || body instanceof CharSet) {
                    return body;
                }
                if (body instanceof Group && ((Group) body).kind() == PyAst.GroupKind.NON_CAPTURE
                        && (((Group) body).flags() & PyFlags.DOTALL) == (flags & PyFlags.DOTALL)) {
                    body = ((Group) body).body();
                } else if (body instanceof PyAst.Seq && ((PyAst.Seq) body).items().size() == 1) {
                    body = ((PyAst.Seq) body).items().get(0);
                } else {
                    return null;
                }
            }
        }

        /** The width of a look-behind body (Python accepts only fixed-width ones). */
        private static int fixedWidth(Node n) throws Refused {
            long[] w = First.widths(n);
            if (w[0] != w[1] || w[1] > MAX_CODE) {
                throw new Refused();
            }
            return (int) w[1];
        }
    }

    /** Analyses of parsed patterns: widths, whether a part may match empty, first characters. */
    static final class First {
        private First() {
        }

        /** Python's width of a node, a back-reference taken as anything from empty to unbounded. */
        static long[] widths(Node n) {
            return PyAst.width(n, g -> new long[] {0, PyAst.MAXREPEAT});
        }

        /** Whether a node may match the empty string (true when unsure). */
        static boolean mayBeEmpty(Node n) {
            return widths(n)[0] == 0;
        }

        /** {@link #firstChars}: a match starts with one of the characters set, and is never empty. */
        static final int NON_EMPTY = 0;
        /** {@link #firstChars}: a match that is not empty starts with one of the characters set. */
        static final int MAY_BE_EMPTY = 1;
        /** {@link #firstChars}: not known. */
        static final int UNKNOWN = 2;

        /**
         * Sets in {@code first} (Latin-1) and {@code high} (any character above) characters that a match of
         * {@code n} can start with: a superset of them, unless the answer is {@link #UNKNOWN}.
         *
         * @return {@link #NON_EMPTY}, {@link #MAY_BE_EMPTY} or {@link #UNKNOWN}
         */
        static int firstChars(Node n, long[] first, boolean[] high) {
            if (n instanceof Lit) {
                add(((Lit) n).codePoint(), first, high);
                return NON_EMPTY;
            }
            if (n instanceof Cat || n instanceof CharSet) {
                CharClass cls = n instanceof Cat
                        ? new CharClass(false, List.of(new SetCat(((Cat) n).kind(), ((Cat) n).ascii())))
                        : new CharClass(((CharSet) n).negated(), ((CharSet) n).items());
                for (int w = 0; w < 4; w++) {
                    first[w] |= cls.latin[w];
                }
                high[0] = true;
                return NON_EMPTY;
            }
            if (n instanceof At) {
                // zero-width: it only narrows what follows
                return MAY_BE_EMPTY;
            }
            if (n instanceof PyAst.Seq) {
                for (Node c : ((PyAst.Seq) n).items()) {
                    int r = firstChars(c, first, high);
                    if (r != MAY_BE_EMPTY) {
                        return r;
                    }
                }
                return MAY_BE_EMPTY;
            }
            if (n instanceof PyAst.Alt) {
                int worst = NON_EMPTY;
                for (Node c : ((PyAst.Alt) n).branches()) {
                    worst = Math.max(worst, firstChars(c, first, high));
                }
                return worst;
            }
            if (n instanceof Group) {
                Group g = (Group) n;
                if ((g.flags() & PyFlags.IGNORECASE) != 0) {
                    // the caller knows no flags: a case-insensitive part is not looked into
                    return UNKNOWN;
                }
                // a look-around is zero-width: it only narrows what follows
                return g.kind().consumes() ? firstChars(g.body(), first, high) : MAY_BE_EMPTY;
            }
            if (n instanceof Repeat) {
                Repeat r = (Repeat) n;
                int body = firstChars(r.body(), first, high);
                return body == UNKNOWN ? UNKNOWN : r.min() == 0 ? MAY_BE_EMPTY : body;
            }
            return UNKNOWN; // AnyChar, BackRef, Cond
        }

        private static void add(int cp, long[] first, boolean[] high) {
            if (cp < 256) {
                first[cp >>> 6] |= 1L << cp;
            } else {
                high[0] = true;
            }
        }
    }
}
