package org.fail2ban4j.persist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.fail2ban4j.ban.BanHistory;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.BanTimePolicy;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/server/database.py:Fail2BanDb} as a port: durable bans (the {@code bans} history and the
 * {@code bips} last ban per id and jail), the jails known and the read positions of log files and the journal.
 *
 * <p>Jails are given by name; times are {@link Instant}s, ban times {@link BanTime}s. Every method fails with a
 * {@link BanStoreException} naming the store when the store cannot do it. Implementations are thread-safe.
 */
public interface BanStore extends BanHistory, AutoCloseable {

    /** The database file name ({@code :memory:} for an in-memory database). */
    String filename();

    /** The age after which bans are purged ({@code dbpurgeage}, default one day). */
    Duration purgeAge();

    /** Sets the purge age. */
    void setPurgeAge(Duration value);

    /** Matched lines kept per stored ban ({@code dbmaxmatches}, default 10; 0 keeps none). */
    int maxMatches();

    /** Sets the matched lines kept per stored ban. */
    void setMaxMatches(int value);

    // ------------------------------------------------------------------ jails

    /** Upstream {@code addJail}: adds a jail, or enables it again. */
    void addJail(String jail);

    /** Upstream {@code delJail}: disables a jail (a purge removes it once it has no bans). */
    void delJail(String jail);

    /** Upstream {@code delAllJails}: disables all jails. */
    void delAllJails();

    /** Upstream {@code getJailNames()}: all jail names. */
    Set<String> getJailNames();

    /** Upstream {@code getJailNames(enabled)}: the enabled or the disabled jail names. */
    Set<String> getJailNames(boolean enabled);

    // ------------------------------------------------------------------ read positions

    /**
     * Upstream {@code addLog(jail, container)}: registers a log file and returns its last read position if the
     * database knows one and the first-line hash still matches (else the file is new or was rotated).
     *
     * @param jail the jail
     * @param path the log file
     * @param pos the current position (stored for a new file)
     * @param firstLineHash the hex SHA-1 of the file's first line (upstream {@code FileContainer.getHash()})
     * @return the stored position, empty if unknown or the hash differs
     */
    OptionalLong addLog(String jail, String path, long pos, String firstLineHash);

    /** Upstream {@code getLogPaths()}: the log files of all jails. */
    Set<String> getLogPaths();

    /** Upstream {@code getLogPaths(jail)}: the log files of a jail. */
    Set<String> getLogPaths(String jail);

    /** Upstream {@code updateLog}: stores the first-line hash and position of a log file. */
    void updateLog(String jail, String path, long pos, String firstLineHash);

    /**
     * Upstream {@code getJournalPos}: the last known time of a journal ({@code systemd-journal}).
     *
     * @return the epoch seconds stored, empty if none
     */
    OptionalDouble getJournalPos(String jail, String name);

    /** Upstream {@code updateJournal}: stores the last time (epoch seconds) and its ISO text of a journal. */
    void updateJournal(String jail, String name, double time, String iso);

    // ------------------------------------------------------------------ bans

    /**
     * Upstream {@code addBan}: stores a ban in the history ({@code bans}) and as the id's last ban in the jail
     * ({@code bips}): the start rounded to whole seconds, the ticket's ban time (else the jail's), its ban count
     * and its data with the matched lines cut to {@link #maxMatches()}.
     *
     * @param jail the jail (must have been added)
     * @param ticket the banned ticket
     * @param jailBanTime the jail's ban time
     */
    void addBan(String jail, FailTicket ticket, BanTime jailBanTime);

    /**
     * Upstream {@code delBan(jail, *ips)}: removes the bans of these ids in the jail, or of all ids when the list
     * is empty.
     */
    void delBan(String jail, List<IpAddress> ids);

    /**
     * Upstream {@code getBans}: the stored bans ({@code jail}, {@code ip}, {@code bantime} conditions), ordered by
     * id text and newest first; each ticket's data is the stored data.
     */
    List<FailTicket> getBans(BanQuery query);

    /**
     * Upstream {@code getBansMerged}: one ticket per id with the failures of all its bans summed and the matched
     * lines of its latest bans (at most {@link #maxMatches()}), in id text order; the time is that of the id's
     * oldest ban. With an {@code ip} condition the list has at most one ticket.
     */
    List<FailTicket> getBansMerged(BanQuery query);

    /**
     * Upstream {@code getBan(ip, jail, forbantime, overalljails, fromtime)}: the id's ban records.
     *
     * @param id the id
     * @param query {@code jail}, {@code banTime} (upstream {@code forbantime}), {@code fromTime},
     *     {@code overallJails}
     * @return the records (at most one per jail; one summed record over all jails)
     */
    List<BanRecord> getBan(IpAddress id, BanQuery query);

    @Override
    default Optional<BanRecord> lastBan(IpAddress id, String jail, boolean overAllJails) {
        List<BanRecord> r = getBan(id, BanQuery.all().jail(jail).overallJails(overAllJails));
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /**
     * Upstream {@code getCurrentBans}: the bans still in force at {@code fromtime}, one ticket per id (the latest
     * ban over all jails, or the jail's), each with its ban time and ban count set; ban times are corrected as
     * upstream does (an unknown ban time {@code -2} of an upgraded database becomes the jail's; with
     * {@code correctBanTime} a longer or permanent one is capped), and bans that end by {@code fromtime} after the
     * correction are left out.
     */
    List<FailTicket> getCurrentBans(CurrentBansQuery query);

    /** Upstream {@code purge}: removes old bans, out-dated last bans (never permanent ones) and unused jails. */
    void purge();

    /** Closes the store. */
    @Override
    void close();

    /**
     * Upstream {@code Jail.restoreCurrentBans}, without the ignore-list check that the jail does: the tickets to
     * ban again at start, marked {@code restored}.
     *
     * <p>With {@code bantime.increment} all current bans count, capped at {@code bantime.maxtime} if
     * {@code correctBanTime}; else only bans started within the jail's ban time, capped at it. Bans whose
     * remaining time ({@code bantime - (now - start)}) is not positive are left out.
     *
     * @param jail the jail name
     * @param jailBanTime the jail's {@code bantime}
     * @param policy the jail's {@code bantime.*} options
     * @param maxMatches the jail's {@code maxmatches}
     * @param now the current time
     * @param correctBanTime whether to cap ban times at the jail's maximum (upstream's default: yes)
     * @return the tickets, each with its ban time and ban count
     */
    default List<FailTicket> ticketsToRestore(String jail, BanTime jailBanTime, BanTimePolicy policy, int maxMatches,
            Instant now, boolean correctBanTime) {
        CurrentBansQuery q = CurrentBansQuery.all()
                .jail(jail, jailBanTime, policy.maxBanTime(jailBanTime))
                .fromTime(now)
                .maxMatches(maxMatches);
        BanTime forBanTime = null;
        if (policy.increment()) {
            if (correctBanTime) {
                q = q.correctBanTime(policy.maxBanTime(jailBanTime));
            } else {
                q = q.correctBanTime(false);
            }
        } else {
            forBanTime = jailBanTime;
            q = q.forBanTime(jailBanTime).correctBanTime(correctBanTime);
        }
        List<FailTicket> out = new ArrayList<>();
        for (FailTicket t : getCurrentBans(q)) {
            t.setRestored(true);
            BanTime btm = forBanTime == null ? t.banTime().orElseThrow() : t.banTime(forBanTime);
            if (!btm.isPermanent()) {
                Duration elapsed = Duration.between(t.time(), now);
                double remaining = btm.seconds();
                if (elapsed.compareTo(Duration.ZERO) > 0) {
                    remaining -= elapsed.getSeconds() + elapsed.getNano() / 1e9;
                }
                if (remaining <= 0) {
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }
}
