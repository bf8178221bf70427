package org.fail2ban4j.exec;

import java.util.List;

/** Python's {@code repr()} of {@code str} values and lists of them, as upstream's log lines print them. */
final class PyRepr {

    private PyRepr() {
    }

    /**
     * {@code repr(str)}: single quotes unless the text has a {@code '} and no {@code "}; backslash, the quote,
     * {@code \t \n \r} and other control characters escaped; non-printable code points as {@code \xNN},
     * {@code \\uNNNN} or {@code \\UNNNNNNNN}.
     */
    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendStr(sb, s);
        return sb.toString();
    }

    /** {@code repr([first] + rest)}: {@code ['a', 'b']}. */
    static String list(String first, List<String> rest) {
        StringBuilder sb = new StringBuilder(first.length() + 16 * (rest.size() + 1)).append('[');
        appendStr(sb, first);
        for (String s : rest) {
            sb.append(", ");
            appendStr(sb, s);
        }
        return sb.append(']').toString();
    }

    static void appendStr(StringBuilder sb, String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        sb.append(quote);
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
                hex(sb, "\\x", c, 2);
            } else if (c < 0x7f || isPrintable(c)) {
                sb.appendCodePoint(c);
            } else if (c <= 0xff) {
                hex(sb, "\\x", c, 2);
            } else if (c <= 0xffff) {
                hex(sb, "\\u", c, 4);
            } else {
                hex(sb, "\\U", c, 8);
            }
        }
        sb.append(quote);
    }

    private static void hex(StringBuilder sb, String prefix, int c, int width) {
        String h = Integer.toHexString(c);
        sb.append(prefix);
        for (int i = h.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(h);
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
}
