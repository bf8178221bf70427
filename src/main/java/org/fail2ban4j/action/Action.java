package org.fail2ban4j.action;

import java.util.function.BooleanSupplier;

/**
 * Port of {@code fail2ban/server/action.py:ActionBase}: what a jail does with its actions. Only {@link #ban} and
 * {@link #unban} have no default; the others do what upstream does for an action without them.
 *
 * <p>Methods throw {@link ActionException} (upstream {@code RuntimeError}) when a command fails; the jail logs
 * the error and goes on with the next action.
 */
public interface Action {

    /** The action name in its jail ({@code iptables-multiport}, {@code nftables-nft} ...). */
    String name();

    /** Executed when the jail starts the action. */
    default void start() {
    }

    /** Executed when the jail stops the action. */
    default void stop() {
    }

    /**
     * Bans the ticket described by the info.
     *
     * @param info the ban info
     */
    void ban(BanInfo info);

    /**
     * Bans a ticket again (after the environment was repaired); by default the same as {@link #ban}.
     *
     * @param info the ban info
     */
    default void reban(BanInfo info) {
        ban(info);
    }

    /**
     * Removes the ban of the ticket described by the info.
     *
     * @param info the ban info
     */
    void unban(BanInfo info);

    /** Upstream {@code _prolongable}: whether {@link #prolong} does something. */
    default boolean prolongable() {
        return false;
    }

    /**
     * Extends a ban whose ban time grew.
     *
     * @param info the ban info
     */
    default void prolong(BanInfo info) {
    }

    /**
     * Whether the action can remove all its bans at once (upstream: the action has {@code flush} and, for a
     * command action, a non-empty {@code actionflush}); if not, the jail unbans each ticket.
     */
    default boolean supportsFlush() {
        return false;
    }

    /**
     * Removes all bans at once.
     *
     * @return whether that was done (if not, the jail unbans each ticket)
     */
    default boolean flush() {
        return false;
    }

    /** Executed after the jail's configuration was reloaded. */
    default void reload() {
    }

    /**
     * Checks that the action's environment is sane, repairing it if possible.
     *
     * @param beforeRepair asked before a repair; {@code false} skips it ({@code null}: always repair)
     * @return {@code false} if the environment is broken and was not restored
     */
    default boolean consistencyCheck(BooleanSupplier beforeRepair) {
        return true;
    }

    /** Upstream {@code norestored}: whether bans restored from the database at start are skipped. */
    default boolean norestored() {
        return false;
    }

    /** Upstream {@code banEpoch}: tickets banned in an older epoch are banned again. */
    default int banEpoch() {
        return 0;
    }
}
