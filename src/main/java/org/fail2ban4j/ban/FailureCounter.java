package org.fail2ban4j.ban;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/server/failmanager.py:FailManager}: the failures of each id within the jail's find time,
 * until an id reaches {@code maxretry} and is taken out for a ban.
 *
 * <p><b>Thread safety:</b> internally locked. Every method takes the counter's private lock, so the filter thread
 * adding failures, the observer raising retry counts and the action thread taking tickets may call it
 * concurrently. Tickets inside are changed only under that lock; a ticket returned by {@link #toBan()} has left
 * the counter and belongs to the caller.
 *
 * <p>Defaults as upstream: {@code maxretry} 3, find time 600 s, {@code maxmatches} 5.
 */
public final class FailureCounter {

    private final Object lock = new Object();
    private final Map<IpAddress, FailTicket> failures = new LinkedHashMap<>();
    private int maxRetry = 3;
    private Duration findTime = Duration.ofSeconds(600);
    private int maxMatches = 5;
    private long failTotal;

    /** The number of failures (with retry counts) of the ids currently counted. */
    public record FailCount(int ids, long retries) {
    }

    /** Upstream {@code getMaxRetry}. */
    public int maxRetry() {
        synchronized (lock) {
            return maxRetry;
        }
    }

    /**
     * Upstream {@code setMaxRetry}.
     *
     * @param value failures that lead to a ban (any value; upstream does not check it either)
     */
    public void setMaxRetry(int value) {
        synchronized (lock) {
            maxRetry = value;
        }
    }

    /** The find time (upstream {@code getMaxTime}). */
    public Duration findTime() {
        synchronized (lock) {
            return findTime;
        }
    }

    /**
     * Sets the find time (upstream {@code setMaxTime}).
     *
     * @param value the window in which failures count; not negative
     */
    public void setFindTime(Duration value) {
        Objects.requireNonNull(value, "findTime");
        if (value.isNegative()) {
            throw new IllegalArgumentException("findtime must not be negative: " + value);
        }
        synchronized (lock) {
            findTime = value;
        }
    }

    /** Matched lines kept per id (upstream {@code maxMatches}); 0 keeps none. */
    public int maxMatches() {
        synchronized (lock) {
            return maxMatches;
        }
    }

    /**
     * Sets the matched lines kept per id.
     *
     * @param value 0 or more
     */
    public void setMaxMatches(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxmatches must not be negative: " + value);
        }
        synchronized (lock) {
            maxMatches = value;
        }
    }

    /** All failures added since start (upstream {@code getFailTotal}). */
    public long failTotal() {
        synchronized (lock) {
            return failTotal;
        }
    }

    /** Upstream {@code setFailTotal}. */
    public void setFailTotal(long value) {
        synchronized (lock) {
            failTotal = value;
        }
    }

    /** Upstream {@code getFailCount}: ids counted and the sum of their retry counts. */
    public FailCount failCount() {
        synchronized (lock) {
            long sum = 0;
            for (FailTicket t : failures.values()) {
                sum += t.retry();
            }
            return new FailCount(failures.size(), sum);
        }
    }

    /** The number of ids with counted failures (upstream {@code size}). */
    public int size() {
        synchronized (lock) {
            return failures.size();
        }
    }

    /**
     * Upstream {@code addFailure(ticket)}: one failure found by the filter.
     *
     * @param ticket the failure
     * @return the retry count of the id now
     */
    public int addFailure(FailTicket ticket) {
        return addFailure(ticket, 1, false);
    }

    /**
     * Upstream {@code addFailure(ticket, count, observed)}.
     *
     * <p>If the id is already counted, the counted ticket takes the new failure: its time moves forward with the
     * rate estimate of {@link FailTicket#adjustTime}, its retry count grows by {@code count} and its failures by
     * the ticket's attempts (at least one); the ticket's matched lines are appended (unless it is the very ticket
     * counted, which only adds one attempt) and cut to the last {@code maxmatches}, or dropped when
     * {@code maxmatches} is 0. Otherwise the ticket itself is counted, with a retry count of at least
     * {@code count} - unless it comes from the observer ({@code observed}) or is a {@link BanTicket}: an id not
     * counted (any more) is not added back then, and the ticket's retry count is returned.
     *
     * @param ticket the failure
     * @param count retries it is worth (the observer gives more for known bad ids)
     * @param observed whether the observer reports it
     * @return the retry count of the id now
     */
    public int addFailure(FailTicket ticket, int count, boolean observed) {
        Objects.requireNonNull(ticket, "ticket");
        synchronized (lock) {
            IpAddress fid = ticket.id();
            FailTicket counted = failures.get(fid);
            if (counted != null) {
                List<String> matches;
                int attempt;
                if (counted == ticket) {
                    matches = List.of();
                    attempt = 1;
                } else {
                    matches = maxMatches > 0 ? ticket.matches() : List.of();
                    attempt = ticket.attempt();
                    if (attempt <= 0) {
                        attempt += 1;
                    }
                }
                counted.adjustTime(ticket.time(), findTime);
                counted.inc(matches, attempt, count);
                counted.keepLastMatches(maxMatches);
            } else {
                if (observed || ticket instanceof BanTicket) {
                    return ticket.retry();
                }
                counted = ticket;
                if (count > ticket.attempt()) {
                    counted.setRetry(count);
                }
                failures.put(fid, counted);
            }
            failTotal++;
            return counted.retry();
        }
    }

    /**
     * Upstream {@code cleanup(time)}: forgets the ids whose last failure is at or before {@code now - findtime}.
     *
     * @param now the current time
     */
    public void cleanup(Instant now) {
        synchronized (lock) {
            Instant limit = now.minus(findTime);
            failures.values().removeIf(t -> !t.time().isAfter(limit));
        }
    }

    /**
     * Upstream {@code delFailure}: forgets an id.
     *
     * @param fid the id
     */
    public void delFailure(IpAddress fid) {
        synchronized (lock) {
            failures.remove(fid);
        }
    }

    /**
     * Upstream {@code toBan()}: takes out the first id (in the order they were first counted) whose retry count
     * reached {@code maxretry}.
     *
     * @return the ticket to ban, empty if no id reached it (upstream raises {@code FailManagerEmpty})
     */
    public Optional<FailTicket> toBan() {
        synchronized (lock) {
            for (Iterator<FailTicket> it = failures.values().iterator(); it.hasNext();) {
                FailTicket t = it.next();
                if (t.retry() >= maxRetry) {
                    it.remove();
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Upstream {@code toBan(fid)}: takes out that id if it reached {@code maxretry}; if the id is not counted, the
     * first other id that reached it, as upstream.
     *
     * @param fid the preferred id
     * @return the ticket to ban, empty if none reached {@code maxretry}
     */
    public Optional<FailTicket> toBan(IpAddress fid) {
        synchronized (lock) {
            FailTicket t = failures.get(fid);
            if (t == null) {
                return toBan();
            }
            if (t.retry() >= maxRetry) {
                failures.remove(fid);
                return Optional.of(t);
            }
            return Optional.empty();
        }
    }

    /** A copy of the ticket counted for an id, for inspection. */
    public Optional<FailTicket> get(IpAddress fid) {
        synchronized (lock) {
            FailTicket t = failures.get(fid);
            return t == null ? Optional.empty() : Optional.of(new FailTicket(t));
        }
    }
}
