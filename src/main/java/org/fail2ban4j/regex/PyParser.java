package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.regex.PyAst.Alt;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.AtKind;
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
 * Port of `re/_parser.py:parse` (Python 3.11): reads a Python pattern into {@link PyAst} nodes, raising the
 * errors Python raises (same messages and positions) and refusing, after Python's own checks, the few
 * constructs that {@code java.util.regex} cannot reproduce.
 *
 * <p>Single use: one instance parses one pattern.
 */
final class PyParser {

    /** Python's {@code MAXREPEAT} (repeat counts must be below it). */
    static final long MAXREPEAT = PyAst.MAXREPEAT;
    /** Python's {@code MAXGROUPS}. */
    static final int MAXGROUPS = 1073741823;

    static final int TEMPLATE = 1;

    private static final int ESC = 0x200000;
    private static final int END = -1;

    /** The result of a parse. */
    record Parsed(Node root, int flags, int groupCount, Map<String, Integer> groupIndex, Set<Integer> condRefs,
            List<String> groupNames) {

        /** A part of this pattern (or a variant of it) with this pattern's flags and group numbering. */
        Parsed withRoot(Node other) {
            return new Parsed(other, flags, groupCount, groupIndex, condRefs, groupNames);
        }
    }

    private static final class GroupInfo {
        final String name;
        boolean closed;
        long lo;
        long hi;

        GroupInfo(String name) {
            this.name = name;
        }
    }

    private final String original;
    private final int[] s;
    private int index;
    private int next;

    private int stateFlags;
    private int curFlags;
    private final List<GroupInfo> groups = new ArrayList<>();
    private final Map<String, Integer> groupdict = new LinkedHashMap<>();
    private Integer lookbehindGroups;
    private int lookbehindDepth;
    private final Map<Integer, Integer> grouprefpos = new LinkedHashMap<>();
    private final Set<Integer> condRefs = new HashSet<>();
    private RegexSyntaxException compileError;
    private RegexSyntaxException unsupported;

    private PyParser(String pattern) {
        this.original = pattern;
        this.s = pattern.codePoints().toArray();
        groups.add(new GroupInfo(null)); // group 0
    }

    /**
     * Parses {@code pattern} under the caller's {@code flags}.
     *
     * @throws RegexSyntaxException when Python refuses the pattern, or it cannot be reproduced in Java
     */
    static Parsed parse(String pattern, int flags) {
        return new PyParser(pattern).run(flags);
    }

    private Parsed run(int flags) {
        if ((flags & ~(PyFlags.SUPPORTED | PyFlags.LOCALE | TEMPLATE)) != 0) {
            throw new RegexSyntaxException(original, -1, "unknown flag bits 0x"
                    + Integer.toHexString(flags & ~(PyFlags.SUPPORTED | PyFlags.LOCALE | TEMPLATE)));
        }
        if ((flags & TEMPLATE) != 0) {
            throw new RegexSyntaxException(original, -1, "the TEMPLATE flag is not supported");
        }
        stateFlags = flags;
        curFlags = flags;
        advance();
        Node root = parseSub(0);
        stateFlags = fixFlags(stateFlags);
        if (next != END) {
            throw error("unbalanced parenthesis", 0);
        }
        for (Map.Entry<Integer, Integer> e : grouprefpos.entrySet()) {
            if (e.getKey() >= groups.size()) {
                throw new RegexSyntaxException(original, e.getValue(), "invalid group reference " + e.getKey());
            }
        }
        if (compileError != null) {
            throw compileError;
        }
        if (unsupported != null) {
            throw unsupported;
        }
        List<String> names = new ArrayList<>();
        for (GroupInfo g : groups) {
            names.add(g.name);
        }
        return new Parsed(root, stateFlags, groups.size() - 1, Collections.unmodifiableMap(groupdict),
                Collections.unmodifiableSet(condRefs), Collections.unmodifiableList(names));
    }

    private int fixFlags(int flags) {
        if ((flags & PyFlags.LOCALE) != 0) {
            throw new RegexSyntaxException(original, -1, "cannot use LOCALE flag with a str pattern");
        }
        if ((flags & PyFlags.ASCII) == 0) {
            return flags | PyFlags.UNICODE;
        }
        if ((flags & PyFlags.UNICODE) != 0) {
            throw new RegexSyntaxException(original, -1, "ASCII and UNICODE flags are incompatible");
        }
        return flags;
    }

    // ---------------------------------------------------------------- tokenizer

    private void advance() {
        int i = index;
        if (i >= s.length) {
            next = END;
            return;
        }
        int c = s[i];
        if (c == '\\') {
            i++;
            if (i >= s.length) {
                throw new RegexSyntaxException(original, s.length - 1, "bad escape (end of pattern)");
            }
            next = ESC | s[i];
        } else {
            next = c;
        }
        index = i + 1;
    }

    private static boolean isEscape(int tok) {
        return tok >= ESC;
    }

    private static int escChar(int tok) {
        return tok & ~ESC;
    }

    private boolean match(int tok) {
        if (next == tok) {
            advance();
            return true;
        }
        return false;
    }

    private int get() {
        int t = next;
        advance();
        return t;
    }

    private int tell() {
        return index - tokLen(next);
    }

    private static int tokLen(int tok) {
        return tok == END ? 0 : isEscape(tok) ? 2 : 1;
    }

    private void seek(int i) {
        index = i;
        advance();
    }

    private RegexSyntaxException error(String msg, int offset) {
        return new RegexSyntaxException(original, tell() - offset, msg);
    }

    private void refuse(int position, String msg) {
        if (unsupported == null) {
            unsupported = new RegexSyntaxException(original, position, msg);
        }
    }

    private static String tokString(int tok) {
        if (tok == END) {
            return "";
        }
        if (isEscape(tok)) {
            return "\\" + new String(Character.toChars(escChar(tok)));
        }
        return new String(Character.toChars(tok));
    }

    private static boolean isDigit(int tok) {
        return tok >= '0' && tok <= '9';
    }

    private static boolean isOctDigit(int tok) {
        return tok >= '0' && tok <= '7';
    }

    private static boolean isHexDigit(int tok) {
        return (tok >= '0' && tok <= '9') || (tok >= 'a' && tok <= 'f') || (tok >= 'A' && tok <= 'F');
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private interface TokPredicate {
        boolean test(int tok);
    }

    private String getWhile(int n, TokPredicate p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = next;
            if (c == END || isEscape(c) || !p.test(c)) {
                break;
            }
            sb.appendCodePoint(c);
            advance();
        }
        return sb.toString();
    }

    private String getUntil(int terminator, String name) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = next;
            advance();
            if (c == END) {
                if (sb.length() == 0) {
                    throw error("missing " + name, 0);
                }
                throw error("missing " + new String(Character.toChars(terminator)) + ", unterminated name",
                        sb.codePointCount(0, sb.length()));
            }
            if (c == terminator) {
                if (sb.length() == 0) {
                    throw error("missing " + name, 1);
                }
                break;
            }
            sb.append(tokString(c));
        }
        return sb.toString();
    }

    private void checkGroupName(String name, int offset) {
        if (!isIdentifier(name)) {
            throw error("bad character in group name " + PyStrings.repr(name), name.codePointCount(0, name.length())
                    + offset);
        }
    }

    /** Python's {@code str.isidentifier()}. */
    static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isUnicodeIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    // ---------------------------------------------------------------- groups

    private int openGroup(String name, int nameLen) {
        int gid = groups.size();
        if (gid + 1 > MAXGROUPS) {
            throw error("too many groups", 0);
        }
        groups.add(new GroupInfo(name));
        if (name != null) {
            Integer ogid = groupdict.get(name);
            if (ogid != null) {
                groups.remove(gid);
                throw error("redefinition of group name " + PyStrings.repr(name) + " as group " + gid
                        + "; was group " + ogid, nameLen + 1);
            }
            groupdict.put(name, gid);
        }
        return gid;
    }

    private boolean checkGroup(int gid) {
        return gid < groups.size() && groups.get(gid).closed;
    }

    private void checkLookbehindGroup(int gid) {
        if (lookbehindGroups != null) {
            if (!checkGroup(gid)) {
                throw error("cannot refer to an open group", 0);
            }
            if (gid >= lookbehindGroups) {
                throw error("cannot refer to group defined in the same lookbehind subpattern", 0);
            }
        }
    }

    // ---------------------------------------------------------------- flags

    private static int flagOf(int c) {
        switch (c) {
            case 'i':
                return PyFlags.IGNORECASE;
            case 'L':
                return PyFlags.LOCALE;
            case 'm':
                return PyFlags.MULTILINE;
            case 's':
                return PyFlags.DOTALL;
            case 'x':
                return PyFlags.VERBOSE;
            case 'a':
                return PyFlags.ASCII;
            case 't':
                return TEMPLATE;
            case 'u':
                return PyFlags.UNICODE;
            default:
                return 0;
        }
    }

    private static boolean isFlagChar(int tok) {
        return !isEscape(tok) && tok != END && flagOf(tok) != 0;
    }

    /** Returns null for global flags {@code (?x)}, else {add, del}. */
    private int[] parseFlags(int ch) {
        int add = 0;
        int del = 0;
        int c = ch;
        if (c != '-') {
            while (true) {
                int flag = flagOf(c);
                if (c == 'L') {
                    throw error("bad inline flags: cannot use 'L' flag with a str pattern", 0);
                }
                add |= flag;
                if ((flag & PyFlags.TYPE_FLAGS) != 0 && (add & PyFlags.TYPE_FLAGS) != flag) {
                    throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0);
                }
                c = get();
                if (c == END) {
                    throw error("missing -, : or )", 0);
                }
                if (c == ')' || c == '-' || c == ':') {
                    break;
                }
                if (!isFlagChar(c)) {
                    String msg = !isEscape(c) && Character.isLetter(c) ? "unknown flag" : "missing -, : or )";
                    throw error(msg, tokLen(c));
                }
            }
        }
        if (c == ')') {
            stateFlags |= add;
            return null;
        }
        if ((add & TEMPLATE) != 0) {
            throw error("bad inline flags: cannot turn on global flag", 1);
        }
        if (c == '-') {
            c = get();
            if (c == END) {
                throw error("missing flag", 0);
            }
            if (!isFlagChar(c)) {
                String msg = !isEscape(c) && Character.isLetter(c) ? "unknown flag" : "missing flag";
                throw error(msg, tokLen(c));
            }
            while (true) {
                int flag = flagOf(c);
                if ((flag & PyFlags.TYPE_FLAGS) != 0) {
                    throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0);
                }
                del |= flag;
                c = get();
                if (c == END) {
                    throw error("missing :", 0);
                }
                if (c == ':') {
                    break;
                }
                if (!isFlagChar(c)) {
                    String msg = !isEscape(c) && Character.isLetter(c) ? "unknown flag" : "missing :";
                    throw error(msg, tokLen(c));
                }
            }
        }
        if ((del & TEMPLATE) != 0) {
            throw error("bad inline flags: cannot turn off global flag", 1);
        }
        if ((add & del) != 0) {
            throw error("bad inline flags: flag turned on and off", 1);
        }
        return new int[] {add, del};
    }

    private static int combineFlags(int flags, int add, int del) {
        int f = flags;
        if ((add & PyFlags.TYPE_FLAGS) != 0) {
            f &= ~PyFlags.TYPE_FLAGS;
        }
        return (f | add) & ~del;
    }

    private boolean ascii() {
        return (curFlags & PyFlags.ASCII) != 0;
    }

    private boolean verbose() {
        return (curFlags & PyFlags.VERBOSE) != 0;
    }

    // ---------------------------------------------------------------- escapes

    private Node escape(int tok) {
        int c = escChar(tok);
        switch (c) {
            case 'A':
                return new At(AtKind.BEGINNING_STRING, ascii());
            case 'b':
                return new At(AtKind.BOUNDARY, ascii());
            case 'B':
                return new At(AtKind.NON_BOUNDARY, ascii());
            case 'Z':
                return new At(AtKind.END_STRING, ascii());
            case 'd':
            case 'D':
            case 's':
            case 'S':
            case 'w':
            case 'W':
                return new Cat(catKind(c), ascii());
            default:
                break;
        }
        int simple = simpleEscape(c);
        if (simple >= 0) {
            return new Lit(simple);
        }
        String esc = tokString(tok);
        switch (c) {
            case 'x':
                return new Lit(hexEscape(esc, 2));
            case 'u':
                return new Lit(hexEscape(esc, 4));
            case 'U':
                return new Lit(hexEscape(esc, 8));
            case 'N':
                return new Lit(namedEscape());
            case '0': {
                String digits = getWhile(2, PyParser::isOctDigit);
                return new Lit(Integer.parseInt("0" + digits, 8));
            }
            default:
                break;
        }
        if (isDigit(c)) {
            StringBuilder e = new StringBuilder(esc);
            if (isDigit(next)) {
                e.appendCodePoint(get());
                if (isOctDigit(e.charAt(1)) && isOctDigit(e.charAt(2)) && isOctDigit(next)) {
                    e.appendCodePoint(get());
                    int value = Integer.parseInt(e.substring(1), 8);
                    if (value > 0377) {
                        throw error("octal escape value " + e + " outside of range 0-0o377", e.length());
                    }
                    return new Lit(value);
                }
            }
            int group = Integer.parseInt(e.substring(1));
            if (group < groups.size()) {
                if (!checkGroup(group)) {
                    throw error("cannot refer to an open group", e.length());
                }
                checkLookbehindGroup(group);
                if (lookbehindDepth > 0) {
                    refuse(tell() - e.length(), "a back-reference inside a lookbehind is not supported by "
                            + "java.util.regex");
                }
                return new BackRef(group);
            }
            throw error("invalid group reference " + group, e.length() - 1);
        }
        if (isAsciiLetter(c)) {
            throw error("bad escape " + esc, esc.length());
        }
        return new Lit(c);
    }

    private SetItem classEscape(int tok) {
        int c = escChar(tok);
        int simple = simpleEscape(c);
        if (simple >= 0) {
            return new SetLit(simple);
        }
        if (c == 'b') {
            return new SetLit(8);
        }
        switch (c) {
            case 'd':
            case 'D':
            case 's':
            case 'S':
            case 'w':
            case 'W':
                return new SetCat(catKind(c), ascii());
            default:
                break;
        }
        String esc = tokString(tok);
        switch (c) {
            case 'x':
                return new SetLit(hexEscape(esc, 2));
            case 'u':
                return new SetLit(hexEscape(esc, 4));
            case 'U':
                return new SetLit(hexEscape(esc, 8));
            case 'N':
                return new SetLit(namedEscape());
            default:
                break;
        }
        if (isOctDigit(c)) {
            String e = esc + getWhile(2, PyParser::isOctDigit);
            int value = Integer.parseInt(e.substring(1), 8);
            if (value > 0377) {
                throw error("octal escape value " + e + " outside of range 0-0o377", e.length());
            }
            return new SetLit(value);
        }
        if (isDigit(c) || isAsciiLetter(c)) {
            throw error("bad escape " + esc, esc.length());
        }
        return new SetLit(c);
    }

    private static int simpleEscape(int c) {
        switch (c) {
            case 'a':
                return 7;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0b;
            case '\\':
                return '\\';
            default:
                return -1;
        }
    }

    private static CatKind catKind(int c) {
        switch (c) {
            case 'd':
                return CatKind.DIGIT;
            case 'D':
                return CatKind.NOT_DIGIT;
            case 's':
                return CatKind.SPACE;
            case 'S':
                return CatKind.NOT_SPACE;
            case 'w':
                return CatKind.WORD;
            default:
                return CatKind.NOT_WORD;
        }
    }

    private int hexEscape(String esc, int digits) {
        String e = esc + getWhile(digits, PyParser::isHexDigit);
        if (e.length() != digits + 2) {
            throw error("incomplete escape " + e, e.length());
        }
        long value = Long.parseLong(e.substring(2), 16);
        if (value > Character.MAX_CODE_POINT) {
            throw error("bad escape " + e, e.length());
        }
        return (int) value;
    }

    private int namedEscape() {
        if (!match('{')) {
            throw error("missing {", 0);
        }
        String name = getUntil('}', "character name");
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw error("undefined character name " + PyStrings.repr(name), name.codePointCount(0, name.length()) + 4);
        }
    }

    // ---------------------------------------------------------------- grammar

    private Node parseSub(int nested) {
        List<Node> items = new ArrayList<>();
        while (true) {
            items.add(parseSeq(nested + 1, nested == 0 && items.isEmpty()));
            if (!match('|')) {
                break;
            }
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return new Alt(items);
    }

    private Node parseSeq(int nested, boolean first) {
        List<Node> sub = new ArrayList<>();
        while (true) {
            int tok = next;
            if (tok == END || tok == '|' || tok == ')') {
                break;
            }
            advance();
            if (verbose()) {
                if (tok == ' ' || tok == '\t' || tok == '\n' || tok == '\r' || tok == 0x0b || tok == '\f') {
                    continue;
                }
                if (tok == '#') {
                    while (true) {
                        int t = get();
                        if (t == END || t == '\n') {
                            break;
                        }
                    }
                    continue;
                }
            }
            if (isEscape(tok)) {
                sub.add(escape(tok));
            } else if (tok == '[') {
                sub.add(parseSet());
            } else if (tok == '*' || tok == '+' || tok == '?' || tok == '{') {
                parseRepeat(tok, sub);
            } else if (tok == '.') {
                sub.add(new AnyChar());
            } else if (tok == '(') {
                if (parseParen(sub, nested, first)) {
                    continue;
                }
            } else if (tok == '^') {
                sub.add(new At((curFlags & PyFlags.MULTILINE) != 0 ? AtKind.BEGINNING_LINE : AtKind.BEGINNING,
                        ascii()));
            } else if (tok == '$') {
                sub.add(new At((curFlags & PyFlags.MULTILINE) != 0 ? AtKind.END_LINE : AtKind.END, ascii()));
            } else {
                sub.add(new Lit(tok));
            }
        }
        return new Seq(sub);
    }

    private Node parseSet() {
        int here = tell() - 1;
        List<SetItem> set = new ArrayList<>();
        boolean negate = match('^');
        while (true) {
            int tok = get();
            if (tok == END) {
                throw error("unterminated character set", tell() - here);
            }
            if (tok == ']' && !set.isEmpty()) {
                break;
            }
            SetItem code1 = isEscape(tok) ? classEscape(tok) : new SetLit(tok);
            if (match('-')) {
                int that = get();
                if (that == END) {
                    throw error("unterminated character set", tell() - here);
                }
                if (that == ']') {
                    set.add(code1);
                    set.add(new SetLit('-'));
                    break;
                }
                SetItem code2 = isEscape(that) ? classEscape(that) : new SetLit(that);
                String rangeText = tokString(tok) + "-" + tokString(that);
                if (!(code1 instanceof SetLit) || !(code2 instanceof SetLit)) {
                    throw error("bad character range " + rangeText, tokLen(tok) + 1 + tokLen(that));
                }
                int lo = ((SetLit) code1).codePoint();
                int hi = ((SetLit) code2).codePoint();
                if (hi < lo) {
                    throw error("bad character range " + rangeText, tokLen(tok) + 1 + tokLen(that));
                }
                set.add(new SetRange(lo, hi));
            } else {
                set.add(code1);
            }
        }
        return new CharSet(negate, set);
    }

    private void parseRepeat(int tok, List<Node> sub) {
        int here = tell();
        long min;
        long max;
        if (tok == '?') {
            min = 0;
            max = 1;
        } else if (tok == '*') {
            min = 0;
            max = MAXREPEAT;
        } else if (tok == '+') {
            min = 1;
            max = MAXREPEAT;
        } else {
            if (next == '}') {
                sub.add(new Lit('{'));
                return;
            }
            min = 0;
            max = MAXREPEAT;
            StringBuilder lo = new StringBuilder();
            StringBuilder hi = new StringBuilder();
            while (isDigit(next)) {
                lo.appendCodePoint(get());
            }
            if (match(',')) {
                while (isDigit(next)) {
                    hi.appendCodePoint(get());
                }
            } else {
                hi.append(lo);
            }
            if (!match('}')) {
                sub.add(new Lit('{'));
                seek(here);
                return;
            }
            if (lo.length() > 0) {
                min = parseCount(lo);
            }
            if (hi.length() > 0) {
                max = parseCount(hi);
                if (max < min) {
                    throw error("min repeat greater than max repeat", tell() - here);
                }
            }
        }
        Node item = sub.isEmpty() ? null : sub.get(sub.size() - 1);
        if (item == null || item instanceof At) {
            throw error("nothing to repeat", tell() - here + 1);
        }
        if (item instanceof Repeat) {
            throw error("multiple repeat", tell() - here + 1);
        }
        RepeatMode mode;
        if (match('?')) {
            mode = RepeatMode.LAZY;
        } else if (match('+')) {
            mode = RepeatMode.POSSESSIVE;
        } else {
            mode = RepeatMode.GREEDY;
        }
        if (min >= Integer.MAX_VALUE || (max != MAXREPEAT && max >= Integer.MAX_VALUE)) {
            refuse(here - 1, "repeat count " + (max != MAXREPEAT ? max : min)
                    + " is too large for java.util.regex");
        }
        sub.set(sub.size() - 1, new Repeat(item, min, max == MAXREPEAT ? Repeat.UNBOUNDED : max, mode));
    }

    private long parseCount(CharSequence digits) {
        if (digits.length() > 10 || Long.parseLong(digits.toString()) >= MAXREPEAT) {
            throw new RegexSyntaxException(original, -1, "the repetition number is too large");
        }
        return Long.parseLong(digits.toString());
    }

    /** Parses after {@code (}; returns true when nothing was added (comment or global flags). */
    private boolean parseParen(List<Node> sub, int nested, boolean first) {
        int start = tell() - 1;
        boolean capture = true;
        GroupKind kind = GroupKind.CAPTURE;
        String name = null;
        int nameLen = 0;
        int add = 0;
        int del = 0;
        if (match('?')) {
            int ch = get();
            if (ch == END) {
                throw error("unexpected end of pattern", 0);
            }
            if (ch == 'P') {
                if (match('<')) {
                    name = getUntil('>', "group name");
                    nameLen = name.codePointCount(0, name.length());
                    checkGroupName(name, 1);
                } else if (match('=')) {
                    String ref = getUntil(')', "group name");
                    int refLen = ref.codePointCount(0, ref.length());
                    checkGroupName(ref, 1);
                    Integer gid = groupdict.get(ref);
                    if (gid == null) {
                        throw error("unknown group name " + PyStrings.repr(ref), refLen + 1);
                    }
                    if (!checkGroup(gid)) {
                        throw error("cannot refer to an open group", refLen + 1);
                    }
                    checkLookbehindGroup(gid);
                    if (lookbehindDepth > 0) {
                        refuse(start, "a back-reference inside a lookbehind is not supported by java.util.regex");
                    }
                    sub.add(new BackRef(gid));
                    return false;
                } else {
                    int c = get();
                    if (c == END) {
                        throw error("unexpected end of pattern", 0);
                    }
                    throw error("unknown extension ?P" + tokString(c), tokLen(c) + 2);
                }
            } else if (ch == ':') {
                capture = false;
                kind = GroupKind.NON_CAPTURE;
            } else if (ch == '#') {
                while (true) {
                    if (next == END) {
                        throw error("missing ), unterminated comment", tell() - start);
                    }
                    if (get() == ')') {
                        break;
                    }
                }
                return true;
            } else if (ch == '=' || ch == '!' || ch == '<') {
                boolean behind = false;
                int c = ch;
                if (c == '<') {
                    c = get();
                    if (c == END) {
                        throw error("unexpected end of pattern", 0);
                    }
                    if (c != '=' && c != '!') {
                        throw error("unknown extension ?<" + tokString(c), tokLen(c) + 2);
                    }
                    behind = true;
                }
                Integer savedLookbehind = lookbehindGroups;
                if (behind) {
                    if (lookbehindGroups == null) {
                        lookbehindGroups = groups.size();
                    }
                    lookbehindDepth++;
                }
                Node p = parseSub(nested + 1);
                if (behind) {
                    lookbehindDepth--;
                    if (savedLookbehind == null) {
                        lookbehindGroups = null;
                    }
                }
                if (!match(')')) {
                    throw error("missing ), unterminated subpattern", tell() - start);
                }
                if (behind) {
                    long[] w = width(p);
                    if (w[0] != w[1] && compileError == null) {
                        compileError = new RegexSyntaxException(original, -1,
                                "look-behind requires fixed-width pattern");
                    }
                    kind = c == '=' ? GroupKind.LOOKBEHIND : GroupKind.NEG_LOOKBEHIND;
                } else {
                    kind = c == '=' ? GroupKind.LOOKAHEAD : GroupKind.NEG_LOOKAHEAD;
                }
                sub.add(new Group(kind, 0, null, curFlags, p));
                return false;
            } else if (ch == '(') {
                parseConditional(sub, nested, start);
                return false;
            } else if (ch == '>') {
                capture = false;
                kind = GroupKind.ATOMIC;
            } else if (isFlagChar(ch) || ch == '-') {
                int[] flags = parseFlags(ch);
                if (flags == null) {
                    if (!first || !sub.isEmpty()) {
                        throw error("global flags not at the start of the expression", tell() - start);
                    }
                    if ((stateFlags & TEMPLATE) != 0) {
                        refuse(start, "the TEMPLATE flag is not supported");
                    }
                    curFlags = stateFlags;
                    return true;
                }
                add = flags[0];
                del = flags[1];
                capture = false;
                kind = GroupKind.NON_CAPTURE;
            } else {
                throw error("unknown extension ?" + tokString(ch), tokLen(ch) + 1);
            }
        }
        int group = 0;
        if (capture) {
            group = openGroup(name, nameLen);
        }
        int saved = curFlags;
        curFlags = combineFlags(curFlags, add, del);
        int inner = curFlags;
        Node p = parseSub(nested + 1);
        curFlags = saved;
        if (!match(')')) {
            throw error("missing ), unterminated subpattern", tell() - start);
        }
        if (group != 0) {
            GroupInfo g = groups.get(group);
            long[] w = width(p);
            g.lo = w[0];
            g.hi = w[1];
            g.closed = true;
        }
        sub.add(new Group(kind, group, name, inner, p));
        return false;
    }

    private void parseConditional(List<Node> sub, int nested, int start) {
        String condname = getUntil(')', "group name");
        int condLen = condname.codePointCount(0, condname.length());
        int condgroup;
        int refPos = tell() - condLen - 1;
        if (isIdentifier(condname)) {
            Integer gid = groupdict.get(condname);
            if (gid == null) {
                throw error("unknown group name " + PyStrings.repr(condname), condLen + 1);
            }
            condgroup = gid;
        } else {
            long value = parsePythonInt(condname);
            if (value < 0) {
                throw error("bad character in group name " + PyStrings.repr(condname), condLen + 1);
            }
            if (value == 0) {
                throw error("bad group number", condLen + 1);
            }
            if (value >= MAXGROUPS) {
                throw error("invalid group reference " + value, condLen + 1);
            }
            condgroup = (int) value;
            grouprefpos.putIfAbsent(condgroup, refPos);
        }
        checkLookbehindGroup(condgroup);
        if (lookbehindDepth > 0) {
            refuse(start, "a conditional group inside a lookbehind is not supported by java.util.regex");
        } else if (condgroup >= groups.size()) {
            refuse(refPos, "a conditional reference to group " + condgroup
                    + " before that group is defined is not supported");
        } else if (!groups.get(condgroup).closed) {
            refuse(refPos, "a conditional reference to group " + condgroup
                    + " from inside that group is not supported");
        }
        Node yes = parseSeq(nested + 1, false);
        Node no = null;
        if (match('|')) {
            no = parseSeq(nested + 1, false);
            if (next == '|') {
                throw error("conditional backref with more than two branches", 0);
            }
        }
        if (!match(')')) {
            throw error("missing ), unterminated subpattern", tell() - start);
        }
        condRefs.add(condgroup);
        sub.add(new Cond(condgroup, yes, no));
    }

    /** Python's {@code int(text)} for non-negative results; -1 when Python would raise ValueError or the
     * value is negative. */
    static long parsePythonInt(String text) {
        String t = PyStrings.strip(text);
        boolean negative = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return -1;
        }
        long value = 0;
        boolean lastDigit = false;
        for (int i = 0; i < t.length(); ) {
            int c = t.codePointAt(i);
            i += Character.charCount(c);
            if (c == '_') {
                if (!lastDigit) {
                    return -1;
                }
                lastDigit = false;
                continue;
            }
            if (Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) {
                return -1;
            }
            value = Math.min(value * 10 + Character.digit(c, 10), Long.MAX_VALUE / 20);
            lastDigit = true;
        }
        if (!lastDigit) {
            return -1;
        }
        return negative && value != 0 ? -1 : value;
    }

    // ---------------------------------------------------------------- widths

    /** Python's {@code getwidth()}: a back-reference is as wide as its group. */
    private long[] width(Node n) {
        return PyAst.width(n, g -> new long[] {groups.get(g).lo, groups.get(g).hi});
    }
}
