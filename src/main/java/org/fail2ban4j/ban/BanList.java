package org.fail2ban4j.ban;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/server/banmanager.py:BanManager}: the active bans of one jail, with the jail's ban time,
 * the total of bans and the time of the next unban.
 *
 * <p><b>Thread safety:</b> internally locked. Every method takes the list's private lock (the action thread adds
 * and removes bans while command handlers read the list). The held tickets are changed (prolonged) only under that
 * lock; tickets returned by {@link #unBanList}, {@link #flushBanList} and {@link #getTicketByID} have left the list.
 *
 * <p>Bans keep the order in which they were added; lists of ids and of expired tickets come in that order, as
 * upstream's dictionary gives them. The ban time defaults to 600 seconds.
 */
public final class BanList {

    /** What {@link #addBanTicket} did. */
    public enum Outcome {
        /** The id was not banned and is now. */
        ADDED,
        /** The id is banned already, its ban ends no earlier than the new one would. */
        ALREADY_BANNED,
        /** The id is banned already; its ban was prolonged to the later end of the new one. */
        PROLONGED,
        /** The ban would have ended already; nothing changed. */
        EXPIRED
    }

    /**
     * The result of {@link #addBanTicket}.
     *
     * @param outcome what happened
     * @param ticket the ticket now in the list for that id ({@link Outcome#ADDED}: the given one;
     *     {@link Outcome#ALREADY_BANNED}, {@link Outcome#PROLONGED}: the one banned before, upstream's
     *     {@code reason['ticket']}); for {@link Outcome#EXPIRED} the given ticket
     */
    public record AddResult(Outcome outcome, BanTicket ticket) {
        /** Checks the components. */
        public AddResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(ticket, "ticket");
        }

        /** Whether the ticket was added (upstream's {@code True}). */
        public boolean added() {
            return outcome == Outcome.ADDED;
        }
    }

    /**
     * One active ban, as {@code banned} / {@code get <jail> banip --with-time} show it.
     *
     * @param id the banned id
     * @param start the start of the ban
     * @param banTime the effective ban time (own or the jail's)
     * @param end the end of the ban ({@link EpochSeconds#MAX_TIME} if permanent)
     */
    public record BanEntry(IpAddress id, Instant start, BanTime banTime, Instant end) {
        /** Checks the components. */
        public BanEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(banTime, "banTime");
            Objects.requireNonNull(end, "end");
        }
    }

    private final Object lock = new Object();
    private final InstantSource clock;
    private Map<IpAddress, BanTicket> bans = new LinkedHashMap<>();
    private BanTime banTime = BanTime.ofSeconds(600);
    private long banTotal;
    private Instant nextUnbanTime = EpochSeconds.MAX_TIME;

    /**
     * An empty ban list.
     *
     * @param clock the clock that tells whether an added ban has expired already
     */
    public BanList(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Upstream {@code BanManager.createBanTicket}: the ban ticket of a fail ticket ({@link BanTicket#of}).
     *
     * @param ticket the fail ticket
     * @return the ban ticket
     */
    public static BanTicket createBanTicket(FailTicket ticket) {
        return BanTicket.of(ticket);
    }

    /** The jail's ban time (upstream {@code getBanTime}). */
    public BanTime banTime() {
        synchronized (lock) {
            return banTime;
        }
    }

    /**
     * Sets the jail's ban time (upstream {@code setBanTime}, which keeps {@code int(value)}: a fraction is cut).
     *
     * @param value the ban time; {@link BanTime#PERMANENT} for permanent bans
     */
    public void setBanTime(BanTime value) {
        Objects.requireNonNull(value, "banTime");
        synchronized (lock) {
            banTime = value.isFloat() ? BanTime.ofSeconds((long) value.seconds()) : value;
        }
    }

    /** Bans added since start (upstream {@code getBanTotal}). */
    public long banTotal() {
        synchronized (lock) {
            return banTotal;
        }
    }

    /** Upstream {@code setBanTotal}. */
    public void setBanTotal(long value) {
        synchronized (lock) {
            banTotal = value;
        }
    }

    /** The number of active bans (upstream {@code size}). */
    public int size() {
        synchronized (lock) {
            return bans.size();
        }
    }

    /** Whether an id is banned (upstream {@code _inBanList}). */
    public boolean contains(IpAddress id) {
        synchronized (lock) {
            return bans.containsKey(id);
        }
    }

    /** The earliest end of the active bans, {@link EpochSeconds#MAX_TIME} if none ends. */
    public Instant nextUnbanTime() {
        synchronized (lock) {
            return nextUnbanTime;
        }
    }

    /** The banned ids in the order they were banned (upstream {@code getBanList()}). */
    public List<IpAddress> getBanList() {
        synchronized (lock) {
            return List.copyOf(bans.keySet());
        }
    }

    /**
     * Upstream {@code getBanList(ordered=True, withTime=True)}: the active bans sorted by their end (bans with
     * the same end in the order they were banned).
     *
     * @return the entries
     */
    public List<BanEntry> getBanEntries() {
        List<BanEntry> out;
        synchronized (lock) {
            out = new ArrayList<>(bans.size());
            for (BanTicket t : bans.values()) {
                BanTime bt = t.banTime(banTime);
                out.add(new BanEntry(t.id(), t.time(), bt, bt.endOf(t.time())));
            }
        }
        out.sort(Comparator.comparing(BanEntry::end));
        return out;
    }

    /** A snapshot of the banned tickets (upstream {@code __iter__}, used on reload). */
    public List<BanTicket> tickets() {
        synchronized (lock) {
            return List.copyOf(bans.values());
        }
    }

    /**
     * Upstream {@code addBanTicket}: bans an id.
     *
     * <p>If the ticket's ban (its own ban time, else the jail's) ended before now, nothing happens
     * ({@link Outcome#EXPIRED}). If the id is banned already, the old ticket stays; when the new ban ends later,
     * the old ticket gets the new ban time extended by how much later the new ticket started
     * ({@link Outcome#PROLONGED}; a permanent ban time stays permanent). Otherwise the ticket is added, its ban
     * count incremented, the ban total raised and the next unban time corrected.
     *
     * @param ticket the ban
     * @return what happened and the ticket in the list
     */
    public AddResult addBanTicket(BanTicket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        Instant now = clock.instant();
        synchronized (lock) {
            Instant eob = ticket.endOfBan(banTime);
            if (eob.isBefore(now)) {
                return new AddResult(Outcome.EXPIRED, ticket);
            }
            BanTicket old = bans.get(ticket.id());
            if (old != null) {
                if (eob.isAfter(old.endOfBan(banTime))) {
                    BanTime btm = ticket.banTime(banTime);
                    if (!btm.isPermanent()) {
                        Duration diff = Duration.between(old.time(), ticket.time());
                        if (diff.compareTo(Duration.ZERO) > 0) {
                            btm = btm.plus(diff);
                        }
                    }
                    old.setBanTime(btm);
                    return new AddResult(Outcome.PROLONGED, old);
                }
                return new AddResult(Outcome.ALREADY_BANNED, old);
            }
            bans.put(ticket.id(), ticket);
            banTotal++;
            ticket.incrBanCount();
            if (nextUnbanTime.isAfter(eob)) {
                nextUnbanTime = eob;
            }
            return new AddResult(Outcome.ADDED, ticket);
        }
    }

    /**
     * Upstream {@code unBanList(time)}: takes out every ban that ended before {@code now}.
     *
     * @param now the current time
     * @return the expired tickets, in the order they were banned
     */
    public List<BanTicket> unBanList(Instant now) {
        return unBanList(now, Integer.MAX_VALUE);
    }

    /**
     * Upstream {@code unBanList(time, maxCount)}: takes out at most {@code maxCount} bans that ended before
     * {@code now} and recomputes the next unban time (left unchanged when stopped at {@code maxCount}, so the
     * remaining expired bans are found at the next call).
     *
     * @param now the current time
     * @param maxCount the most tickets to take out; at least 1
     * @return the expired tickets, in the order they were banned
     */
    public List<BanTicket> unBanList(Instant now, int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1: " + maxCount);
        }
        synchronized (lock) {
            if (nextUnbanTime.isAfter(now)) {
                return List.of();
            }
            List<BanTicket> expired = new ArrayList<>();
            Instant next = EpochSeconds.MAX_TIME;
            for (Iterator<BanTicket> it = bans.values().iterator(); it.hasNext();) {
                BanTicket t = it.next();
                Instant eob = t.endOfBan(banTime);
                if (now.isAfter(eob)) {
                    it.remove();
                    expired.add(t);
                    if (expired.size() >= maxCount) {
                        next = nextUnbanTime;
                        break;
                    }
                } else if (next.isAfter(eob)) {
                    next = eob;
                }
            }
            nextUnbanTime = next;
            return expired;
        }
    }

    /**
     * Upstream {@code flushBanList}: takes out all bans.
     *
     * @return all tickets, in the order they were banned
     */
    public List<BanTicket> flushBanList() {
        synchronized (lock) {
            List<BanTicket> all = new ArrayList<>(bans.values());
            bans = new LinkedHashMap<>();
            return all;
        }
    }

    /**
     * Upstream {@code getTicketByID}: takes out the ban of an id (for {@code unbanip}).
     *
     * @param id the id
     * @return the removed ticket, empty if the id is not banned
     */
    public Optional<BanTicket> getTicketByID(IpAddress id) {
        synchronized (lock) {
            return Optional.ofNullable(bans.remove(id));
        }
    }
}
