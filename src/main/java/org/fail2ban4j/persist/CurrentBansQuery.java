package org.fail2ban4j.persist;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;

/**
 * The parameters of upstream's {@code getCurrentBans(jail, ip, forbantime, fromtime, correctBanTime, maxmatches)}.
 * Immutable; each method returns a new query.
 *
 * <p>Defaults as upstream: all jails, all ids, no {@code forbantime}, {@code fromtime} now, {@code correctBanTime}
 * on (the jail's maximum ban time caps the ban times read), the database's {@code maxmatches}.
 */
public final class CurrentBansQuery {

    /** How the ban times read are corrected ({@code correctBanTime}). */
    enum Correction {
        /** {@code True}: the jail's maximum ban time, if a jail is given and it is not permanent. */
        JAIL_MAX,
        /** {@code False}. */
        NONE,
        /** A given number of seconds. */
        VALUE
    }

    /**
     * A jail as {@code getCurrentBans} needs it.
     *
     * @param name the jail's name
     * @param banTime the jail's {@code bantime} (for the unknown ban time {@code -2} of upgraded databases)
     * @param maxBanTime the jail's longest ban time ({@code Jail.getMaxBanTime}, see
     *     {@link org.fail2ban4j.ban.BanTimePolicy#maxBanTime})
     */
    public record JailBanTimes(String name, BanTime banTime, BanTime maxBanTime) {
        /** Checks the components. */
        public JailBanTimes {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(banTime, "banTime");
            Objects.requireNonNull(maxBanTime, "maxBanTime");
        }
    }

    private static final CurrentBansQuery ALL = new CurrentBansQuery(null, null, null, null, Correction.JAIL_MAX,
            null, -1);

    private final JailBanTimes jail;
    private final IpAddress ip;
    private final BanTime forBanTime;
    private final Instant fromTime;
    private final Correction correction;
    private final BanTime correctBanTime;
    private final int maxMatches;

    private CurrentBansQuery(JailBanTimes jail, IpAddress ip, BanTime forBanTime, Instant fromTime,
            Correction correction, BanTime correctBanTime, int maxMatches) {
        this.jail = jail;
        this.ip = ip;
        this.forBanTime = forBanTime;
        this.fromTime = fromTime;
        this.correction = correction;
        this.correctBanTime = correctBanTime;
        this.maxMatches = maxMatches;
    }

    /** All current bans of all jails, with upstream's defaults. */
    public static CurrentBansQuery all() {
        return ALL;
    }

    /** Only the bans of this jail. */
    public CurrentBansQuery jail(JailBanTimes value) {
        return new CurrentBansQuery(Objects.requireNonNull(value, "jail"), ip, forBanTime, fromTime, correction,
                correctBanTime, maxMatches);
    }

    /** Shortcut for {@link #jail(JailBanTimes)}. */
    public CurrentBansQuery jail(String name, BanTime banTime, BanTime maxBanTime) {
        return jail(new JailBanTimes(name, banTime, maxBanTime));
    }

    /** Only the ban of this id (at most one ticket is returned). */
    public CurrentBansQuery ip(IpAddress value) {
        return new CurrentBansQuery(jail, Objects.requireNonNull(value, "ip"), forBanTime, fromTime, correction,
                correctBanTime, maxMatches);
    }

    /**
     * Only bans started within this ban time before {@code fromtime} ({@code forbantime});
     * {@link BanTime#PERMANENT} means no limit, as not setting it.
     */
    public CurrentBansQuery forBanTime(BanTime value) {
        return new CurrentBansQuery(jail, ip, Objects.requireNonNull(value, "forBanTime"), fromTime, correction,
                correctBanTime, maxMatches);
    }

    /** The time the bans must still last at ({@code fromtime}; default now). */
    public CurrentBansQuery fromTime(Instant value) {
        return new CurrentBansQuery(jail, ip, forBanTime, Objects.requireNonNull(value, "fromTime"), correction,
                correctBanTime, maxMatches);
    }

    /** {@code correctBanTime=True} (the jail's maximum, the default) or {@code False} (no correction). */
    public CurrentBansQuery correctBanTime(boolean value) {
        return new CurrentBansQuery(jail, ip, forBanTime, fromTime, value ? Correction.JAIL_MAX : Correction.NONE,
                null, maxMatches);
    }

    /** {@code correctBanTime=<seconds>}: caps ban times (and replaces unknown ones) with this value. */
    public CurrentBansQuery correctBanTime(BanTime value) {
        return new CurrentBansQuery(jail, ip, forBanTime, fromTime, Correction.VALUE,
                Objects.requireNonNull(value, "correctBanTime"), maxMatches);
    }

    /** Matched lines kept per ticket ({@code maxmatches}; 0 drops them); default: the database's. */
    public CurrentBansQuery maxMatches(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxmatches must not be negative: " + value);
        }
        return new CurrentBansQuery(jail, ip, forBanTime, fromTime, correction, correctBanTime, value);
    }

    /** The jail condition. */
    public Optional<JailBanTimes> jail() {
        return Optional.ofNullable(jail);
    }

    /** The id condition. */
    public Optional<IpAddress> ip() {
        return Optional.ofNullable(ip);
    }

    /** The {@code forbantime}. */
    public Optional<BanTime> forBanTime() {
        return Optional.ofNullable(forBanTime);
    }

    /** The {@code fromtime}, empty for now. */
    public Optional<Instant> fromTime() {
        return Optional.ofNullable(fromTime);
    }

    /** The {@code maxmatches}, empty for the database's. */
    public OptionalInt maxMatches() {
        return maxMatches < 0 ? OptionalInt.empty() : OptionalInt.of(maxMatches);
    }

    Correction correction() {
        return correction;
    }

    BanTime correctBanTimeValue() {
        return correctBanTime;
    }
}
