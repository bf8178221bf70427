package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a command stream as {@code fail2ban-client -d} does (Python's {@code print(repr(cmd))} per command) or as
 * {@code --dp} does (Python's {@code pprint.pformat(cmd, width=1000, indent=2)}).
 */
public final class StreamPrinter {
    private static final int WIDTH = 1000;
    private static final int INDENT = 2;
    private static final Pattern WORDS = Pattern.compile("\\S*\\s*", Pattern.UNICODE_CHARACTER_CLASS);

    private StreamPrinter() {
    }

    public static void print(List<List<Object>> stream, boolean pretty, PrintStream out) {
        for (List<Object> cmd : stream) {
            out.println(pretty ? pformat(cmd) : PyValues.repr(cmd));
        }
    }

    /** Python's {@code pprint.pformat(obj, width=1000, indent=2)} for lists, dicts and plain values. */
    public static String pformat(Object o) {
        StringBuilder sb = new StringBuilder();
        format(o, sb, 0, 0, 0);
        return sb.toString();
    }

    private static void format(Object o, StringBuilder sb, int indent, int allowance, int level) {
        String rep = PyValues.repr(o);
        int maxWidth = WIDTH - indent - allowance;
        if (rep.length() > maxWidth) {
            if (o instanceof List) {
                sb.append('[');
                formatItems((List<?>) o, sb, indent, allowance + 1, level + 1);
                sb.append(']');
                return;
            }
            if (o instanceof Map) {
                formatMap((Map<?, ?>) o, sb, indent, allowance, level + 1);
                return;
            }
            if (o instanceof String && !((String) o).isEmpty()) {
                formatString((String) o, sb, indent, allowance, level + 1);
                return;
            }
        }
        sb.append(rep);
    }

    private static void formatItems(List<?> items, StringBuilder sb, int indent, int allowance, int level) {
        indent += INDENT;
        sb.append(" ".repeat(INDENT - 1));
        String delimnl = ",\n" + " ".repeat(indent);
        String delim = "";
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            sb.append(delim);
            delim = delimnl;
            format(items.get(i), sb, indent, last ? allowance : 1, level);
        }
    }

    private static void formatMap(Map<?, ?> m, StringBuilder sb, int indent, int allowance, int level) {
        sb.append('{');
        sb.append(" ".repeat(INDENT - 1));
        int length = m.size();
        if (length > 0) {
            indent += INDENT;
            String delimnl = ",\n" + " ".repeat(indent);
            int i = 0;
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            for (Map.Entry<?, ?> e : entries) {
                boolean last = i == length - 1;
                String rep = PyValues.repr(e.getKey());
                sb.append(rep).append(": ");
                format(e.getValue(), sb, indent + rep.length() + 2, last ? allowance + 1 : 1, level);
                if (!last) {
                    sb.append(delimnl);
                }
                i++;
            }
        }
        sb.append('}');
    }

    private static void formatString(String s, StringBuilder sb, int indent, int allowance, int level) {
        List<String> chunks = new ArrayList<>();
        List<String> lines = splitLinesKeepEnds(s);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int maxWidth1 = WIDTH - indent;
        int maxWidth = maxWidth1;
        String rep = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            rep = PyStrings.repr(line);
            if (i == lines.size() - 1) {
                maxWidth1 -= allowance;
            }
            if (rep.length() <= maxWidth1) {
                chunks.add(rep);
            } else {
                List<String> parts = new ArrayList<>();
                Matcher m = WORDS.matcher(line);
                while (m.find()) {
                    parts.add(m.group());
                }
                parts.remove(parts.size() - 1);
                int maxWidth2 = maxWidth;
                String current = "";
                for (int j = 0; j < parts.size(); j++) {
                    String part = parts.get(j);
                    String candidate = current + part;
                    if (j == parts.size() - 1 && i == lines.size() - 1) {
                        maxWidth2 -= allowance;
                    }
                    if (PyStrings.repr(candidate).length() > maxWidth2) {
                        if (!current.isEmpty()) {
                            chunks.add(PyStrings.repr(current));
                        }
                        current = part;
                    } else {
                        current = candidate;
                    }
                }
                if (!current.isEmpty()) {
                    chunks.add(PyStrings.repr(current));
                }
            }
        }
        if (chunks.size() == 1) {
            sb.append(rep);
            return;
        }
        if (level == 1) {
            sb.append('(');
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                sb.append('\n').append(" ".repeat(indent));
            }
            sb.append(chunks.get(i));
        }
        if (level == 1) {
            sb.append(')');
        }
    }

    private static List<String> splitLinesKeepEnds(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
                    || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
