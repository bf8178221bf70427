package org.fail2ban4j.config.reader;

import java.util.Map;

/**
 * Python's {@code json.dumps(dict)} with default settings for a map of strings (used for the options of a Python
 * action in the command stream): {@code ", "} and {@code ": "} separators, non-ASCII escaped as {@code \\uXXXX}.
 */
final class JsonText {
    private JsonText() {
    }

    static String dumps(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            string(e.getKey(), sb);
            sb.append(": ");
            string(e.getValue(), sb);
        }
        return sb.append('}').toString();
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
