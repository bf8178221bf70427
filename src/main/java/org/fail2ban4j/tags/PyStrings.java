package org.fail2ban4j.tags;

import java.util.Map;

/** The Python string helpers of this package's messages (the common ones come from {@code regex.PyStrings}). */
final class PyStrings {

    private PyStrings() {
    }

    /** Python's {@code str.strip()} without arguments. */
    static String strip(String s) {
        return org.fail2ban4j.regex.PyStrings.strip(s);
    }

    /** Python's {@code repr(str)}. */
    static String repr(String s) {
        return org.fail2ban4j.regex.PyStrings.repr(s);
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
