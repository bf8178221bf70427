package org.fail2ban4j.persist;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;

/**
 * The optional conditions of upstream's {@code getBans}, {@code getBansMerged} and {@code getBan}
 * ({@code jail}, {@code ip}, {@code bantime}/{@code forbantime}, {@code fromtime}, {@code overalljails}). Immutable;
 * each method returns a new query. Conditions a method does not know are ignored by it.
 */
public final class BanQuery {

    private static final BanQuery ALL = new BanQuery(null, null, null, null, false);

    private final String jail;
    private final IpAddress ip;
    private final BanTime banTime;
    private final Instant fromTime;
    private final boolean overallJails;

    private BanQuery(String jail, IpAddress ip, BanTime banTime, Instant fromTime, boolean overallJails) {
        this.jail = jail;
        this.ip = ip;
        this.banTime = banTime;
        this.fromTime = fromTime;
        this.overallJails = overallJails;
    }

    /** No condition: all jails, all ids, any time. */
    public static BanQuery all() {
        return ALL;
    }

    /** Only bans of this jail. */
    public BanQuery jail(String name) {
        return new BanQuery(Objects.requireNonNull(name, "jail"), ip, banTime, fromTime, overallJails);
    }

    /** Only bans of this id. */
    public BanQuery ip(IpAddress id) {
        return new BanQuery(jail, Objects.requireNonNull(id, "ip"), banTime, fromTime, overallJails);
    }

    /**
     * Only bans started within this ban time before now ({@code bantime} of {@code getBans}/{@code getBansMerged},
     * where a negative value means no limit; {@code forbantime} of {@code getBan}).
     */
    public BanQuery banTime(BanTime value) {
        return new BanQuery(jail, ip, Objects.requireNonNull(value, "banTime"), fromTime, overallJails);
    }

    /** Only bans started after this time ({@code fromtime} of {@code getBan}). */
    public BanQuery fromTime(Instant value) {
        return new BanQuery(jail, ip, banTime, Objects.requireNonNull(value, "fromTime"), overallJails);
    }

    /** Sum the bans of all jails ({@code overalljails} of {@code getBan}). */
    public BanQuery overallJails(boolean value) {
        return new BanQuery(jail, ip, banTime, fromTime, value);
    }

    /** The jail condition. */
    public Optional<String> jail() {
        return Optional.ofNullable(jail);
    }

    /** The id condition. */
    public Optional<IpAddress> ip() {
        return Optional.ofNullable(ip);
    }

    /** The ban time condition. */
    public Optional<BanTime> banTime() {
        return Optional.ofNullable(banTime);
    }

    /** The from-time condition. */
    public Optional<Instant> fromTime() {
        return Optional.ofNullable(fromTime);
    }

    /** Whether all jails are summed. */
    public boolean overallJails() {
        return overallJails;
    }

    @Override
    public String toString() {
        return "BanQuery[jail=" + jail + ", ip=" + ip + ", banTime=" + banTime + ", fromTime=" + fromTime
                + ", overallJails=" + overallJails + "]";
    }
}
