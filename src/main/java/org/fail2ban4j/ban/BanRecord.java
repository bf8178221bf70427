package org.fail2ban4j.ban;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of upstream's {@code Fail2BanDb.getBan}: how often an id was banned, when it was banned last and for
 * how long (over all jails: the sums of the counts and ban times and the latest time, as upstream's query gives
 * them).
 *
 * @param banCount the ban count
 * @param timeOfBan the start of the last ban
 * @param banTime the ban time of the last ban (a sum over all jails)
 */
public record BanRecord(int banCount, Instant timeOfBan, BanTime banTime) {
    /** Checks the components. */
    public BanRecord {
        Objects.requireNonNull(timeOfBan, "timeOfBan");
        Objects.requireNonNull(banTime, "banTime");
    }
}
