package org.fail2ban4j.jail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.fail2ban4j.action.BanSubject;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;

/**
 * The adapter from a ticket of the {@code ban} package to what an action sees of it ({@link BanSubject}). Values
 * are read from the ticket when asked, so a ban time changed later (prolonged) shows.
 *
 * <p>The time is a {@code Long} for a ticket restored from the database with whole seconds (upstream reads an
 * integer column), else a {@code Double} as upstream's {@code MyTime.time()} and parsed log dates.
 */
final class TicketSubject implements BanSubject {

    private final FailTicket ticket;

    TicketSubject(FailTicket ticket) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
    }

    @Override
    public IpAddress id() {
        return ticket.id();
    }

    @Override
    public IpAddress ip() {
        return ticket.ip();
    }

    @Override
    public Number time() {
        Instant t = ticket.time();
        if (ticket.restored() && t.getNano() == 0) {
            return t.getEpochSecond();
        }
        return EpochSeconds.toDouble(t);
    }

    @Override
    public List<String> matches() {
        return ticket.matches();
    }

    @Override
    public int failures() {
        return ticket.attempt();
    }

    @Override
    public OptionalLong banTime() {
        return ticket.banTime().map(TicketSubject::seconds).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A ban time as whole seconds ({@code int(btime)}), {@code -1} for permanent. */
    static long seconds(BanTime bt) {
        return bt.isPermanent() ? -1 : (long) bt.seconds();
    }

    @Override
    public int banCount() {
        return ticket.banCount();
    }

    @Override
    public boolean restored() {
        return ticket.restored();
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> d = ticket.data();
        d.remove(FailTicket.MATCHES);
        d.remove(FailTicket.FAILURES);
        Map<String, Object> out = new LinkedHashMap<>(d.size() * 2);
        for (Map.Entry<String, Object> e : d.entrySet()) {
            Object v = e.getValue();
            if (v instanceof IpAddress) {
                v = v.toString();
            } else if (v instanceof Collection<?> c && !(v instanceof List<?>)) {
                v = new ArrayList<Object>(c);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    @Override
    public String toString() {
        return ticket.toString();
    }
}
