package org.fail2ban4j.action;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.fail2ban4j.net.IpAddress;

/**
 * What an action needs from a ban ticket (upstream {@code fail2ban/server/ticket.py:BanTicket}), so that the
 * tickets of the {@code ban} package can be adapted to it.
 */
public interface BanSubject {

    /** Upstream {@code getID()}: the failure id, an address or a raw id ({@code <fid>}). */
    IpAddress id();

    /** Upstream {@code getIP()}: the address ({@code <ip>}); the id unless the ticket data names another one. */
    default IpAddress ip() {
        return id();
    }

    /**
     * Upstream {@code getTime()}: the time of the ticket in epoch seconds, as upstream holds it: a {@code Double}
     * for a ticket made from log lines, a {@code Long} for one restored from the database ({@code <time>} prints
     * it with Python's {@code str}).
     */
    Number time();

    /** Upstream {@code getMatches()}: the matched log lines, multi-line matches already joined. */
    List<String> matches();

    /** Upstream {@code getAttempt()}: the number of failures ({@code <failures>}). */
    int failures();

    /** Upstream {@code getBanTime()}: the ticket's own ban time in seconds ({@code -1} permanent); empty: the jail's. */
    OptionalLong banTime();

    /** Upstream {@code getBanCount()} ({@code <bancount>}). */
    int banCount();

    /** Upstream {@code restored}: whether the ticket was restored from the database at start ({@code <restored>}). */
    boolean restored();

    /**
     * Upstream {@code getData()} without its {@code matches} and {@code failures} entries: the values captured by the
     * filter ({@code user}, {@code fid} ...), by lower-case name, for the {@code <F-*>} tags. Values are
     * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean} or lists of them.
     */
    default Map<String, Object> data() {
        return Map.of();
    }
}
