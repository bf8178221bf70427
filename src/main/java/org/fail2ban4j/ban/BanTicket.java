package org.fail2ban4j.ban;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/server/ticket.py:BanTicket}: a ticket in (or on its way into) a {@link BanList}. Its
 * time is the start of the ban.
 *
 * <p>Upstream turns a fail ticket into a ban ticket in place ({@code BanTicket.wrap}); here
 * {@link #of(FailTicket)} makes a ban ticket with all the state of the fail ticket.
 */
public final class BanTicket extends FailTicket {

    /**
     * A ban ticket without matched lines ({@code BanTicket(ip, time)}), as {@code banip} creates it.
     *
     * @param id the banned id
     * @param time the start of the ban
     */
    public BanTicket(IpAddress id, Instant time) {
        super(id, time);
    }

    /**
     * A ban ticket with matched lines and data, see {@link FailTicket#FailTicket(IpAddress, Instant, List, Map)}.
     *
     * @param id the banned id
     * @param time the start of the ban
     * @param matches matched lines
     * @param data further data
     */
    public BanTicket(IpAddress id, Instant time, List<?> matches, Map<String, ?> data) {
        super(id, time, matches, data);
    }

    private BanTicket(FailTicket other) {
        super(other);
    }

    /**
     * Upstream {@code BanTicket.wrap(ticket)}: the ban ticket of a fail ticket, with a copy of all its state.
     * A ban ticket is returned as it is.
     *
     * @param ticket the fail ticket
     * @return the ban ticket
     */
    public static BanTicket of(FailTicket ticket) {
        if (ticket instanceof BanTicket b) {
            return b;
        }
        return new BanTicket(ticket);
    }

    @Override
    String kind() {
        return "BanTicket";
    }
}
