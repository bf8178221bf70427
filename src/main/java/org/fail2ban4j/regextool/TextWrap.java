package org.fail2ban4j.regextool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code textwrap:wrap} (Python's standard library) with the default settings (tabs expanded, whitespace
 * replaced by spaces, breaks after hyphens inside words, long words broken, whitespace dropped at line ends), as
 * optparse uses it to lay out option help.
 */
final class TextWrap {
    private static final String WS = "[\\t\\n\\x0B\\f\\r ]";
    private static final String NWS = "[^\\t\\n\\x0B\\f\\r ]";
    private static final String WP = "[\\w!\"'&.,?]";
    private static final String LT = "[^\\d\\W]";
    /** {@code TextWrapper.wordsep_re}. */
    private static final Pattern WORDSEP = Pattern.compile("(" + WS + "+"
            + "|(?<=" + WP + ")-{2,}(?=\\w)"
            + "|" + NWS + "+?(?:-(?:(?<=" + LT + "{2}-)|(?<=" + LT + "-" + LT + "-))(?=" + LT + "-?" + LT + ")"
            + "|(?=" + WS + "|\\z)"
            + "|(?<=" + WP + ")(?=-{2,}\\w)))", Pattern.UNICODE_CHARACTER_CLASS);

    private TextWrap() {
    }

    /** {@code textwrap.wrap(text, width)}: the lines, without line ends. */
    static List<String> wrap(String text, int width) {
        List<String> chunks = split(munge(text));
        Collections.reverse(chunks);
        List<String> lines = new ArrayList<>();
        while (!chunks.isEmpty()) {
            List<String> cur = new ArrayList<>();
            int curLen = 0;
            if (last(chunks).strip().isEmpty() && !lines.isEmpty()) {
                chunks.remove(chunks.size() - 1);
            }
            while (!chunks.isEmpty()) {
                int l = last(chunks).length();
                if (curLen + l <= width) {
                    cur.add(chunks.remove(chunks.size() - 1));
                    curLen += l;
                } else {
                    break;
                }
            }
            if (!chunks.isEmpty() && last(chunks).length() > width) {
                handleLongWord(chunks, cur, curLen, width);
            }
            if (!cur.isEmpty() && last(cur).strip().isEmpty()) {
                cur.remove(cur.size() - 1);
            }
            if (!cur.isEmpty()) {
                lines.add(String.join("", cur));
            }
        }
        return lines;
    }

    private static String last(List<String> l) {
        return l.get(l.size() - 1);
    }

    /** Whether the first {@code n} characters of {@code s} are all {@code c}. */
    private static boolean only(String s, int n, char c) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    private static void handleLongWord(List<String> reversed, List<String> cur, int curLen, int width) {
        int spaceLeft = width < 1 ? 1 : width - curLen;
        String chunk = last(reversed);
        int end = spaceLeft;
        if (chunk.length() > spaceLeft) {
            int hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
            if (hyphen > 0 && !only(chunk, hyphen, '-')) {
                end = hyphen + 1;
            }
        }
        end = Math.min(end, chunk.length());
        cur.add(chunk.substring(0, end));
        reversed.set(reversed.size() - 1, chunk.substring(end));
    }

    /** Tabs expanded to 8 columns, other whitespace characters turned into spaces. */
    private static String munge(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int col = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                int n = 8 - col % 8;
                sb.append(" ".repeat(n));
                col += n;
            } else if (c == '\n' || c == '\r') {
                sb.append(' ');
                col = 0;
            } else if (c == 0x0B || c == '\f') {
                sb.append(' ');
                col++;
            } else {
                sb.append(c);
                col++;
            }
        }
        return sb.toString();
    }

    /** {@code wordsep_re.split(text)} without empty parts. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORDSEP.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(text.substring(last, m.start()));
            }
            if (!m.group(1).isEmpty()) {
                out.add(m.group(1));
            }
            last = m.end();
        }
        if (last < text.length()) {
            out.add(text.substring(last));
        }
        return out;
    }
}
