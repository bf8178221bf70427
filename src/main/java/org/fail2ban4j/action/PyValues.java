package org.fail2ban4j.action;

import org.fail2ban4j.regex.PyStrings;
import java.util.Collection;
import java.util.Map;
import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.net.IpAddress;

/**
 * Python's {@code str()}, {@code repr()} and truth value of the values actions hold: property values from the
 * command stream ({@code str}, {@code bool}, numbers) and ticket data ({@code str}, numbers, lists).
 */
final class PyValues {

    private PyValues() {
    }

    /** Python's {@code str(value)}; {@code null} is {@code None}. */
    static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return scalar(value);
        }
        if (value instanceof IpAddress ip) {
            return ip.toString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return repr(value);
        }
        return value.toString();
    }

    /** Python's {@code repr(value)}. */
    static String repr(Object value) {
        if (value instanceof String s) {
            return reprStr(s);
        }
        if (value instanceof IpAddress ip) {
            return reprStr(ip.toString());
        }
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(repr(o));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return scalar(value);
        }
        return reprStr(value.toString());
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "None";
        }
        try {
            return PyFloats.reprNumber(value);
        } catch (IllegalArgumentException e) {
            return value.toString();
        }
    }

    /** Python's truth value: {@code None}, {@code False}, zero, empty text and empty collections are false. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Python's {@code repr(str)}. */
    static String reprStr(String s) {
        return PyStrings.repr(s);
    }
}
