package org.fail2ban4j.action;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/actions.py:Actions.ActionInfo}: the dynamic tag values of one ban, each computed
 * on first use and then kept (upstream's {@code CallingMap}).
 *
 * <p>Tags: {@code ip}, {@code family} ({@code inet4}/{@code inet6}, {@code None} for raw ids), {@code ip-rev}
 * ({@code 4.3.2.1.}), {@code ip-host} (reverse DNS, {@code None} if none), {@code fid}, {@code failures},
 * {@code time}, {@code bantime} (the ticket's or the jail's), {@code bancount}, {@code matches} (lines joined by
 * newlines), {@code restored} ({@code 1}/{@code 0}), {@code F-*} (the ticket data as a Python dict),
 * {@code ipmatches}/{@code ipfailures} (merged over all jails from the database), {@code ipjailmatches}/
 * {@code ipjailfailures} (this jail), {@code raw-ticket}, {@code jail.name}, {@code jail.banned},
 * {@code jail.banned_total}, {@code jail.found}, {@code jail.found_total}. Values are upstream's {@code str()} of
 * the Python values. Ticket data for {@code <F-NAME>} tags comes from {@link #ticketData()}.
 */
public final class BanInfo {

    private static final String TICKET_CLASS = "BanTicket";

    private final BanSubject ticket;
    private final JailContext jail;
    private final DnsResolver dns;
    private final Map<String, String> overrides;
    private final Logger log;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<Boolean, MergedBans> merged = new HashMap<>(2);
    private Map<String, String> ticketData;

    private BanInfo(BanSubject ticket, JailContext jail, DnsResolver dns, Map<String, String> overrides,
            Logger log) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
        this.jail = Objects.requireNonNull(jail, "jail");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.overrides = overrides;
        this.log = log;
    }

    /**
     * The ban info of a ticket.
     *
     * @param ticket the banned (or unbanned) ticket
     * @param jail the jail of the action (ban time default, counters, merged bans from the database)
     * @param dns for {@code <ip-host>}
     * @return the lazily computed info
     */
    public static BanInfo of(BanSubject ticket, JailContext jail, DnsResolver dns) {
        return new BanInfo(ticket, jail, dns, Map.of(), ActionLog.ACTIONS);
    }

    /** {@link #of} logging to the given logger instead of {@code fail2ban.actions} (tests). */
    static BanInfo of(BanSubject ticket, JailContext jail, DnsResolver dns, Logger log) {
        return new BanInfo(ticket, jail, dns, Map.of(), log);
    }

    /**
     * The info upstream gives start, stop, flush, check and reload commands: an empty ticket
     * ({@code BanTicket("", now)}) with {@code time} and {@code family} set.
     *
     * @param jail the jail
     * @param dns the resolver
     * @param now the current time in epoch seconds (a {@code Double}, as {@code MyTime.time()})
     * @param family the family being operated ({@code inet4}, {@code inet6}, empty, or {@code null} for None)
     * @return the info
     */
    static BanInfo forOperation(JailContext jail, DnsResolver dns, Number now, String family) {
        Map<String, String> o = new HashMap<>(4);
        o.put("time", PyValues.str(now));
        o.put("family", family == null ? "None" : family);
        return new BanInfo(new EmptyTicket(now), jail, dns, o, ActionLog.ACTIONS);
    }

    /** The ticket this info describes. */
    public BanSubject ticket() {
        return ticket;
    }

    /** Upstream {@code aInfo['ip']}: the address. */
    public IpAddress ip() {
        return ticket.ip();
    }

    /**
     * Upstream {@code aInfo['family']} as a value: {@code inet4}, {@code inet6}, for operations also the empty
     * family, and {@code null} (Python's {@code None}) for raw ids and names.
     *
     * @return the family or {@code null}
     */
    public String family() {
        // computed and kept as upstream's aInfo.get('family'), so that it shows in the info's repr
        String f = get("family");
        return f == null || f.equals("None") ? null : f;
    }

    /**
     * The text of a tag, computed on first use.
     *
     * @param tag the tag name without brackets ({@code ip}, {@code F-*} ...)
     * @return the text, or {@code null} if the ban info has no such tag
     */
    public synchronized String get(String tag) {
        String v = values.get(tag);
        if (v != null) {
            return v;
        }
        v = overrides.get(tag);
        if (v == null) {
            v = compute(tag);
            if (v == null) {
                return null;
            }
        }
        values.put(tag, v);
        return v;
    }

    private String compute(String tag) {
        switch (tag) {
            case "ip":
                return ticket.ip().toString();
            case "family": {
                Optional<String> f = ticket.ip().familyStr();
                return f.orElse("None");
            }
            case "ip-rev":
                return ticket.ip().getPTR("");
            case "ip-host":
                return dns.ipToName(ticket.ip()).orElse("None");
            case "fid":
                return ticket.id().toString();
            case "failures":
                return Integer.toString(ticket.failures());
            case "time":
                return PyValues.str(ticket.time());
            case "bantime":
                return Long.toString(ticket.banTime().orElse(jail.banTime()));
            case "bancount":
                return Integer.toString(ticket.banCount());
            case "matches":
                return String.join("\n", ticket.matches());
            case "restored":
                return ticket.restored() ? "1" : "0";
            case "F-*":
                return PyValues.repr(rawData());
            case "ipmatches":
                return String.join("\n", merged(true).matches());
            case "ipjailmatches":
                return String.join("\n", merged(false).matches());
            case "ipfailures":
                return Integer.toString(merged(true).failures());
            case "ipjailfailures":
                return Integer.toString(merged(false).failures());
            case "raw-ticket":
                return rawTicket();
            case "jail.name":
                return jail.name();
            case "jail.banned":
                return Integer.toString(jail.bannedCount());
            case "jail.banned_total":
                return Long.toString(jail.bannedTotal());
            case "jail.found":
                return Integer.toString(jail.foundCount());
            case "jail.found_total":
                return Long.toString(jail.foundTotal());
            default:
                return null;
        }
    }

    /** Upstream {@code _mi4ip}: the merged bans, or the ticket's own values without database or on error. */
    private MergedBans merged(boolean allJails) {
        MergedBans m = merged.get(allJails);
        if (m != null) {
            return m;
        }
        try {
            m = jail.mergedBans(ticket.ip(), allJails).orElse(null);
        } catch (RuntimeException e) {
            log.error("Failed to get {} bans merged, jail '{}': {}", allJails ? "all" : "jail", jail.name(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            m = null;
        }
        if (m == null) {
            m = new MergedBans(ticket.matches(), ticket.failures());
        }
        merged.put(allJails, m);
        return m;
    }

    /** Upstream's {@code Ticket._data}: {@code matches}, {@code failures}, then the captured values. */
    private Map<String, Object> rawData() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("matches", ticket.matches());
        d.put("failures", ticket.failures());
        d.putAll(ticket.data());
        return d;
    }

    /**
     * The ticket data as text, by lower-case name ({@code user}, {@code fid}, and {@code matches} and
     * {@code failures}), for {@code <F-NAME>} tags (upstream {@code aInfo['F-*']}).
     *
     * @return the values as Python's {@code str()} gives them; unmodifiable
     */
    public synchronized Map<String, String> ticketData() {
        if (ticketData == null) {
            Map<String, String> d = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : rawData().entrySet()) {
                if (e.getValue() != null) {
                    d.put(e.getKey(), PyValues.str(e.getValue()));
                }
            }
            ticketData = Collections.unmodifiableMap(d);
        }
        return ticketData;
    }

    /** Upstream {@code repr(ticket)}. */
    private String rawTicket() {
        OptionalLong bt = ticket.banTime();
        return TICKET_CLASS + ": ip=" + ticket.id() + " time=" + PyValues.str(ticket.time()) + " bantime="
                + (bt.isPresent() ? Long.toString(bt.getAsLong()) : "None") + " bancount=" + ticket.banCount()
                + " #attempts=" + ticket.failures() + " matches=" + PyValues.repr(ticket.matches());
    }

    /**
     * Upstream's {@code repr(aInfo)} as error messages show it ({@code CallingMap._asrepr}): the values computed so
     * far in upstream's key order, and {@code fid} and {@code raw-ticket} always, as the repr of the function that
     * would compute them when they have not been computed.
     */
    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder("ActionInfo({");
        for (String key : REPR_ORDER) {
            String v = values.get(key);
            if (v == null && !key.equals("fid") && !key.equals("raw-ticket")) {
                continue;
            }
            if (sb.length() > "ActionInfo({".length()) {
                sb.append(", ");
            }
            sb.append(PyValues.repr(key)).append(": ").append(v == null ? UNCALCULATED : PyValues.repr(v));
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!REPR_ORDER.contains(e.getKey())) {
                sb.append(", ").append(PyValues.repr(e.getKey())).append(": ").append(PyValues.repr(e.getValue()));
            }
        }
        return sb.append("})").toString();
    }

    /** Upstream's key order of {@code ActionInfo.AI_DICT}. */
    private static final List<String> REPR_ORDER = List.of("ip", "family", "ip-rev", "ip-host", "fid", "failures",
            "time", "bantime", "bancount", "matches", "restored", "F-*", "ipmatches", "ipjailmatches", "ipfailures",
            "ipjailfailures", "raw-ticket", "jail.name", "jail.banned", "jail.banned_total", "jail.found",
            "jail.found_total");

    /** The repr of an uncomputed value (a lambda of {@code AI_DICT}; the address is a stand-in). */
    private static final String UNCALCULATED = "<function Actions.ActionInfo.<lambda> at 0x7f0000000000>";

    /** Upstream's {@code BanTicket("", MyTime.time())}. */
    private static final class EmptyTicket implements BanSubject {
        private static final IpAddress EMPTY = IpAddress.parse("");
        private final Number time;

        EmptyTicket(Number time) {
            this.time = time;
        }

        @Override
        public IpAddress id() {
            return EMPTY;
        }

        @Override
        public Number time() {
            return time;
        }

        @Override
        public List<String> matches() {
            return List.of();
        }

        @Override
        public int failures() {
            return 0;
        }

        @Override
        public OptionalLong banTime() {
            return OptionalLong.empty();
        }

        @Override
        public int banCount() {
            return 0;
        }

        @Override
        public boolean restored() {
            return false;
        }
    }

    /** Upstream {@code MyTime.time()} as a float from epoch nanoseconds parts. */
    static Double epochSeconds(long seconds, int nanos) {
        return seconds + nanos / 1e9;
    }
}
