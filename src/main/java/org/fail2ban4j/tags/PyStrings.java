package org.fail2ban4j.tags;

import java.util.Map;

/** Python string helpers the ported messages and parsers need: {@code repr(str)}, {@code str.strip()}. */
final class PyStrings {

    private PyStrings() {
    }

    /** Python's {@code str.isspace()} for one character (Unicode whitespace plus the separators 0x1c-0x1f). */
    static boolean isPySpace(int c) {
        switch (c) {
            case '\t': case '\n': case 0x0b: case 0x0c: case '\r': case 0x1c: case 0x1d: case 0x1e: case 0x1f:
            case ' ': case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f:
            case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200a;
        }
    }

    /** Python's {@code str.strip()} without arguments. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPySpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPySpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Python's {@code repr(str)}: single quotes unless the text has a {@code '} and no {@code "}. */
    static String repr(String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int k = 0; k < s.length(); ) {
            int c = s.codePointAt(k);
            k += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                sb.appendCodePoint(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Python's {@code repr()} of a {@code dict} of {@code str} to {@code int}. */
    static String dictRepr(Map<String, Integer> map) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(repr(e.getKey())).append(": ").append(e.getValue());
        }
        return sb.append('}').toString();
    }

    /** Number of code points in {@code s} before char index {@code index} (Python string positions). */
    static int codePointIndex(String s, int index) {
        return s.codePointCount(0, index);
    }

    /** The first {@code n} code points of {@code s} (Python's {@code s[0:n]}). */
    static String head(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }
}
