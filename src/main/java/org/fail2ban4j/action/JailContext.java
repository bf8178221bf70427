package org.fail2ban4j.action;

import java.util.Optional;
import org.fail2ban4j.net.IpAddress;

/**
 * What an action and its ban info need from the jail they belong to (upstream's {@code jail}, {@code jail.actions}
 * and {@code jail.database} as {@code fail2ban/server/action.py} and {@code actions.py:ActionInfo} use them).
 */
public interface JailContext {

    /** The jail name ({@code <jail.name>}). */
    String name();

    /** Upstream {@code jail.actions.getBanTime()}: the jail's ban time in seconds, for tickets without their own. */
    long banTime();

    /** Upstream {@code banManager.size()} ({@code <jail.banned>}). */
    default int bannedCount() {
        return 0;
    }

    /** Upstream {@code banManager.getBanTotal()} ({@code <jail.banned_total>}). */
    default long bannedTotal() {
        return 0;
    }

    /** Upstream {@code failManager.size()} ({@code <jail.found>}). */
    default int foundCount() {
        return 0;
    }

    /** Upstream {@code failManager.getFailTotal()} ({@code <jail.found_total>}). */
    default long foundTotal() {
        return 0;
    }

    /**
     * Upstream {@code jail.database.getBansMerged(ip=..., jail=...)}: the stored bans of an address merged, for
     * {@code <ipmatches>}, {@code <ipjailmatches>}, {@code <ipfailures>} and {@code <ipjailfailures>}.
     *
     * @param ip the address
     * @param allJails {@code true} for the bans of all jails, {@code false} for this jail's
     * @return the merged bans; empty when the jail has no database (the ticket's own values are used then)
     * @throws RuntimeException if the database fails (logged; the ticket's own values are used then)
     */
    default Optional<MergedBans> mergedBans(IpAddress ip, boolean allJails) {
        return Optional.empty();
    }

    /**
     * Upstream {@code jail.actions.banEpoch += 1}: increments the jail's ban epoch after an action had to repair
     * its environment, so that tickets banned before are banned again.
     *
     * @return the new epoch
     */
    int incrementBanEpoch();
}
