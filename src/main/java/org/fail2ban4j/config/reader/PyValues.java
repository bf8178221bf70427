package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.util.List;
import java.util.Map;

/** Python conversions and representations of the plain values in a command stream. */
public final class PyValues {
    private PyValues() {
    }

    /** Upstream {@code _as_bool}: text is true when it is 1, on, true or yes (any case). */
    public static boolean asBool(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            String s = ((String) v).toLowerCase(java.util.Locale.ROOT);
            return s.equals("1") || s.equals("on") || s.equals("true") || s.equals("yes");
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        return v != null;
    }

    /**
     * Python's {@code int(text)}: surrounding whitespace, a sign, digits with single underscores between them.
     *
     * @throws NumberFormatException with Python's message when the text is not an integer
     */
    public static long parseInt(String text) {
        String s = PyStrings.strip(text);
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean ok = !digits.isEmpty() && !digits.startsWith("_") && !digits.endsWith("_") && !digits.contains("__");
        for (int i = 0; ok && i < digits.length(); i++) {
            char c = digits.charAt(i);
            ok = c == '_' || Character.isDigit(c);
        }
        if (!ok) {
            throw new NumberFormatException("invalid literal for int() with base 10: " + PyStrings.repr(text));
        }
        StringBuilder sb = new StringBuilder();
        if (s.startsWith("-")) {
            sb.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c != '_') {
                sb.append(Character.digit(c, 10));
            }
        }
        return Long.parseLong(sb.toString());
    }

    /** Python's {@code repr()} of a stream value: str, int, bool, None, list, dict. */
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb);
        return sb.toString();
    }

    private static void repr(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String) {
            sb.append(PyStrings.repr((String) v));
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<?>) v) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(o, sb);
            }
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(e.getKey(), sb);
                sb.append(": ");
                repr(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            sb.append(v);
        }
    }
}
