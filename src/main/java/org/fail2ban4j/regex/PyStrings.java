package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Port of the few Python {@code str} behaviours that code mirroring Python regex users needs: {@code repr()},
 * {@code isspace()}, {@code strip()} and {@code splitlines()}, each with CPython's exact character sets.
 */
public final class PyStrings {

    private PyStrings() {
    }

    /**
     * Python's {@code str.isspace()} for one code point (also the set {@code \s} matches in a Unicode pattern).
     *
     * @param cp a code point
     * @return whether Python counts it as whitespace
     */
    public static boolean isSpace(int cp) {
        if (cp <= 0x20) {
            return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20);
        }
        switch (cp) {
            case 0x85:
            case 0xa0:
            case 0x1680:
            case 0x2028:
            case 0x2029:
            case 0x202f:
            case 0x205f:
            case 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200a;
        }
    }

    /**
     * Python's {@code str.strip()} without arguments.
     *
     * @param s the text, not null
     * @return {@code s} without leading and trailing Python whitespace
     */
    public static String strip(String s) {
        return rstrip(lstrip(s));
    }

    /**
     * Python's {@code str.lstrip()} without arguments.
     *
     * @param s the text, not null
     * @return {@code s} without leading Python whitespace
     */
    public static String lstrip(String s) {
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (!isSpace(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return s.substring(i);
    }

    /**
     * Python's {@code str.rstrip()} without arguments.
     *
     * @param s the text, not null
     * @return {@code s} without trailing Python whitespace
     */
    public static String rstrip(String s) {
        int j = s.length();
        while (j > 0) {
            int c = s.codePointBefore(j);
            if (!isSpace(c)) {
                break;
            }
            j -= Character.charCount(c);
        }
        return s.substring(0, j);
    }

    /**
     * Python's {@code str.splitlines()} (line boundaries {@code \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028
     * \u2029}; no empty last element for a final boundary).
     *
     * @param s the text, not null
     * @param keepEnds whether the line boundaries stay at the end of each line
     * @return the lines
     */
    public static List<String> splitlines(CharSequence s, boolean keepEnds) {
        Objects.requireNonNull(s, "s");
        List<String> lines = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && !isLineBreak(s.charAt(j))) {
                j++;
            }
            int eol = j;
            if (j < n) {
                if (s.charAt(j) == '\r' && j + 1 < n && s.charAt(j + 1) == '\n') {
                    j += 2;
                } else {
                    j++;
                }
                if (keepEnds) {
                    eol = j;
                }
            }
            lines.add(s.subSequence(i, eol).toString());
            i = j;
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        switch (c) {
            case '\n':
            case '\r':
            case 0x0b:
            case 0x0c:
            case 0x1c:
            case 0x1d:
            case 0x1e:
            case 0x85:
            case 0x2028:
            case 0x2029:
                return true;
            default:
                return false;
        }
    }

    /**
     * Python's {@code repr()} of a str: quoted with {@code '} (or {@code "} when the text holds {@code '} but no
     * {@code "}), with backslash escapes for the quote, backslash, {@code \t \n \r} and non-printable characters.
     *
     * @param s the text, or null for Python's {@code None}
     * @return the representation
     */
    public static String repr(CharSequence s) {
        if (s == null) {
            return "None";
        }
        String str = s.toString();
        char quote = str.indexOf('\'') >= 0 && str.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(str.length() + 2);
        sb.append(quote);
        for (int i = 0; i < str.length(); ) {
            int c = str.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
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
        sb.append(quote);
        return sb.toString();
    }

    /**
     * Python's {@code str.isprintable()} for one code point.
     *
     * @param c a code point
     * @return false for control, format, surrogate, private-use, unassigned and separator characters except space
     */
    public static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
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
