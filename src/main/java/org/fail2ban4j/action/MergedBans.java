package org.fail2ban4j.action;

import java.util.List;
import java.util.Objects;

/**
 * The bans of one address merged from the database (upstream {@code Fail2BanDb.getBansMerged}, a ticket whose
 * matches and failures add up those of all stored bans).
 *
 * @param matches all matched lines, oldest first; unmodifiable
 * @param failures the sum of the failures
 */
public record MergedBans(List<String> matches, int failures) {

    /** Copies the matches. */
    public MergedBans {
        matches = List.copyOf(Objects.requireNonNull(matches, "matches"));
    }
}
