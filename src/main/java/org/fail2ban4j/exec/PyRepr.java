package org.fail2ban4j.exec;

import java.util.List;
import org.fail2ban4j.regex.PyStrings;

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
        sb.append(PyStrings.repr(s));
    }
}
