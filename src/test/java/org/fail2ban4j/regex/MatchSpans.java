package org.fail2ban4j.regex;

import java.util.Optional;

/** The spans of every group of a match as one comparable text, for tests that compare two ways of searching. */
public final class MatchSpans {

    private MatchSpans() {
    }

    /** @return {@code "start,end "} per group (0 first), or {@code "-"} for no match */
    public static String of(RegexMatch m) {
        if (m == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g <= m.groupCount(); g++) {
            sb.append(m.start(g)).append(',').append(m.end(g)).append(' ');
        }
        return sb.toString();
    }

    /** As {@link #of(RegexMatch)} for an optional match. */
    public static String of(Optional<RegexMatch> m) {
        return of(m.orElse(null));
    }
}
