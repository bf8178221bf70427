package org.fail2ban4j.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Port of {@code fail2ban/helpers.py:splitwords} and {@code removeComments}. */
public final class Words {

    private static final Pattern COMMENTS = Pattern.compile("(?:^|\\s)[#;].*",
            Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+", Pattern.UNICODE_CHARACTER_CLASS);

    private Words() {
    }

    /**
     * Removes comments: from a {@code #} or {@code ;} at the start of a line or after whitespace, to the end of
     * the line (the whitespace before it goes too).
     *
     * @param s the text
     * @return the text without comments
     */
    public static String removeComments(String s) {
        return COMMENTS.matcher(s).replaceAll("");
    }

    /**
     * Splits on commas, spaces and newlines, dropping empty entries.
     *
     * @param s the text; {@code null} or empty gives an empty list
     * @return the words
     */
    public static List<String> splitwords(String s) {
        return splitwords(s, false);
    }

    /**
     * Splits on commas, spaces and newlines, dropping empty entries, optionally after {@link #removeComments}.
     *
     * @param s the text; {@code null} or empty gives an empty list
     * @param ignoreComments whether to remove comments first
     * @return the words, modifiable
     */
    public static List<String> splitwords(String s, boolean ignoreComments) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        String text = ignoreComments ? removeComments(s) : s;
        for (String part : SEPARATORS.split(text, -1)) {
            String w = PyStrings.strip(part);
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
