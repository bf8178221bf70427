package org.fail2ban4j.ban;

import java.util.Optional;
import org.fail2ban4j.net.IpAddress;

/**
 * Port (what the ban-time increment needs from upstream's {@code Fail2BanDb}): the ban history of an id. The
 * production adapter is the database of the {@code persist} package.
 */
public interface BanHistory {

    /**
     * Upstream {@code getBan(ip, jail, overalljails=...)}, first row: the ban count and the last ban of an id in
     * one jail, or over all jails (counts and ban times summed, the latest time).
     *
     * @param id the id
     * @param jail the jail name (ignored when {@code overAllJails})
     * @param overAllJails whether to look at the bans of all jails ({@code bantime.overalljails})
     * @return the record, empty if the id was never banned (or its bans were purged)
     * @throws BanHistoryException if the history cannot be read
     */
    Optional<BanRecord> lastBan(IpAddress id, String jail, boolean overAllJails);
}
