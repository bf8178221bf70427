package org.fail2ban4j.regextool;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.regex.PyStrings;

/**
 * Python's {@code repr()} and {@code str()} of the values {@code fail2ban-regex} prints: the failure data of
 * {@code -o row}, the options of {@code Use   filter options : {...}} and the prefregex groups of {@code -v}.
 * Strings, None, booleans, integers, floats, address objects (printed as the repr of their text, as upstream's
 * {@code IPAddr}), lines split around their date (a 3-tuple), lists, sets (in insertion order: Python's own set
 * order depends on the string hash seed) and dicts.
 */
final class PyRepr {
    private PyRepr() {
    }

    /** Python's {@code repr(v)}. */
    static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb);
        return sb.toString();
    }

    /** Python's {@code str(v)}: as {@link #repr} except that a string or an address is itself. */
    static String str(Object v) {
        if (v instanceof CharSequence || v instanceof IpAddress) {
            return v.toString();
        }
        return repr(v);
    }

    private static void repr(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof CharSequence) {
            sb.append(PyStrings.repr((CharSequence) v));
        } else if (v instanceof IpAddress) {
            sb.append(PyStrings.repr(v.toString()));
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(PyFloats.repr(((Number) v).doubleValue()));
        } else if (v instanceof Number) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof TupleLine) {
            TupleLine t = (TupleLine) v;
            sb.append('(').append(PyStrings.repr(t.prefix())).append(", ").append(PyStrings.repr(t.dateText()))
                    .append(", ").append(PyStrings.repr(t.suffix())).append(')');
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
        } else if (v instanceof Set) {
            Set<?> s = (Set<?>) v;
            if (s.isEmpty()) {
                sb.append("set()");
            } else {
                items(s, sb.append('{'));
                sb.append('}');
            }
        } else if (v instanceof List) {
            items((List<?>) v, sb.append('['));
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    private static void items(Collection<?> c, StringBuilder sb) {
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            repr(o, sb);
        }
    }
}
