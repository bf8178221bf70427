package org.fail2ban4j.ban;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.fail2ban4j.expr.PyExpressionException;

/**
 * Port of the ban-time increment of {@code fail2ban/server/observer.py:ObserverThread} ({@code calcBanTime},
 * {@code incrBanTime}, the retry raise of {@code failureFound}) together with the formula that
 * {@code fail2ban/server/jail.py:Jail.setBanTimeExtra} builds.
 *
 * <p>Pure: no database and no clock. The history comes in as a {@link BanRecord} (from {@link BanHistory}), and the
 * random part of {@code bantime.rndtime} from the injected {@link RandomGenerator} (upstream
 * {@code random.random()}, one {@code nextDouble()} per computed ban time). Thread-safe if the generator is.
 */
public final class BanTimeCalculator {

    private final RandomGenerator random;

    /**
     * A calculator.
     *
     * @param random the source of the {@code rndtime} part
     */
    public BanTimeCalculator(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Upstream {@code calcBanTime(jail, banTime, banCount)}, the jail's ban-time formula:
     * <ul>
     *   <li>with {@code multipliers}: {@code banTime * banFactor * multipliers[banCount]}, the index capped at
     *       the last multiplier;</li>
     *   <li>else {@code max(banTime, formula)} with {@code ban.Time = banTime}, {@code ban.Count = banCount} and
     *       {@code banFactor};</li>
     *   <li>then {@code min(..., maxtime)} if {@code maxtime} is set, then {@code + random() * rndtime} if
     *       {@code rndtime} is set.</li>
     * </ul>
     * Python's numbers are kept: integers stay integers unless a float takes part.
     *
     * @param policy the jail's options
     * @param banTime the jail's ban time ({@code ban.Time}); a permanent one enters the formula as {@code -1}
     * @param banCount how often the id was banned before ({@code ban.Count})
     * @return the new ban time
     * @throws IllegalArgumentException if the formula fails (unknown name, math error; the message has the
     *     formula) or gives a result that is no finite number
     */
    public BanTime calcBanTime(BanTimePolicy policy, BanTime banTime, int banCount) {
        Number t = banTime.toNumber();
        Number r;
        long[] mult = policy.multiplierArray();
        if (mult.length > 0) {
            int idx = banCount < mult.length ? banCount : mult.length - 1;
            if (idx < 0) {
                idx += mult.length;
                if (idx < 0) {
                    throw new IllegalArgumentException("ban count " + banCount + " out of the range of "
                            + mult.length + " bantime.multipliers");
                }
            }
            r = mul(mul(t, policy.factor()), mult[idx]);
        } else {
            Map<String, Object> vars = new HashMap<>(4);
            vars.put("ban.Time", t);
            vars.put("ban.Count", (long) banCount);
            vars.put("banFactor", policy.factor());
            Object v;
            try {
                v = policy.formula().evaluate(vars);
            } catch (PyExpressionException e) {
                throw new IllegalArgumentException("bantime.formula '" + policy.formula().source() + "' failed: "
                        + e.getMessage(), e);
            }
            Number n = v instanceof Boolean b ? (Number) (b ? 1L : 0L) : (Number) v;
            r = n.doubleValue() > t.doubleValue() ? n : t;
        }
        Optional<Number> max = policy.maxTime();
        if (max.isPresent() && max.get().doubleValue() < r.doubleValue()) {
            r = max.get();
        }
        Optional<Number> rnd = policy.rndTime();
        if (rnd.isPresent()) {
            r = r.doubleValue() + random.nextDouble() * rnd.get().doubleValue();
        }
        if (r instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("the ban time formula gave " + d + " for ban time " + banTime
                    + " and ban count " + banCount);
        }
        return BanTime.of(r);
    }

    private static Number mul(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return lo;
            }
            return x.doubleValue() * y.doubleValue();
        }
        return a.doubleValue() * b.doubleValue();
    }

    private static Number mul(Number a, long b) {
        return mul(a, (Number) b);
    }

    /**
     * Upstream {@code incrBanTime(jail, banTime, ticket)} once the history is known: when increment is on, the
     * ban time is positive and the id has a history, the ticket's ban count becomes at least the history's count
     * + 1, the ban time is recomputed with {@link #calcBanTime} if the history's count is positive, and set on the
     * ticket; a ticket not newer than the last ban is marked {@code restored} (it was read again from the log after
     * a restart). Otherwise nothing changes.
     *
     * <p>The caller logs upstream's {@code [jail] IP ... is bad: <count> # last <time> - incr <old> to <new>}
     * when a history was applied and the ticket is newer than the last ban ({@link #isRepeatedBan}).
     *
     * @param policy the jail's options
     * @param banTime the jail's ban time
     * @param ticket the ticket to ban; changed as described
     * @param lastBan the id's history ({@link BanHistory#lastBan} with the policy's {@code overalljails})
     * @return the ban time to use
     * @throws IllegalArgumentException if the formula fails, see {@link #calcBanTime}
     */
    public BanTime incrBanTime(BanTimePolicy policy, BanTime banTime, FailTicket ticket, Optional<BanRecord> lastBan) {
        if (!policy.increment() || banTime.isPermanent() || banTime.toNumber().doubleValue() <= 0
                || lastBan.isEmpty()) {
            return banTime;
        }
        BanRecord last = lastBan.get();
        if (last.banCount() >= ticket.banCount()) {
            ticket.setBanCount(last.banCount() + 1);
        }
        BanTime result = banTime;
        if (last.banCount() > 0) {
            result = calcBanTime(policy, banTime, last.banCount());
        }
        ticket.setBanTime(result);
        if (!isRepeatedBan(ticket, last)) {
            ticket.setRestored(true);
        }
        return result;
    }

    /**
     * Whether a ticket is newer than the id's last ban (a new offence rather than a line read again).
     *
     * @param ticket the ticket
     * @param lastBan the id's history
     * @return {@code ticket.time() > lastBan.timeOfBan()}
     */
    public static boolean isRepeatedBan(FailTicket ticket, BanRecord lastBan) {
        return ticket.time().isAfter(lastBan.timeOfBan());
    }

    /**
     * What {@code failureFound} adds for a failure of a known bad id.
     *
     * @param banCount the ban count used (the larger of the history's and the ticket's)
     * @param retryCount the retry count the failure is worth ({@code 2^min(banCount, 20) / 2 + 1}, at most
     *     {@code maxretry}); a Python float, integral unless the ban count is 0
     */
    public record RetryIncrease(int banCount, double retryCount) {
        /**
         * The retries to add to the failure counter on top of the one the filter added
         * ({@code retryCount - 1}, fractions cut).
         */
        public int additionalRetries() {
            return (int) (retryCount - 1);
        }
    }

    /**
     * Upstream {@code failureFound}: for an id with a ban history in the jail, a failure counts more
     * ({@code 2, 3, 5, 9 ...} retries for ban counts {@code 1, 2, 3, 4 ...}, capped at {@code maxretry}).
     *
     * @param maxRetry the jail's {@code maxretry}
     * @param ticket the failure
     * @param lastBan the id's history in this jail ({@link BanHistory#lastBan} without {@code overalljails})
     * @return the increase, empty if there is no history, if the failure is not newer than the last ban (a line
     *     read again after a restart) or if the failure is worth only one retry
     */
    public static Optional<RetryIncrease> retryIncrease(int maxRetry, FailTicket ticket,
            Optional<BanRecord> lastBan) {
        if (lastBan.isEmpty()) {
            return Optional.empty();
        }
        BanRecord last = lastBan.get();
        int banCount = Math.max(last.banCount(), ticket.banCount());
        if (banCount < 0) {
            throw new IllegalArgumentException("negative ban count " + banCount + " for " + ticket.id());
        }
        double retryCount = (1L << Math.min(banCount, 20)) / 2.0 + 1;
        retryCount = Math.min(retryCount, maxRetry);
        if (!ticket.time().isAfter(last.timeOfBan()) || retryCount <= 1) {
            return Optional.empty();
        }
        return Optional.of(new RetryIncrease(banCount, retryCount));
    }
}
