package org.fail2ban4j.jail;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTicket;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.BanTimeCalculator;
import org.fail2ban4j.ban.BanTimePolicy;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.time.DurationFormatter;
import org.slf4j.Logger;

/**
 * Port of the per-jail part of {@code fail2ban/server/observer.py:ObserverThread}: {@code failureFound} (a failure
 * of a known bad id counts more), {@code incrBanTime}/{@code banFound} (a repeated ban lasts longer, then it is
 * written to the database). The arithmetic is {@link BanTimeCalculator}'s; this class fetches the history from
 * the {@link BanStore}, applies the result to the ticket and logs as upstream.
 *
 * <p>Upstream runs these steps asynchronously on its observer thread (the ban is executed first, then prolonged
 * when the increase is known). Here they run synchronously in the worker that found the failure or executes the
 * ban, so actions see the final ban time at once and no prolong step is needed.
 *
 * <p>Thread-safe: stateless apart from the thread-safe store.
 */
final class BanTimeIncreaser {

    /**
     * The outcome of {@link #increase}: the ban time before and after, and the history that was applied.
     *
     * @param before the ban time before
     * @param after the ban time now set on the ticket
     * @param lastBan the id's last ban
     * @param repeated whether the ticket is newer than that ban (else it was read again after a restart)
     */
    record Increase(BanTime before, BanTime after, BanRecord lastBan, boolean repeated) {
    }

    private final String jailName;
    private final Optional<BanStore> store;
    private final BanTimeCalculator calculator;
    private final Supplier<BanTimePolicy> policy;
    private final ZoneId zone;
    private final Logger log;

    BanTimeIncreaser(String jailName, Optional<BanStore> store, BanTimeCalculator calculator,
            Supplier<BanTimePolicy> policy, InstantSource clock, ZoneId zone, Logger log) {
        this.jailName = Objects.requireNonNull(jailName, "jailName");
        this.store = Objects.requireNonNull(store, "store");
        this.calculator = Objects.requireNonNull(calculator, "calculator");
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Whether {@code bantime.increment} is on and there is a database (upstream's precondition). */
    boolean active() {
        return store.isPresent() && policy.get().increment();
    }

    /**
     * Upstream {@code failureFound}: the extra retries a failure of a known bad id is worth. Logs
     * {@code [<jail>] Found <ip>, bad - <time>, <count> # -> <retries>[, Ban]} (INFO, {@code fail2ban.observer})
     * when there are some. Database errors are logged and count as no history.
     *
     * @param ticket the failure (not yet counted)
     * @param maxRetry the jail's {@code maxretry}
     * @return the increase, empty if there is none
     */
    Optional<BanTimeCalculator.RetryIncrease> failureFound(FailTicket ticket, int maxRetry) {
        if (!active()) {
            return Optional.empty();
        }
        log.debug("[{}] Observer: failure found {}", jailName, ticket.id());
        Optional<BanRecord> last;
        try {
            last = store.get().lastBan(ticket.id(), jailName, false);
        } catch (RuntimeException e) {
            log.error("{}", JailLog.text(e));
            return Optional.empty();
        }
        Optional<BanTimeCalculator.RetryIncrease> inc = BanTimeCalculator.retryIncrease(maxRetry, ticket, last);
        if (inc.isEmpty()) {
            if (last.isPresent() && !ticket.time().isAfter(last.get().timeOfBan())) {
                log.debug("[{}] Ignore failure {} before last ban {} < {}, restored", jailName, ticket.id(),
                        EpochSeconds.repr(ticket.time()), EpochSeconds.repr(last.get().timeOfBan()));
            }
            return Optional.empty();
        }
        BanTimeCalculator.RetryIncrease r = inc.get();
        log.info("[{}] Found {}, bad - {}, {} # -> {}{}", jailName, ticket.id(),
                TimeText.time2str(ticket.time(), zone), r.banCount(), retryText(r.banCount(), maxRetry),
                r.retryCount() >= maxRetry ? ", Ban" : "");
        return inc;
    }

    /** Upstream's {@code min((1 << n)/2 + 1, maxRetry)} as Python prints it: an int when maxretry is smaller. */
    private static String retryText(int banCount, int maxRetry) {
        double raw = (1L << Math.min(banCount, 20)) / 2.0 + 1;
        return maxRetry < raw ? Integer.toString(maxRetry) : pyFloat(raw);
    }

    /** Python's {@code str} of a float. */
    private static String pyFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".0";
        }
        return Double.toString(v);
    }

    /**
     * Upstream {@code incrBanTime} as {@code banFound} calls it, before the ban is executed: for a ticket without
     * its own ban time, with a finite jail ban time, increment on and a history in the database, the ticket's ban
     * count, ban time and {@code restored} flag are set as {@link BanTimeCalculator#incrBanTime} says.
     *
     * @param ticket the ticket to ban
     * @param jailBanTime the jail's ban time
     * @return what changed, empty if nothing did
     */
    Optional<Increase> increase(BanTicket ticket, BanTime jailBanTime) {
        BanTimePolicy p = policy.get();
        if (store.isEmpty() || !p.increment() || ticket.banTime().isPresent() || jailBanTime.isPermanent()) {
            return Optional.empty();
        }
        Optional<BanRecord> last;
        try {
            last = store.get().lastBan(ticket.id(), jailName, p.overallJails());
        } catch (RuntimeException e) {
            log.error("{}", JailLog.text(e));
            return Optional.empty();
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        BanTime after;
        try {
            after = calculator.incrBanTime(p, jailBanTime, ticket, last);
        } catch (RuntimeException e) {
            log.error("{}", JailLog.text(e));
            return Optional.empty();
        }
        if (!ticket.banTime().isPresent()) {
            return Optional.empty();
        }
        log.debug("IP {} was already banned: {} #, {}", ticket.id(), last.get().banCount(),
                EpochSeconds.repr(last.get().timeOfBan()));
        return Optional.of(new Increase(jailBanTime, after, last.get(), !ticket.restored()));
    }

    /**
     * The log lines of an applied increase, after the ban line: {@code [<jail>] IP <ip> is bad: ...} (INFO) for a
     * repeated ban, and {@code [<jail>] Increase Ban <ip> (<count> # <bantime> -> <end>)} (NOTICE) when the ban
     * time changed.
     *
     * @param ticket the banned ticket (its ban count is final)
     * @param inc the increase
     */
    void logIncrease(FailTicket ticket, Increase inc) {
        if (inc.repeated()) {
            log.info("[{}] IP {} is bad: {} # last {} - incr {} to {}", jailName, ticket.id(), inc.lastBan().banCount(),
                    TimeText.time2str(inc.lastBan().timeOfBan(), zone), seconds2str(inc.before()),
                    seconds2str(inc.after()));
        }
        if (!inc.after().equals(inc.before())) {
            String bt;
            String end;
            if (inc.after().isPermanent()) {
                bt = "permanent";
                end = "infinite";
            } else {
                bt = seconds2str(inc.after());
                end = TimeText.time2str(inc.after().endOf(ticket.time()), zone);
            }
            log.info(JailLog.NOTICE, "[{}] Increase Ban {} ({} # {} -> {})", jailName, ticket.id(), ticket.banCount(),
                    bt, end);
        }
    }

    private static String seconds2str(BanTime bt) {
        return DurationFormatter.format(bt.toNumber());
    }

    /**
     * Upstream {@code banFound}'s last step: writes a ban to the database, unless it was restored from there (or
     * read again from the log). Errors are logged.
     *
     * @param ticket the banned ticket
     * @param jailBanTime the jail's ban time
     */
    void recordBan(FailTicket ticket, BanTime jailBanTime) {
        if (store.isEmpty() || ticket.restored()) {
            return;
        }
        try {
            store.get().addBan(jailName, ticket, jailBanTime);
        } catch (RuntimeException e) {
            log.error("{}", JailLog.text(e));
        }
    }
}
