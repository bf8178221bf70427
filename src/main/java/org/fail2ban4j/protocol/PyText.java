package org.fail2ban4j.protocol;

import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.regex.PyStrings;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code repr()} and {@code str()} of the plain wire values: {@code null} (None), {@link Boolean},
 * integers ({@link Long}, {@link Integer}, {@link BigInteger}), {@link Double}, {@link String}, {@code byte[]},
 * {@link List}, {@link PyTuple}, {@link Map}, {@link java.util.Set} and {@link PyException}. Error messages that
 * quote a value with {@code %r} and the client's output of replies are built with these.
 */
public final class PyText {
    private PyText() {
    }

    /** Python's {@code str(value)}: a string is itself, an exception its message, anything else its repr. */
    public static String str(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof PyException) {
            return ((PyException) value).message();
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}. */
    public static String repr(Object value) {
        StringBuilder sb = new StringBuilder();
        repr(value, sb, 0);
        return sb.toString();
    }

    private static void repr(Object v, StringBuilder sb, int depth) {
        if (depth > 1000) {
            throw new IllegalArgumentException("value nested too deeply to print");
        }
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String) {
            reprString((String) v, sb);
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short
                || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(reprFloat(((Number) v).doubleValue()));
        } else if (v instanceof byte[]) {
            reprBytes((byte[]) v, sb);
        } else if (v instanceof PyTuple) {
            List<Object> items = ((PyTuple) v).items();
            sb.append('(');
            join(items, sb, depth);
            if (items.size() == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (v instanceof List) {
            sb.append('[');
            join((List<?>) v, sb, depth);
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(e.getKey(), sb, depth + 1);
                sb.append(": ");
                repr(e.getValue(), sb, depth + 1);
            }
            sb.append('}');
        } else if (v instanceof Collection) {
            Collection<?> c = (Collection<?>) v;
            if (c.isEmpty()) {
                sb.append("set()");
            } else {
                sb.append('{');
                join(c, sb, depth);
                sb.append('}');
            }
        } else if (v instanceof PyException) {
            sb.append(((PyException) v).repr());
        } else {
            throw new IllegalArgumentException("not a plain wire value: " + v.getClass().getName());
        }
    }

    private static void join(Collection<?> items, StringBuilder sb, int depth) {
        boolean first = true;
        for (Object o : items) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            repr(o, sb, depth + 1);
        }
    }

    /** Python's {@code repr(str)}: single quotes unless the text holds {@code '} and no {@code "}. */
    public static String reprString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        reprString(s, sb);
        return sb.toString();
    }

    private static void reprString(String s, StringBuilder sb) {
        sb.append(PyStrings.repr(s));
    }

    private static void reprBytes(byte[] b, StringBuilder sb) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        sb.append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                hex(sb, "\\x", c, 2);
            } else {
                sb.append((char) c);
            }
        }
        sb.append(quote);
    }

    private static void hex(StringBuilder sb, String prefix, int c, int width) {
        String h = Integer.toHexString(c);
        sb.append(prefix);
        for (int k = h.length(); k < width; k++) {
            sb.append('0');
        }
        sb.append(h);
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back to the same double, fixed notation for
     * decimal exponents {@code -4 <= exp < 16}, else scientific ({@code 1e+16}, {@code 1.5e-05}).
     */
    public static String reprFloat(double x) {
        return PyFloats.repr(x);
    }
}
