package org.fail2ban4j.logging;

/**
 * Python's {@code repr()} of a {@code str} (for upstream's {@code %r} in log and error texts): single quotes unless the
 * text holds a single quote and no double quote, backslash escapes for the quote, {@code \\}, {@code \t}, {@code \n},
 * {@code \r} and for characters that are not printable ({@code \xNN}, {@code \\uNNNN}, {@code \UNNNNNNNN}).
 * With {@code ascii} set, every non-ASCII character is escaped too (Python's {@code ascii()}).
 */
final class PyStr {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyStr() {
    }

    static String repr(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendRepr(sb, s, false);
        return sb.toString();
    }

    static void appendRepr(StringBuilder sb, String s, boolean ascii) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp >= 0x20 && cp < 0x7f || cp >= 0x7f && !ascii && printable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                sb.append("\\x");
                hex(sb, cp, 2);
            } else if (cp < 0x10000) {
                sb.append("\\u");
                hex(sb, cp, 4);
            } else {
                sb.append("\\U");
                hex(sb, cp, 8);
            }
        }
        sb.append(quote);
    }

    private static void hex(StringBuilder sb, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(v >> shift) & 0xf]);
        }
    }

    /** Python's {@code str.isprintable} for one code point (approximated with Java's Unicode categories). */
    private static boolean printable(int cp) {
        switch (Character.getType(cp)) {
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
