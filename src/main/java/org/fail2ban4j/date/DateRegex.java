package org.fail2ban4j.date;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled date regex: the Python-syntax text of a date template turned into a {@code java.util.regex}
 * {@link Pattern}, with the map from Python group numbers and names to Java group numbers.
 *
 * <p>This is the one place where date regexes are compiled ({@link #compile(String)}), so that it can later be
 * switched to the project-wide Python-regex translator. Until then it handles the Python constructs the date
 * templates and the stock {@code datepattern}s need, and passes everything else through unchanged:
 * <ul>
 *   <li>{@code (?P<name>...)} becomes a plain capturing group (the names are kept here), {@code (?P=name)} and
 *       {@code \N} back-references are renumbered;</li>
 *   <li>conditionals {@code (?(name)yes|no)} on a group that is already closed are emulated with an empty
 *       marker group at the end of the referenced group and a back-reference to it;</li>
 *   <li>{@code \Z} becomes {@code \z}; {@code {,n}} becomes {@code {0,n}}; an opening brace that does not
 *       start a quantifier is escaped (Python reads it literally); {@code [} and {@code &} inside a character
 *       class are escaped; {@code (?#...)} comments are dropped.</li>
 * </ul>
 * Flags are {@link Pattern#UNICODE_CHARACTER_CLASS} (Python 3 {@code \d}, {@code \w}, {@code \s}, {@code \b} are
 * Unicode) and {@link Pattern#UNIX_LINES} ({@code $} and {@code .} know only {@code \n}, as in Python).
 * Not supported: the inline flags {@code a} and {@code L}, conditionals on a group that is still open,
 * and the small differences of verbose mode ({@code (?x)}) between the two engines; such patterns either fail
 * to compile with an error naming the pattern or behave as in Java.
 */
final class DateRegex {

    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    private final String source;
    private final Pattern pattern;
    /** index: Python group number, value: Java group number (index 0 is the whole match). */
    private final int[] pyToJava;
    private final Map<String, Integer> names;

    private DateRegex(String source, Pattern pattern, int[] pyToJava, Map<String, Integer> names) {
        this.source = source;
        this.pattern = pattern;
        this.pyToJava = pyToJava;
        this.names = names;
    }

    /**
     * Compiles a date regex written in Python syntax.
     *
     * @throws IllegalArgumentException naming the regex if it cannot be translated or compiled
     */
    static DateRegex compile(String pyRegex) {
        Translator t = new Translator(pyRegex);
        String java = t.translate();
        try {
            Pattern p = Pattern.compile(java, FLAGS);
            int[] map = new int[t.pyToJava.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = t.pyToJava.get(i);
            }
            return new DateRegex(pyRegex, p, map, Map.copyOf(t.names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " in '" + pyRegex + "'", e);
        }
    }

    String source() {
        return source;
    }

    Pattern pattern() {
        return pattern;
    }

    /** Number of capturing groups as Python counts them. */
    int groupCount() {
        return pyToJava.length - 1;
    }

    /** The Java group number of a Python group number. */
    int javaGroup(int pyGroup) {
        return pyToJava[pyGroup];
    }

    /** The Python group number of a named group, or -1. */
    int groupIndex(String name) {
        Integer i = names.get(name);
        return i == null ? -1 : i;
    }

    /** Names of the named groups, with their Python group numbers. */
    Map<String, Integer> groupNames() {
        return names;
    }

    /**
     * Searches like Python's {@code regex.search(line, pos, endpos)}: {@code ^} matches only at the real start
     * of the line, look-behinds and {@code \b} see the text before {@code pos}, and the text ends at
     * {@code endpos} ({@code $} matches there, look-aheads see nothing after it).
     *
     * @return the matcher positioned on the match, or null
     */
    Matcher search(String line, int pos, int endpos) {
        int len = line.length();
        if (endpos > len) {
            endpos = len;
        }
        if (pos < 0) {
            pos = 0;
        }
        if (pos > endpos) {
            return null;
        }
        Matcher m;
        if (endpos < len) {
            m = pattern.matcher(line.substring(0, endpos));
        } else {
            m = pattern.matcher(line);
        }
        if (pos > 0) {
            m.region(pos, endpos).useTransparentBounds(true).useAnchoringBounds(false);
        }
        return m.find() ? m : null;
    }

    /** Searches the whole line. */
    Matcher search(String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m : null;
    }

    @Override
    public String toString() {
        return source;
    }

    /** One pass over the Python text, emitting Java syntax. */
    private static final class Translator {
        private static final int CAPTURE = 1;
        private static final int COND = 2;
        private static final int OTHER = 3;

        private final String src;
        private final StringBuilder out;
        private final List<Integer> pyToJava = new ArrayList<>();
        private final Map<String, Integer> names = new HashMap<>();
        /** py group number -> java number of its marker group (conditional support). */
        private final Map<Integer, Integer> markers = new HashMap<>();
        private final boolean[] referenced;
        private int javaGroups;
        private int pos;
        /** open groups: {kind, py group or marker java group, bar seen}. */
        private final List<int[]> stack = new ArrayList<>();

        Translator(String src) {
            this.src = src;
            this.out = new StringBuilder(src.length() + 16);
            this.pyToJava.add(0);
            this.referenced = conditionalTargets(src);
        }

        /** Which Python groups are referenced by a conditional (pre-scan, by number; names resolved later). */
        private static boolean[] conditionalTargets(String src) {
            if (!src.contains("(?(")) {
                return new boolean[0];
            }
            // first pass: number the groups and resolve the conditional ids
            Map<String, Integer> names = new HashMap<>();
            List<String> ids = new ArrayList<>();
            int groups = 0;
            boolean inClass = false;
            for (int i = 0; i < src.length(); i++) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (inClass) {
                    if (c == ']') {
                        inClass = false;
                    }
                } else if (c == '[') {
                    inClass = true;
                    if (i + 1 < src.length() && src.charAt(i + 1) == '^') {
                        i++;
                    }
                    if (i + 1 < src.length() && src.charAt(i + 1) == ']') {
                        i++;
                    }
                } else if (c == '(') {
                    if (src.startsWith("(?P<", i)) {
                        int e = src.indexOf('>', i);
                        groups++;
                        if (e > 0) {
                            names.put(src.substring(i + 4, e), groups);
                        }
                    } else if (src.startsWith("(?(", i)) {
                        int e = src.indexOf(')', i + 3);
                        if (e > 0) {
                            ids.add(src.substring(i + 3, e));
                        }
                    } else if (i + 1 >= src.length() || src.charAt(i + 1) != '?') {
                        groups++;
                    }
                }
            }
            boolean[] ref = new boolean[groups + 1];
            for (String id : ids) {
                Integer g = names.get(id);
                if (g == null && id.chars().allMatch(Character::isDigit) && !id.isEmpty()) {
                    g = Integer.parseInt(id);
                }
                if (g != null && g <= groups) {
                    ref[g] = true;
                }
            }
            return ref;
        }

        String translate() {
            int n = src.length();
            while (pos < n) {
                char c = src.charAt(pos);
                switch (c) {
                    case '\\' -> escape();
                    case '[' -> charClass();
                    case '(' -> open();
                    case ')' -> close();
                    case '|' -> bar();
                    case '{' -> brace();
                    default -> {
                        out.append(c);
                        pos++;
                    }
                }
            }
            if (!stack.isEmpty()) {
                throw new IllegalArgumentException("missing ), unterminated subpattern in '" + src + "'");
            }
            return out.toString();
        }

        private void escape() {
            if (pos + 1 >= src.length()) {
                throw new IllegalArgumentException("bad escape (end of pattern) in '" + src + "'");
            }
            char c = src.charAt(pos + 1);
            if (c == 'Z') {
                out.append("\\z");
                pos += 2;
            } else if (c >= '1' && c <= '9') {
                int e = pos + 2;
                if (e < src.length() && isDigit(src.charAt(e))) {
                    e++;
                }
                // three octal digits form an octal escape in Python
                if (e - pos == 3 && e < src.length() && isOctal(src.charAt(pos + 1)) && isOctal(src.charAt(pos + 2))
                        && isOctal(src.charAt(e))) {
                    out.append("\\0").append(src, pos + 1, e + 1);
                    pos = e + 1;
                    return;
                }
                int py = Integer.parseInt(src.substring(pos + 1, e));
                if (py >= pyToJava.size()) {
                    throw new IllegalArgumentException("invalid group reference " + py + " in '" + src + "'");
                }
                out.append("(?:\\").append(pyToJava.get(py)).append(')');
                pos = e;
            } else if (c == '0') {
                int e = pos + 2;
                while (e < src.length() && e < pos + 4 && isOctal(src.charAt(e))) {
                    e++;
                }
                out.append("\\0").append(src, pos + 1, e);
                pos = e;
            } else if (c == 'U' && pos + 10 <= src.length()) {
                out.append("\\x{").append(src, pos + 2, pos + 10).append('}');
                pos += 10;
            } else {
                out.append('\\').append(c);
                pos += 2;
            }
        }

        private void charClass() {
            int n = src.length();
            out.append('[');
            pos++;
            if (pos < n && src.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            if (pos < n && src.charAt(pos) == ']') {
                out.append("\\]");
                pos++;
            }
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '\\' && pos + 1 < n) {
                    out.append(c).append(src.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                pos++;
                if (c == ']') {
                    out.append(']');
                    return;
                }
                if (c == '[' || c == '&') {
                    out.append('\\');
                }
                out.append(c);
            }
            throw new IllegalArgumentException("unterminated character set in '" + src + "'");
        }

        private void open() {
            if (src.startsWith("(?P<", pos)) {
                int e = src.indexOf('>', pos);
                if (e < 0) {
                    throw new IllegalArgumentException("missing >, unterminated name in '" + src + "'");
                }
                String name = src.substring(pos + 4, e);
                int py = pyToJava.size();
                if (names.put(name, py) != null) {
                    throw new IllegalArgumentException("redefinition of group name '" + name + "' in '" + src + "'");
                }
                pyToJava.add(++javaGroups);
                out.append('(');
                stack.add(new int[] {CAPTURE, py, 0});
                pos = e + 1;
            } else if (src.startsWith("(?P=", pos)) {
                int e = src.indexOf(')', pos);
                if (e < 0) {
                    throw new IllegalArgumentException("missing ), unterminated name in '" + src + "'");
                }
                String name = src.substring(pos + 4, e);
                Integer py = names.get(name);
                if (py == null) {
                    throw new IllegalArgumentException("unknown group name '" + name + "' in '" + src + "'");
                }
                out.append("(?:\\").append(pyToJava.get(py)).append(')');
                pos = e + 1;
            } else if (src.startsWith("(?(", pos)) {
                int e = src.indexOf(')', pos + 3);
                if (e < 0) {
                    throw new IllegalArgumentException("missing ), unterminated name in '" + src + "'");
                }
                String id = src.substring(pos + 3, e);
                Integer py = names.get(id);
                if (py == null && !id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
                    py = Integer.parseInt(id);
                }
                Integer marker = py == null ? null : markers.get(py);
                if (marker == null) {
                    throw new IllegalArgumentException("conditional group (?(" + id + ")...) must refer to a closed"
                            + " group defined before it in '" + src + "'");
                }
                out.append("(?:\\").append(marker).append("(?:");
                stack.add(new int[] {COND, marker, 0});
                pos = e + 1;
            } else if (src.startsWith("(?#", pos)) {
                int e = src.indexOf(')', pos);
                if (e < 0) {
                    throw new IllegalArgumentException("missing ), unterminated comment in '" + src + "'");
                }
                pos = e + 1;
            } else if (src.startsWith("(?", pos)) {
                out.append("(?");
                pos += 2;
                stack.add(new int[] {OTHER, 0, 0});
            } else {
                int py = pyToJava.size();
                pyToJava.add(++javaGroups);
                out.append('(');
                stack.add(new int[] {CAPTURE, py, 0});
                pos++;
            }
        }

        private void close() {
            if (stack.isEmpty()) {
                throw new IllegalArgumentException("unbalanced parenthesis at position " + pos + " in '" + src + "'");
            }
            int[] top = stack.remove(stack.size() - 1);
            if (top[0] == CAPTURE && top[1] < referenced.length && referenced[top[1]]) {
                markers.put(top[1], ++javaGroups);
                out.append("())");
            } else if (top[0] == COND) {
                if (top[2] != 0) {
                    out.append("))");
                } else {
                    out.append(")|(?!\\").append(top[1]).append("))");
                }
            } else {
                out.append(')');
            }
            pos++;
        }

        private void bar() {
            if (!stack.isEmpty()) {
                int[] top = stack.get(stack.size() - 1);
                if (top[0] == COND && top[2] == 0) {
                    top[2] = 1;
                    out.append(")|(?!\\").append(top[1]).append(")(?:");
                    pos++;
                    return;
                }
            }
            out.append('|');
            pos++;
        }

        private void brace() {
            int n = src.length();
            int i = pos + 1;
            int loStart = i;
            while (i < n && isDigit(src.charAt(i))) {
                i++;
            }
            String lo = src.substring(loStart, i);
            String hi = null;
            if (i < n && src.charAt(i) == ',') {
                i++;
                int hiStart = i;
                while (i < n && isDigit(src.charAt(i))) {
                    i++;
                }
                hi = src.substring(hiStart, i);
            }
            if (i < n && src.charAt(i) == '}' && (!lo.isEmpty() || hi != null)) {
                out.append('{').append(lo.isEmpty() ? "0" : lo);
                if (hi != null) {
                    out.append(',').append(hi);
                }
                out.append('}');
                pos = i + 1;
            } else {
                out.append("\\{");
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isOctal(char c) {
            return c >= '0' && c <= '7';
        }
    }

    /** For tests: the Java text the Python regex was turned into. */
    String javaSource() {
        return pattern.pattern();
    }

    /** For tests: the Python to Java group map. */
    int[] groupMap() {
        return Arrays.copyOf(pyToJava, pyToJava.length);
    }
}
