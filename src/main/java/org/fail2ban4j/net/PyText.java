package org.fail2ban4j.net;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/helpers.py:splitwords} (with {@code removeComments}), plus Python's {@code repr(str)}:
 * the text helpers this package needs for upstream-identical messages and {@code file:} lists.
 */
final class PyText {

    private static final Pattern COMMENTS = Pattern.compile("(?:^|\\s)[#;].*",
            Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,]+", Pattern.UNICODE_CHARACTER_CLASS);

    private PyText() {
    }

    /** Python's {@code repr()} of a {@code str}, e.g. {@code 'abc'} or {@code "it's"}. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20 || cp == 0x7F) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7F || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xFF) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xFFFF) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
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

    /**
     * Upstream {@code splitwords(s, ignoreComments=True)}: drop {@code #}/{@code ;} comments (at line start or
     * after white space), then split on white space and commas, dropping empty words.
     */
    static List<String> splitWordsWithoutComments(String s) {
        List<String> words = new ArrayList<>();
        if (s.isEmpty()) {
            return words;
        }
        String text = COMMENTS.matcher(s).replaceAll("");
        for (String w : WORD_SEPARATORS.split(text)) {
            String t = w.strip();
            if (!t.isEmpty()) {
                words.add(t);
            }
        }
        return words;
    }
}
