package org.fail2ban4j.ban;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/server/ticket.py:FailTicket} (with its base {@code Ticket}): the failures of one id (an IP
 * address or another failure id) and, once banned, its ban.
 *
 * <p>A ticket holds the id, the time of the (last) failure, the retry count (failures, possibly raised by the
 * rate estimate of {@link #adjustTime} or by the ban-time increment), an optional own ban time, the ban count,
 * the flags {@code restored} and {@code banned}, the ban epoch and a {@code data} dictionary. The data keeps
 * upstream's keys: {@code matches} (the matched log lines; each entry a {@code String} or a list of strings that
 * is joined), {@code failures} (the real number of failures, see {@link #attempt()}) and whatever the filter found
 * ({@code user}, {@code users}, {@code ip}, {@code fid}, {@code F-*} values...). Data values are {@code String},
 * {@code Long}/{@code Integer}, {@code Double}, {@code Boolean}, {@code List}, {@code Set} or {@code Map} of those;
 * {@code null} values are never kept (setting {@code null} removes the key), as upstream.
 *
 * <p>Tickets are mutable and not locked: a ticket belongs to one thread at a time. {@link FailureCounter} and
 * {@link BanList} change the tickets they hold only under their own lock; a ticket handed out by them belongs to
 * the receiver.
 */
public sealed class FailTicket permits BanTicket {

    /** Data key of the matched lines. */
    public static final String MATCHES = "matches";
    /** Data key of the real failure count. */
    public static final String FAILURES = "failures";

    private static final int RESTORED = 0x01;
    private static final int BANNED = 0x08;

    private IpAddress id;
    private Instant time;
    private Instant firstTime;
    private int retry;
    private BanTime banTime;
    private int banCount;
    private int flags;
    private int banEpoch;
    private Map<String, Object> data;

    /**
     * A ticket without matched lines ({@code FailTicket(ip, time)}); its attempt and retry counts are 0.
     *
     * @param id the failure id
     * @param time the time of the failure
     */
    public FailTicket(IpAddress id, Instant time) {
        this(id, time, List.of(), Map.of());
    }

    /**
     * A ticket with matched lines ({@code FailTicket(ip, time, matches)}).
     *
     * @param id the failure id
     * @param time the time of the failure
     * @param matches the matched lines (strings, or lists of strings joined on read); may be empty
     */
    public FailTicket(IpAddress id, Instant time, List<?> matches) {
        this(id, time, matches, Map.of());
    }

    /**
     * Upstream {@code FailTicket(ip, time, matches, data)}: the data start as {@code matches} and {@code failures = 0},
     * then every non-null entry of {@code data} is put over them; the retry count is then the {@code failures}
     * value.
     *
     * @param id the failure id
     * @param time the time of the failure
     * @param matches the matched lines; may be empty
     * @param data further data (a {@code null} value is skipped; a {@code matches} or {@code failures} entry wins)
     */
    public FailTicket(IpAddress id, Instant time, List<?> matches, Map<String, ?> data) {
        this.id = Objects.requireNonNull(id, "id");
        this.time = Objects.requireNonNull(time, "time");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(data, "data");
        this.data = new LinkedHashMap<>();
        this.data.put(MATCHES, new ArrayList<Object>(matches));
        this.data.put(FAILURES, 0);
        for (Map.Entry<String, ?> e : data.entrySet()) {
            if (e.getValue() != null) {
                this.data.put(Objects.requireNonNull(e.getKey(), "data key"), e.getValue());
            }
        }
        this.firstTime = time;
        this.retry = attempt();
    }

    /**
     * A copy of another ticket with all its state (upstream {@code FailTicket(ticket=other)}); the data
     * dictionary and the match list are copied, not shared.
     *
     * @param other the ticket to copy
     */
    public FailTicket(FailTicket other) {
        this.id = other.id;
        this.time = other.time;
        this.firstTime = other.firstTime;
        this.retry = other.retry;
        this.banTime = other.banTime;
        this.banCount = other.banCount;
        this.flags = other.flags;
        this.banEpoch = other.banEpoch;
        this.data = new LinkedHashMap<>(other.data);
        Object m = this.data.get(MATCHES);
        if (m instanceof List<?> l) {
            this.data.put(MATCHES, new ArrayList<Object>(l));
        }
    }

    // ------------------------------------------------------------------ id and time

    /** The failure id ({@code getID}). */
    public IpAddress id() {
        return id;
    }

    /** Changes the failure id ({@code setID}). */
    public void setId(IpAddress value) {
        this.id = Objects.requireNonNull(value, "id");
    }

    /**
     * Upstream {@code getIP}: the {@code ip} data entry if the filter gave one (the id may be another failure id),
     * else the id.
     */
    public IpAddress ip() {
        Object ip = data.get("ip");
        if (ip instanceof IpAddress a) {
            return a;
        }
        if (ip instanceof String s) {
            return IpAddress.parse(s);
        }
        return id;
    }

    /** The time of the (last) failure, for a ban ticket the start of the ban ({@code getTime}). */
    public Instant time() {
        return time;
    }

    /** Sets the time ({@code setTime}). */
    public void setTime(Instant value) {
        this.time = Objects.requireNonNull(value, "time");
    }

    // ------------------------------------------------------------------ ban time and count

    /** The ban time of this ticket if one was set ({@code getBanTime()}; empty for upstream's {@code None}). */
    public Optional<BanTime> banTime() {
        return Optional.ofNullable(banTime);
    }

    /**
     * Upstream {@code getBanTime(defaultBT)}: the own ban time, else the given default (the jail's).
     *
     * @param defaultBanTime the jail's ban time
     * @return the effective ban time
     */
    public BanTime banTime(BanTime defaultBanTime) {
        return banTime != null ? banTime : Objects.requireNonNull(defaultBanTime, "defaultBanTime");
    }

    /** Sets the own ban time ({@code setBanTime}). */
    public void setBanTime(BanTime value) {
        this.banTime = Objects.requireNonNull(value, "banTime");
    }

    /** Removes the own ban time, so the jail's applies ({@code setBanTime(None)}). */
    public void clearBanTime() {
        this.banTime = null;
    }

    /** How often this id was banned, this ban included once it is in a {@link BanList} ({@code getBanCount}). */
    public int banCount() {
        return banCount;
    }

    /** Upstream {@code setBanCount(value)}: raises the ban count to {@code value}, never lowers it. */
    public void setBanCount(int value) {
        setBanCount(value, false);
    }

    /** Upstream {@code setBanCount(value, always)}: sets the ban count, lowering it only if {@code always}. */
    public void setBanCount(int value, boolean always) {
        if (always || value > banCount) {
            banCount = value;
        }
    }

    /** Adds one to the ban count ({@code incrBanCount()}). */
    public void incrBanCount() {
        banCount++;
    }

    /** Adds {@code value} to the ban count ({@code incrBanCount(value)}). */
    public void incrBanCount(int value) {
        banCount += value;
    }

    /**
     * Upstream {@code getEndOfBanTime(defaultBT)}: time plus the effective ban time, or
     * {@link EpochSeconds#MAX_TIME} for a permanent ban.
     *
     * @param defaultBanTime the jail's ban time
     * @return the end of the ban
     */
    public Instant endOfBan(BanTime defaultBanTime) {
        return banTime(defaultBanTime).endOf(time);
    }

    /**
     * Upstream {@code isTimedOut(time, defaultBT)}: whether {@code now} is after the end of a non-permanent ban.
     *
     * @param now the current time
     * @param defaultBanTime the jail's ban time
     * @return true if the ban is over
     */
    public boolean isTimedOut(Instant now, BanTime defaultBanTime) {
        BanTime bt = banTime(defaultBanTime);
        return !bt.isPermanent() && now.isAfter(bt.endOf(time));
    }

    // ------------------------------------------------------------------ failures and matches

    /** The real failure count, the {@code failures} data entry ({@code getAttempt}); 0 if it is missing. */
    public int attempt() {
        Object f = data.get(FAILURES);
        return f instanceof Number n ? n.intValue() : 0;
    }

    /** Sets the real failure count ({@code setAttempt}). */
    public void setAttempt(int value) {
        data.put(FAILURES, value);
    }

    /**
     * The failure count used against {@code maxretry} ({@code getRetry}): normally the failures, but estimated
     * by {@link #adjustTime} and raised for known bad ids by the ban-time increment.
     */
    public int retry() {
        return retry;
    }

    /**
     * Upstream {@code setRetry}: sets the retry count; makes the failure count at least 1, or clears failures and
     * matches when {@code value} is 0.
     *
     * @param value the retry count
     */
    public void setRetry(int value) {
        retry = value;
        if (attempt() == 0) {
            data.put(FAILURES, 1);
        }
        if (value == 0) {
            data.put(FAILURES, 0);
            data.put(MATCHES, new ArrayList<Object>());
        }
    }

    /**
     * The matched lines ({@code getMatches}): each entry as text, list entries (tuple lines) joined.
     *
     * @return an unmodifiable list, empty if there are none
     */
    public List<String> matches() {
        Object m = data.get(MATCHES);
        if (!(m instanceof Collection<?> c) || c.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(c.size());
        for (Object line : c) {
            out.add(joinLine(line));
        }
        return Collections.unmodifiableList(out);
    }

    private static String joinLine(Object line) {
        if (line instanceof Collection<?> parts) {
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) {
                sb.append(p);
            }
            return sb.toString();
        }
        return String.valueOf(line);
    }

    /** The number of matched lines kept. */
    public int matchCount() {
        Object m = data.get(MATCHES);
        return m instanceof Collection<?> c ? c.size() : 0;
    }

    /**
     * Upstream {@code setMatches}: replaces the matched lines; an empty list removes the {@code matches} entry.
     *
     * @param matches the lines (strings or lists of strings)
     */
    public void setMatches(List<?> matches) {
        if (matches.isEmpty()) {
            data.remove(MATCHES);
        } else {
            data.put(MATCHES, new ArrayList<Object>(matches));
        }
    }

    /** Keeps only the last {@code max} matched lines (the truncation of {@code maxmatches}); 0 removes them all. */
    public void keepLastMatches(int max) {
        if (max <= 0) {
            data.remove(MATCHES);
            return;
        }
        Object m = data.get(MATCHES);
        if (m instanceof List<?> l && l.size() > max) {
            data.put(MATCHES, new ArrayList<Object>(l.subList(l.size() - max, l.size())));
        }
    }

    /**
     * Upstream {@code adjustTime(time, maxTime)}: a failure at {@code failureTime}, later than the ticket's time,
     * becomes the ticket's time; if the ticket's failures then span more than {@code findTime}, the retry count is
     * re-estimated from the rate over the known interval ({@code round(retry / (time - firstTime) * findTime)},
     * rounded half to even) and the interval start moves to {@code failureTime - findTime}.
     *
     * @param failureTime the time of the new failure
     * @param findTime the jail's find time
     */
    public void adjustTime(Instant failureTime, Duration findTime) {
        if (!failureTime.isAfter(time)) {
            return;
        }
        Instant windowStart = failureTime.minus(findTime);
        if (firstTime.isBefore(windowStart)) {
            double span = EpochSeconds.toDouble(failureTime) - EpochSeconds.toDouble(firstTime);
            double maxTime = findTime.getSeconds() + findTime.getNano() / 1e9;
            retry = (int) Math.rint(retry / span * maxTime);
            firstTime = windowStart;
        }
        time = failureTime;
    }

    /**
     * Upstream {@code inc(matches, attempt, count)}: adds {@code count} to the retry count, {@code attempt} to the
     * failures and appends the matched lines (a new list, never shared).
     *
     * @param newMatches lines to append; may be empty
     * @param attempt failures to add
     * @param count retries to add
     */
    public void inc(List<?> newMatches, int attempt, int count) {
        retry += count;
        data.put(FAILURES, attempt() + attempt);
        if (!newMatches.isEmpty()) {
            Object m = data.get(MATCHES);
            List<Object> merged = new ArrayList<>();
            if (m instanceof Collection<?> c) {
                merged.addAll(c);
            }
            merged.addAll(newMatches);
            data.put(MATCHES, merged);
        }
    }

    /** Upstream {@code inc()}: one more failure and retry. */
    public void inc() {
        inc(List.of(), 1, 1);
    }

    /** The start of the interval the retry count covers (upstream {@code _firstTime}). */
    public Instant firstTime() {
        return firstTime;
    }

    // ------------------------------------------------------------------ flags

    /** Whether the ticket was restored from the database at start ({@code restored}). */
    public boolean restored() {
        return (flags & RESTORED) != 0;
    }

    /** Sets the {@code restored} flag. */
    public void setRestored(boolean value) {
        flags = value ? flags | RESTORED : flags & ~RESTORED;
    }

    /** Whether all actions have banned this ticket ({@code banned}). */
    public boolean banned() {
        return (flags & BANNED) != 0;
    }

    /** Sets the {@code banned} flag. */
    public void setBanned(boolean value) {
        flags = value ? flags | BANNED : flags & ~BANNED;
    }

    /** The ban epoch of the actions that banned this ticket ({@code banEpoch}, default 0). */
    public int banEpoch() {
        return banEpoch;
    }

    /** Sets the ban epoch. */
    public void setBanEpoch(int value) {
        banEpoch = value;
    }

    // ------------------------------------------------------------------ data

    /** A copy of the whole data dictionary, in insertion order ({@code getData()}). */
    public Map<String, Object> data() {
        return new LinkedHashMap<>(data);
    }

    /** One data entry ({@code getData(key)}). */
    public Optional<Object> data(String key) {
        return Optional.ofNullable(data.get(key));
    }

    /**
     * Upstream {@code setData(key, value)}: sets one entry; {@code null} removes it.
     *
     * @param key the key
     * @param value the value or {@code null}
     */
    public void setData(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
    }

    /**
     * Upstream {@code setData(dict)}: replaces the whole dictionary by the non-null entries of {@code values}
     * (also {@code matches} and {@code failures} go if they are not in it).
     *
     * @param values the new data
     */
    public void replaceData(Map<String, ?> values) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getValue() != null) {
                d.put(Objects.requireNonNull(e.getKey(), "data key"), e.getValue());
            }
        }
        data = d;
    }

    /**
     * Upstream {@code setData(**kwargs)}: sets several entries; {@code null} values remove them.
     *
     * @param values the entries
     */
    public void updateData(Map<String, ?> values) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            setData(e.getKey(), e.getValue());
        }
    }

    /** The upstream class name used in {@link #toString()}. */
    String kind() {
        return "FailTicket";
    }

    /**
     * Upstream's {@code str(ticket)}:
     * {@code FailTicket: ip=1.2.3.4 time=1167605999.0 bantime=None bancount=0 #attempts=5 matches=['a']}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(kind()).append(": ip=").append(id).append(" time=").append(EpochSeconds.repr(time))
                .append(" bantime=").append(banTime == null ? "None" : banTime.toString())
                .append(" bancount=").append(banCount).append(" #attempts=").append(attempt())
                .append(" matches=[");
        Object m = data.get(MATCHES);
        if (m instanceof Collection<?> c) {
            boolean first = true;
            for (Object line : c) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append('\'').append(joinLine(line).replace("\\", "\\\\").replace("'", "\\'")
                        .replace("\n", "\\n")).append('\'');
            }
        }
        return sb.append(']').toString();
    }
}
