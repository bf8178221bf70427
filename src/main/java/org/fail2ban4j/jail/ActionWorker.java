package org.fail2ban4j.jail;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.fail2ban4j.action.Action;
import org.fail2ban4j.action.BanInfo;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.action.JailContext;
import org.fail2ban4j.ban.BanList;
import org.fail2ban4j.ban.BanTicket;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.exec.ExecResult;
import org.fail2ban4j.exec.ShellCommand;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.regex.PyStrings;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/actions.py:Actions}: the jail's action thread {@code f2b/a.<jail>} and the ban
 * operations of the control commands.
 *
 * <p>Each ticket from the ban queue gets its ban time (the jail's, or more for a repeated offender with
 * {@code bantime.increment}), goes into the {@link BanList} and, if it was not banned yet, is logged as
 * {@code [<jail>] Ban <ip>} ({@code Restore Ban} for a ban restored from the database; NOTICE,
 * {@code fail2ban.actions}, the line {@code filter.d/recidive.conf} reads), banned by every action in order and
 * written to the database. A ticket of an id banned already is logged as {@code [<jail>] <ip> already banned} and
 * banned again by the actions whose ban epoch moved on (after a repair). Bans whose time is over are lifted
 * ({@code [<jail>] Unban <ip>}, every action's unban); at stop all bans are lifted (flush where the action can)
 * and the actions are stopped in reverse order.
 *
 * <p>Up to {@value #BAN_PRECEDENCE} tickets are banned per step before expired bans are looked at, as upstream.
 * Action errors are logged and do not stop the others.
 *
 * <p>Not in upstream: after an unclean end of the previous server, the jail's stored bans that it does not restore
 * are lifted once, before the first ticket is banned ({@link #liftOnStart}), quietly: each command action's
 * {@code actionunban} runs whether or not the action holds bans in this server's life, and a failing one (the
 * element is gone already) is logged at DEBUG only.
 *
 * <p>Thread-safe: ban operations are serialised by one lock
 * (the thread and control commands such as {@code banip} share it); the action map is copied on change.
 * {@link #runOnce()} does one step without waiting.
 */
public final class ActionWorker extends Worker {

    /** Upstream {@code banPrecedence}: tickets banned per step before an unban check. */
    static final int BAN_PRECEDENCE = 10;
    /** Upstream {@code unbanMaxCount}: expired bans lifted per check. */
    static final int UNBAN_MAX_COUNT = BAN_PRECEDENCE * 2;
    /** The shortest wait of the thread between two steps. */
    static final Duration MIN_WAIT = Duration.ofMillis(10);
    /** Every exit status counts as ran: a lift's failure is the worker's to log, at DEBUG, not the runner's. */
    private static final Set<Integer> ANY_EXIT = anyExit();

    private final String jailName;
    private final BanList banList;
    private final BanQueue queue;
    private final BanTimeIncreaser increaser;
    private final Optional<BanStore> store;
    private final DnsResolver dns;
    private final CommandRunner runner;
    private final InstantSource clock;
    private final Duration sleepTime;
    private final Logger log;
    private final ReentrantLock banLock = new ReentrantLock();
    private JailContext context;
    private volatile Map<String, Action> actions = Map.of();
    private Set<String> reloaded;
    private volatile int banEpoch;
    private int banCount;
    private Instant lastConsistencyCheck = Instant.EPOCH;
    private boolean actionsStarted;
    private boolean finished;
    private volatile List<FailTicket> toLift = List.of();

    ActionWorker(String jailName, BanList banList, BanQueue queue, BanTimeIncreaser increaser,
            Optional<BanStore> store, DnsResolver dns, CommandRunner runner, InstantSource clock, Duration sleepTime,
            JailLog log) {
        super("f2b/a." + jailName, log.actions);
        this.jailName = jailName;
        this.banList = Objects.requireNonNull(banList, "banList");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.increaser = Objects.requireNonNull(increaser, "increaser");
        this.store = Objects.requireNonNull(store, "store");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleepTime = Objects.requireNonNull(sleepTime, "sleepTime");
        this.log = log.actions;
    }

    /** Sets the context the ban infos use (done once by the jail, which creates both). */
    void setContext(JailContext ctx) {
        this.context = Objects.requireNonNull(ctx, "context");
    }

    // ------------------------------------------------------------------ actions

    /** The actions in the order they were added. */
    Map<String, Action> actions() {
        return actions;
    }

    /**
     * Upstream {@code Actions.add}: adds an action; during a reload an existing action with that name is kept
     * (its parameters were cleared for the new ones) and marked as reloaded.
     *
     * @param name the action name
     * @param create makes the action when a new one is needed
     * @return whether a new action was added
     * @throws IllegalArgumentException {@code Action <name> already exists} outside a reload
     */
    synchronized boolean addAction(String name, Supplier<Action> create) {
        Map<String, Action> current = actions;
        if (current.containsKey(name)) {
            if (reloaded == null) {
                throw new IllegalArgumentException("Action " + name + " already exists");
            }
            Action a = current.get(name);
            if (a instanceof CommandAction ca) {
                ca.clearAllParams();
            }
            reloaded.add(name);
            return false;
        }
        Action a = create.get();
        Map<String, Action> next = new LinkedHashMap<>(current);
        next.put(name, a);
        actions = Collections.unmodifiableMap(next);
        if (reloaded != null) {
            reloaded.add(name);
        }
        return true;
    }

    /**
     * Removes an action without stopping it (upstream {@code del actions[name]}).
     *
     * @throws IllegalArgumentException {@code Invalid Action name: <name>}
     */
    synchronized void delAction(String name) {
        Map<String, Action> current = actions;
        if (!current.containsKey(name)) {
            throw new IllegalArgumentException("Invalid Action name: " + name);
        }
        Map<String, Action> next = new LinkedHashMap<>(current);
        next.remove(name);
        actions = Collections.unmodifiableMap(next);
    }

    /** Starts a reload: actions not added again before {@link #endReload()} are removed then. */
    synchronized void beginReload() {
        reloaded = new LinkedHashSet<>();
    }

    /**
     * Ends a reload (upstream {@code reload(begin=False)}): the actions added again run their reload command; the
     * others lift their bans (without logging, the bans stay) and are stopped and removed.
     */
    void endReload() {
        Set<String> names;
        Map<String, Action> current;
        synchronized (this) {
            if (reloaded == null) {
                return;
            }
            names = reloaded;
            reloaded = null;
            current = actions;
        }
        Map<String, Action> obsolete = new LinkedHashMap<>();
        for (Map.Entry<String, Action> e : current.entrySet()) {
            if (names.contains(e.getKey())) {
                try {
                    e.getValue().reload();
                } catch (RuntimeException ex) {
                    log.error("Failed to reload jail '{}' action '{}': {}", jailName, e.getKey(), JailLog.text(ex));
                }
            } else {
                obsolete.put(e.getKey(), e.getValue());
            }
        }
        if (!obsolete.isEmpty()) {
            banLock.lock();
            try {
                flushBan(false, obsolete, true);
                stopActions(obsolete);
            } finally {
                banLock.unlock();
            }
        }
    }

    /** Upstream {@code banEpoch += 1} after an action repaired its environment. */
    synchronized int incrementBanEpoch() {
        return ++banEpoch;
    }

    // ------------------------------------------------------------------ start and stop

    /** Upstream's start of the action thread: {@code start()} of every action, errors logged. */
    void startActions() {
        banLock.lock();
        try {
            if (actionsStarted) {
                return;
            }
            actionsStarted = true;
            for (Map.Entry<String, Action> e : actions.entrySet()) {
                try {
                    e.getValue().start();
                } catch (RuntimeException ex) {
                    log.error("Failed to start jail '{}' action '{}': {}", jailName, e.getKey(), JailLog.text(ex));
                }
            }
        } finally {
            banLock.unlock();
        }
    }

    /**
     * The end of the action thread: lifts all bans ({@code Repeal Ban}, flush where possible) and stops the
     * actions in reverse order. Idempotent.
     */
    void finish() {
        banLock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            flushBan(false, null, true);
            stopActions(null);
        } finally {
            banLock.unlock();
        }
    }

    /** Upstream {@code stopActions}: stops (in reverse order) and removes the given actions, or all. */
    private void stopActions(Map<String, Action> subset) {
        Map<String, Action> which = subset == null ? actions : subset;
        List<Map.Entry<String, Action>> entries = new ArrayList<>(which.entrySet());
        Collections.reverse(entries);
        for (Map.Entry<String, Action> e : entries) {
            try {
                e.getValue().stop();
            } catch (RuntimeException ex) {
                log.error("Failed to stop jail '{}' action '{}': {}", jailName, e.getKey(), JailLog.text(ex));
            }
            synchronized (this) {
                Map<String, Action> next = new LinkedHashMap<>(actions);
                next.remove(e.getKey());
                actions = Collections.unmodifiableMap(next);
            }
            log.debug("{}: action {} terminated", jailName, e.getKey());
        }
    }

    // ------------------------------------------------------------------ the loop

    /**
     * One step without waiting: bans up to {@value #BAN_PRECEDENCE} queued tickets, then lifts expired bans as
     * upstream's loop does (when nothing was banned, or after {@value #BAN_PRECEDENCE} bans).
     *
     * @return the number of tickets banned (or banned again)
     */
    public int runOnce() {
        if (isIdle()) {
            return 0;
        }
        return afterWait(queue.hasTickets());
    }

    /** Whether tickets wait in the ban queue. */
    boolean hasQueued() {
        return queue.hasTickets();
    }

    @Override
    void step() throws InterruptedException {
        Instant now = clock.instant();
        Duration toUnban = Duration.between(now, banList.nextUnbanTime());
        Duration wait = toUnban.compareTo(sleepTime) < 0 ? toUnban : sleepTime;
        if (wait.compareTo(MIN_WAIT) < 0) {
            // a ban that ends exactly now is lifted only once the clock passed its end: do not spin until then
            wait = MIN_WAIT;
        }
        boolean pending = queue.await(wait);
        if (!isActive()) {
            return;
        }
        afterWait(pending);
    }

    private int afterWait(boolean pending) {
        if (!toLift.isEmpty()) {
            liftPending();
        }
        int banned = 0;
        if (pending) {
            banned = checkBan(queue.drain(BAN_PRECEDENCE));
            banCount += banned;
        }
        if (banned == 0 || banCount >= BAN_PRECEDENCE) {
            int twice = banned * 2;
            checkUnBan(twice > 0 && twice < UNBAN_MAX_COUNT ? twice : UNBAN_MAX_COUNT);
            banCount = 0;
        }
        return banned;
    }

    // ------------------------------------------------------------------ ban

    private BanInfo info(FailTicket ticket) {
        return BanInfo.of(new TicketSubject(ticket), context, dns);
    }

    /**
     * Upstream {@code __checkBan(tickets)}.
     *
     * @param tickets the tickets to ban
     * @return the number banned or banned again
     */
    int checkBan(List<? extends FailTicket> tickets) {
        banLock.lock();
        try {
            int cnt = 0;
            Map<String, Action> rebanActions = null;
            for (FailTicket ticket : tickets) {
                BanTicket bTicket = BanList.createBanTicket(ticket);
                IpAddress ip = bTicket.id();
                BanTime jailBanTime = banList.banTime();
                boolean restored = bTicket.restored();
                Optional<BanTimeIncreaser.Increase> inc = Optional.empty();
                if (!restored && !banList.contains(ip)) {
                    inc = increaser.increase(bTicket, jailBanTime);
                }
                int banCountSet = bTicket.banCount();
                BanList.AddResult r = banList.addBanTicket(bTicket);
                if (r.added()) {
                    if (inc.isPresent()) {
                        bTicket.setBanCount(banCountSet, true);
                    }
                    cnt++;
                    log.info(JailLog.NOTICE, "[{}] {}Ban {}", jailName, restored ? "Restore " : "", ip);
                    inc.ifPresent(i -> increaser.logIncrease(bTicket, i));
                    BanInfo aInfo = info(bTicket);
                    for (Map.Entry<String, Action> e : actions.entrySet()) {
                        Action action = e.getValue();
                        try {
                            if (restored && action.norestored()) {
                                continue;
                            }
                            action.ban(aInfo);
                        } catch (RuntimeException ex) {
                            log.error("Failed to execute ban jail '{}' action '{}' info '{}': {}", jailName,
                                    e.getKey(), aInfo, JailLog.text(ex));
                        }
                    }
                    bTicket.setBanned(true);
                    if (banEpoch != 0) {
                        bTicket.setBanEpoch(banEpoch);
                    }
                    increaser.recordBan(bTicket, jailBanTime);
                    continue;
                }
                if (r.outcome() == BanList.Outcome.EXPIRED) {
                    log.info("[{}] Ignore {}, expired bantime", jailName, ip);
                    continue;
                }
                BanTicket banned = r.ticket();
                if (banned.banned()) {
                    double diftm = EpochSeconds.toDouble(ticket.time()) - EpochSeconds.toDouble(banned.time());
                    if (diftm < 3) {
                        log.debug("[{}] {} already banned", jailName, ip);
                    } else if (diftm < 60) {
                        log.info(JailLog.NOTICE, "[{}] {} already banned", jailName, ip);
                    } else {
                        log.warn("[{}] {} already banned", jailName, ip);
                    }
                    int epoch = banEpoch;
                    if (banned.banEpoch() == epoch && diftm > 3) {
                        Instant now = clock.instant();
                        if (rebanActions == null && now.isAfter(lastConsistencyCheck.plusSeconds(3))) {
                            lastConsistencyCheck = now;
                            for (Action a : actions.values()) {
                                try {
                                    a.consistencyCheck(null);
                                } catch (RuntimeException ex) {
                                    log.error("[{}] consistency check of action '{}' failed: {}", jailName,
                                            a.name(), JailLog.text(ex));
                                }
                            }
                        }
                    }
                    if (banned.banEpoch() < banEpoch) {
                        if (rebanActions == null) {
                            rebanActions = new LinkedHashMap<>();
                            for (Map.Entry<String, Action> e : actions.entrySet()) {
                                if (e.getValue().banEpoch() > banned.banEpoch()) {
                                    rebanActions.put(e.getKey(), e.getValue());
                                }
                            }
                        }
                        cnt += reBan(banned, rebanActions);
                    }
                } else {
                    cnt += reBan(banned, actions);
                }
            }
            if (cnt > 0) {
                log.debug("Banned {} / {}, {} ticket(s) in '{}'", cnt, banList.banTotal(), banList.size(), jailName);
            }
            return cnt;
        } finally {
            banLock.unlock();
        }
    }

    /** Upstream {@code __reBan}: bans a banned ticket again with the given actions. */
    private int reBan(BanTicket ticket, Map<String, Action> which) {
        IpAddress ip = ticket.id();
        BanInfo aInfo = info(ticket);
        log.info(JailLog.NOTICE, "[{}] Reban {}{}", jailName, ip,
                which.size() == 1 ? ", action " + PyStrings.repr(which.keySet().iterator().next()) : "");
        for (Map.Entry<String, Action> e : which.entrySet()) {
            try {
                log.debug("[{}] action '{}': reban {}", jailName, e.getKey(), ip);
                e.getValue().reban(aInfo);
            } catch (RuntimeException ex) {
                log.error("Failed to execute reban jail '{}' action '{}' info '{}': {}", jailName, e.getKey(), aInfo,
                        JailLog.text(ex));
                return 0;
            }
        }
        ticket.setBanned(true);
        if (banEpoch != 0) {
            ticket.setBanEpoch(banEpoch);
        }
        return 1;
    }

    /**
     * Upstream {@code addBannedIP} ({@code set <jail> banip <ip> ...}): bans ids now, bypassing the filter.
     *
     * @param ids the ids
     * @return the number banned (ids banned already do not count)
     */
    int addBannedIps(List<IpAddress> ids) {
        Instant now = clock.instant();
        List<BanTicket> tickets = new ArrayList<>(ids.size());
        for (IpAddress id : ids) {
            tickets.add(new BanTicket(id, now));
        }
        return checkBan(tickets);
    }

    // ------------------------------------------------------------------ unban

    /** Upstream {@code __checkUnBan(maxCount)}: lifts at most {@code maxCount} expired bans. */
    int checkUnBan(int maxCount) {
        banLock.lock();
        try {
            List<BanTicket> lst = banList.unBanList(clock.instant(), maxCount);
            for (BanTicket t : lst) {
                unBan(t, actions, "Unban");
            }
            if (!lst.isEmpty()) {
                log.debug("Unbanned {}, {} ticket(s) in '{}'", lst.size(), banList.size(), jailName);
            }
            return lst.size();
        } finally {
            banLock.unlock();
        }
    }

    /** Upstream {@code __unBan}: every given action lifts the ban; {@code logText} null logs nothing. */
    private void unBan(FailTicket ticket, Map<String, Action> which, String logText) {
        IpAddress ip = ticket.id();
        BanInfo aInfo = info(ticket);
        if (logText != null) {
            log.info(JailLog.NOTICE, "[{}] {} {}", jailName, logText, ip);
        }
        for (Map.Entry<String, Action> e : which.entrySet()) {
            try {
                log.debug("[{}] action '{}': unban {}", jailName, e.getKey(), ip);
                e.getValue().unban(aInfo);
            } catch (RuntimeException ex) {
                log.error("Failed to execute unban jail '{}' action '{}' info '{}': {}", jailName, e.getKey(), aInfo,
                        JailLog.text(ex));
            }
        }
    }

    /**
     * Upstream {@code __flushBan(db, actions, stop)}: lifts all bans. With {@code subset} the bans stay in the
     * list and only those actions lift them (a reload removed the actions), without logging.
     *
     * @return the number of tickets lifted
     */
    private int flushBan(boolean db, Map<String, Action> subset, boolean stop) {
        String logText = stop ? "Repeal Ban" : "Unban";
        List<BanTicket> lst;
        if (subset == null) {
            log.debug("  Flush ban list");
            lst = banList.flushBanList();
        } else {
            logText = null;
            lst = banList.tickets();
        }
        Map<String, Action> unbanActions = new LinkedHashMap<>();
        for (Map.Entry<String, Action> e : (subset == null ? actions : subset).entrySet()) {
            Action action = e.getValue();
            try {
                if (action.supportsFlush()) {
                    log.info(JailLog.NOTICE, "[{}] Flush ticket(s) with {}", jailName, e.getKey());
                    if (action.flush()) {
                        continue;
                    }
                }
            } catch (RuntimeException ex) {
                log.error("Failed to flush bans in jail '{}' action '{}': {}", jailName, e.getKey(), JailLog.text(ex));
                log.info("No flush occurred, do consistency check");
                BooleanSupplier beforeRepair = () -> {
                    if (stop && !repairOnUnban(action)) {
                        log.error("Invariant check failed. Flush is impossible.");
                        return false;
                    }
                    return true;
                };
                try {
                    action.consistencyCheck(beforeRepair);
                } catch (RuntimeException ex2) {
                    log.error("[{}] consistency check of action '{}' failed: {}", jailName, e.getKey(),
                            JailLog.text(ex2));
                }
                continue;
            }
            log.debug("  Unban tickets each individually");
            unbanActions.put(e.getKey(), action);
        }
        if (db && store.isPresent()) {
            log.debug("  Flush jail in database");
            try {
                store.get().delBan(jailName, List.of());
            } catch (RuntimeException ex) {
                log.error("[{}] Failed to remove the bans from the database: {}", jailName, JailLog.text(ex));
            }
        }
        for (BanTicket t : lst) {
            unBan(t, unbanActions, logText);
        }
        log.debug("  Unbanned {}, {} ticket(s) in '{}'", lst.size(), banList.size(), jailName);
        return lst.size();
    }

    private static boolean repairOnUnban(Action action) {
        if (action instanceof CommandAction ca) {
            Optional<Object> v = ca.property("actionrepair_on_unban");
            if (v.isEmpty()) {
                return false;
            }
            Object o = v.get();
            if (o instanceof Boolean b) {
                return b;
            }
            if (o instanceof Number n) {
                return n.doubleValue() != 0;
            }
            return !String.valueOf(o).isEmpty();
        }
        return false;
    }

    /**
     * Upstream {@code removeBannedIP(None, db)} ({@code unban --all}, {@code set <jail> unbanip --all}): lifts all
     * bans now; with {@code db} they are also removed from the database.
     *
     * @return the number of bans lifted
     */
    int removeAllBans(boolean db) {
        banLock.lock();
        try {
            return flushBan(db, null, false);
        } finally {
            banLock.unlock();
        }
    }

    /**
     * Upstream {@code removeBannedIP(ip, db, ifexists)} for one id text: removes its stored bans (always), lifts
     * its ban; a network or name that is not banned itself lifts the bans of the banned ids it contains.
     *
     * @param text the id
     * @param db whether to remove the stored bans too
     * @param ifExists whether an id that is not banned counts 0 instead of failing
     * @return the number of bans lifted
     * @throws NotBannedException {@code <id> is not banned} when the id is not banned and not {@code ifExists}
     */
    int removeBannedIp(String text, boolean db, boolean ifExists) {
        IpAddress ip = IpAddress.parse(text);
        banLock.lock();
        try {
            if (db && store.isPresent()) {
                try {
                    store.get().delBan(jailName, List.of(ip));
                } catch (RuntimeException ex) {
                    log.error("[{}] Failed to remove the bans of {} from the database: {}", jailName, ip,
                            JailLog.text(ex));
                }
            }
            Optional<BanTicket> t = banList.getTicketByID(ip);
            if (t.isPresent()) {
                unBan(t.get(), actions, "Unban");
                return 1;
            }
            if (!ip.isSingle()) {
                List<IpAddress> contained = new ArrayList<>();
                for (IpAddress b : banList.getBanList()) {
                    if (ip.contains(b)) {
                        contained.add(b);
                    }
                }
                if (!contained.isEmpty()) {
                    int cnt = 0;
                    for (IpAddress b : contained) {
                        Optional<BanTicket> bt = banList.getTicketByID(b);
                        if (bt.isPresent()) {
                            if (db && store.isPresent()) {
                                try {
                                    store.get().delBan(jailName, List.of(b));
                                } catch (RuntimeException ex) {
                                    log.error("[{}] Failed to remove the bans of {} from the database: {}",
                                            jailName, b, JailLog.text(ex));
                                }
                            }
                            unBan(bt.get(), actions, "Unban");
                            cnt++;
                        }
                    }
                    return cnt;
                }
            }
            String msg = text + " is not banned";
            log.info(JailLog.MSG, "{}", msg);
            if (ifExists) {
                return 0;
            }
            throw new NotBannedException(msg);
        } finally {
            banLock.unlock();
        }
    }

    // ------------------------------------------------------------------ lift after an unclean end

    private static Set<Integer> anyExit() {
        Set<Integer> codes = new HashSet<>();
        for (int i = 0; i <= 255; i++) {
            codes.add(i);
        }
        return Set.copyOf(codes);
    }

    /**
     * Hands over the bans to lift before the next ticket is banned (after an unclean end of the previous server:
     * bans of the database that this jail does not restore). Wakes the thread so that it does not wait for a
     * ticket first.
     *
     * @param tickets the stored bans, each with its ban time, ban count and data
     */
    void liftOnStart(List<FailTicket> tickets) {
        toLift = List.copyOf(tickets);
        queue.wakeup();
    }

    /**
     * Lifts the bans handed over by {@link #liftOnStart}, skipping ids banned by now: logs
     * {@code [<jail>] Lift <n> ban(s) expired while the server was down} (INFO) and runs every action's unban
     * quietly (see {@link #liftQuietly}).
     *
     * @return the number of bans lifted
     */
    int liftPending() {
        banLock.lock();
        try {
            List<FailTicket> lst = toLift;
            toLift = List.of();
            List<FailTicket> todo = new ArrayList<>(lst.size());
            for (FailTicket t : lst) {
                if (!banList.contains(t.id())) {
                    todo.add(t);
                }
            }
            if (todo.isEmpty()) {
                return 0;
            }
            log.info("[{}] Lift {} ban(s) expired while the server was down", jailName, todo.size());
            Map<String, Action> which = actions;
            for (FailTicket t : todo) {
                BanInfo aInfo = info(t);
                for (Map.Entry<String, Action> e : which.entrySet()) {
                    liftQuietly(t.id(), e.getKey(), e.getValue(), aInfo);
                }
            }
            return todo.size();
        } finally {
            banLock.unlock();
        }
    }

    /**
     * One action's unban of a stale ban: a command action's {@code actionunban} (its tags and the family's
     * conditional section resolved as for a normal unban) runs without the "holds bans" condition and without
     * check and repair; another action's {@link Action#unban}. A failure is logged at DEBUG.
     */
    private void liftQuietly(IpAddress ip, String name, Action action, BanInfo aInfo) {
        log.debug("[{}] action '{}': lift stale ban of {}", jailName, name, ip);
        try {
            if (action instanceof CommandAction ca) {
                ShellCommand cmd = ca.command("<actionunban>", aInfo);
                if (cmd.isEmpty()) {
                    return;
                }
                ExecResult r = runner.run(cmd, ca.timeout(), ANY_EXIT);
                if (r.returnCode().isEmpty() || r.returnCode().getAsInt() != 0 || r.timedOut()) {
                    log.debug("[{}] action '{}': stale ban of {} not lifted (return code {}), probably gone already",
                            jailName, name, ip, r.returnCode().isEmpty() ? "none" : r.returnCode().getAsInt());
                }
            } else {
                action.unban(aInfo);
            }
        } catch (RuntimeException ex) {
            log.debug("[{}] action '{}': stale ban of {} not lifted: {}", jailName, name, ip, JailLog.text(ex));
        }
    }

    // ------------------------------------------------------------------ Worker

    @Override
    String jailName() {
        return jailName;
    }

    @Override
    String kind() {
        return "actions";
    }

    @Override
    Duration sleepTime() {
        return sleepTime;
    }

    @Override
    void beforeLoop() {
        startActions();
    }

    @Override
    void afterLoop() {
        finish();
    }

    @Override
    void wakeup() {
        queue.wakeup();
    }
}
