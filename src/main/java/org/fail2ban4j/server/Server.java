package org.fail2ban4j.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.fail2ban4j.Version;
import org.fail2ban4j.jail.DatabasePurger;
import org.fail2ban4j.jail.Jail;
import org.fail2ban4j.jail.Jails;
import org.fail2ban4j.logging.F2bLoggers;
import org.fail2ban4j.logging.Logging;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.protocol.ControlCommand.ReloadOption;
import org.fail2ban4j.protocol.PyTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/server.py:Server}: the daemon's state (its jails, database and log setup) and
 * lifecycle. {@link #run} writes the pid file, opens the control socket, runs until {@link #quit()} and cleans up in
 * upstream's order: the socket stops answering, jails stop (filters, then actions lift their bans and stop), the
 * database purger stops, the database closes, the socket file and the pid file are removed. A pid file found at
 * start that names no running process means the previous server ended uncleanly (killed, crashed); the jails are
 * told, so that they lift at start the bans it left in the firewall that are over (not in upstream).
 *
 * <p>Thread-safe: jail-set changes (add, start, stop, reload, status) are serialised by one lock, as upstream's
 * {@code __lock}.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.SERVER);

    /** Opens the database of {@code set dbfile} (the composition root gives the SQLite store). */
    @FunctionalInterface
    public interface BanStoreOpener {
        /**
         * Opens a database.
         *
         * @param filename a path or {@code :memory:}
         * @return the store
         */
        BanStore open(String filename);
    }

    private final Jails jails;
    private final Logging logging;
    private final BanStoreOpener opener;
    private final InstantSource clock;
    private final Runnable clearCaches;
    private final Object lock = new Object();
    private final CountDownLatch quitDone = new CountDownLatch(1);
    private final ControlCommandHandler handler;
    /** Upstream {@code __reload_state}: jails in a reload; a value of empty means "kept, not yet restarted". */
    private final Map<String, Optional<Jail>> reloadState = new LinkedHashMap<>();

    private volatile BanStore db;
    private DatabasePurger purger;
    private volatile ControlSocketServer socketServer;
    private boolean quitting;
    private String allowIpv6 = "auto";

    /**
     * A server without jails.
     *
     * @param jails the (empty) jail set with its shared environment
     * @param logging the log setup (level, target, flush)
     * @param opener opens databases
     * @param clock the clock of the database purger
     */
    public Server(Jails jails, Logging logging, BanStoreOpener opener, InstantSource clock) {
        this(jails, logging, opener, clock, () -> { });
    }

    /**
     * A server without jails.
     *
     * @param jails the (empty) jail set with its shared environment
     * @param logging the log setup (level, target, flush)
     * @param opener opens databases
     * @param clock the clock of the database purger
     * @param clearCaches empties the name service caches (upstream {@code clearCaches}, at {@code reload --all})
     */
    public Server(Jails jails, Logging logging, BanStoreOpener opener, InstantSource clock, Runnable clearCaches) {
        this.clearCaches = Objects.requireNonNull(clearCaches, "clearCaches");
        this.jails = Objects.requireNonNull(jails, "jails");
        this.logging = Objects.requireNonNull(logging, "logging");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.handler = new ControlCommandHandler(this);
    }

    /** The command handler of this server (what the control socket calls). */
    public ControlCommandHandler handler() {
        return handler;
    }

    /** The jails. */
    public Jails jails() {
        return jails;
    }

    /** The log setup. */
    public Logging logging() {
        return logging;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Upstream {@code Server.start}: writes the pid file, opens the control socket, calls {@code onStart} (in a
     * thread of its own, e.g. to apply the configuration stream), then blocks until {@link #quit()} has finished
     * and removes the pid file.
     *
     * @param socket the control socket file
     * @param pidFile the pid file
     * @param force whether to take over the socket of a running server
     * @param onStart what to do once the socket answers; may be {@code null}
     * @throws ServerStartException when the socket cannot be opened (after cleaning up as {@link #quit()} does)
     */
    public void run(Path socket, Path pidFile, boolean force, Runnable onStart) {
        LOG.info("--------------------------------------------------");
        LOG.info("Starting Fail2ban v{}", Version.FAIL2BAN_VERSION);
        PidFile pid = new PidFile(pidFile);
        pid.leftByDeadServer().ifPresent(since -> {
            LOG.info("The previous server did not stop cleanly (its PID file {} was left behind): bans that are "
                    + "over are lifted when the jails start", pidFile);
            jails.previousServerEndedUncleanly(since);
        });
        pid.write();
        LOG.debug("Starting communication");
        ServerStartException failure = null;
        try {
            makeParent(socket);
            ControlSocketServer s = new ControlSocketServer(socket, handler::handle);
            socketServer = s;
            s.start(force);
        } catch (ServerStartException e) {
            LOG.error("Could not start server: {}", e.getMessage());
            failure = e;
        }
        if (failure == null) {
            if (onStart != null) {
                Thread t = new Thread(onStart, "f2b/configure");
                t.setDaemon(true);
                t.start();
            }
            try {
                quitDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                quit();
            }
        } else {
            socketServer = null;
            quit();
        }
        pid.remove();
        if (failure != null) {
            throw failure;
        }
    }

    private static void makeParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                LOG.error("Unable to create directory {}: {}", parent, e.getMessage());
            }
        }
    }

    /** Whether the control socket answers (upstream {@code isStarted}). */
    public boolean isStarted() {
        ControlSocketServer s = socketServer;
        return s != null && s.isActive();
    }

    /** Whether {@link #quit()} has finished. */
    public boolean isQuit() {
        return quitDone.getCount() == 0;
    }

    /** Waits until {@link #quit()} has finished. */
    public void awaitQuit() throws InterruptedException {
        quitDone.await();
    }

    /**
     * Upstream {@code Server.quit}: stops answering commands, stops all jails, the purger and the database, removes
     * the socket. Only the first call does anything; later calls wait for it to finish.
     */
    public void quit() {
        synchronized (this) {
            if (quitting) {
                return;
            }
            quitting = true;
        }
        try {
            LOG.info("Shutdown in progress...");
            handler.stopCommunication();
            DatabasePurger p;
            synchronized (lock) {
                p = purger;
                purger = null;
            }
            try {
                stopAllJails();
            } catch (RuntimeException e) {
                LOG.error("Stopping the jails failed: {}", e.toString());
            }
            if (p != null) {
                p.stop();
            }
            BanStore d = db;
            if (d != null) {
                try {
                    d.close();
                } catch (Exception e) {
                    LOG.error("Closing the database failed: {}", e.toString());
                }
                db = null;
            }
            ControlSocketServer s = socketServer;
            if (s != null) {
                s.stop();
            }
            LOG.info("Exiting Fail2ban");
        } finally {
            quitDone.countDown();
        }
    }

    // ------------------------------------------------------------------ jails

    /**
     * Upstream {@code addJail}: creates a jail; during a reload a jail with the same backend is kept (its settings
     * follow), one with another backend is stopped and created again.
     */
    void addJail(String name, String backend) throws IOException {
        synchronized (lock) {
            boolean add = true;
            if (reloadState.containsKey(name) && reloadState.get(name).isPresent() && jails.exists(name)) {
                Jail jail = jails.get(name);
                if (jail.backend().equals(backend)) {
                    add = false;
                    LOG.info("Reload jail '{}'", name);
                    reloadState.put(name, Optional.empty());
                } else {
                    LOG.info("Restart jail '{}' (reason: '{}' != '{}')", name, jail.backend(), backend);
                    jails.remove(name);
                    reloadState.remove(name);
                }
            }
            if (add) {
                jails.add(name, backend, Optional.ofNullable(db));
            }
        }
    }

    /** Upstream {@code startJail}: starts a jail not running; a reloaded one leaves the reload and its idle state. */
    void startJail(String name) throws IOException {
        synchronized (lock) {
            Jail jail = jails.get(name);
            if (!jail.isAlive()) {
                jail.start();
            } else if (reloadState.containsKey(name)) {
                LOG.info("Jail '{}' reloaded", name);
                reloadState.remove(name);
            }
            if (jail.isIdle()) {
                jail.setIdle(false);
            }
        }
    }

    /** Upstream {@code stopJail}: stops and removes a jail. */
    void stopJail(String name) {
        synchronized (lock) {
            jails.remove(name);
        }
    }

    /** Upstream {@code stopAllJail}: stops and removes every jail. */
    void stopAllJails() {
        LOG.info("Stopping all jails");
        synchronized (lock) {
            jails.stopAll();
        }
    }

    /**
     * Upstream {@code reloadJails}: the begin step sets the affected jails idle and clears their regexes, ignore
     * lists, log paths and actions for the new stream; the end step commits the jails that were configured again
     * and removes the others.
     *
     * @throws IllegalStateException {@code Reload already in progress}
     */
    void reloadJails(String target, Set<ReloadOption> options, boolean begin) {
        boolean all = target.equals("--all");
        if (begin) {
            synchronized (lock) {
                if (!reloadState.isEmpty() && (all || reloadState.containsKey(target))) {
                    throw new IllegalStateException("Reload already in progress");
                }
                LOG.info("Reload {}", all ? "all jails" : "jail " + target);
                if (!all) {
                    Jail jail = null;
                    if (!options.contains(ReloadOption.IF_EXISTS) || jails.exists(target)) {
                        jail = jails.get(target);
                    }
                    if (jail != null) {
                        if (options.contains(ReloadOption.UNBAN)) {
                            jail.unbanAll();
                        }
                        if (options.contains(ReloadOption.RESTART)) {
                            jails.remove(target);
                        }
                    }
                } else {
                    clearCaches.run();
                    if (options.contains(ReloadOption.UNBAN)) {
                        unbanAll();
                    }
                    if (options.contains(ReloadOption.RESTART)) {
                        jails.stopAll();
                    }
                }
                for (Jail j : jails.all()) {
                    if (all || j.name().equals(target)) {
                        j.setIdle(true);
                        reloadState.put(j.name(), Optional.of(j));
                        j.beginReload();
                    }
                }
            }
            return;
        }
        synchronized (lock) {
            List<String> obsolete = new ArrayList<>();
            for (Jail j : jails.all()) {
                if (reloadState.containsKey(j.name())) {
                    obsolete.add(j.name());
                } else {
                    j.endReload();
                }
            }
            for (String n : obsolete) {
                jails.remove(n);
            }
            reloadState.clear();
        }
        LOG.info("Reload finished.");
    }

    /** Whether a jail is being reloaded. */
    boolean inReload(String name) {
        synchronized (lock) {
            return reloadState.containsKey(name);
        }
    }

    /**
     * Upstream {@code setUnbanIP(None, ids)} ({@code unban <ip>...}): unbans the ids in every jail.
     *
     * @return the number of bans lifted
     */
    int unban(List<String> ids) {
        int cnt = 0;
        for (Jail j : jails.all()) {
            cnt += j.unbanIps(ids, true);
        }
        return cnt;
    }

    /** Upstream {@code setUnbanIP()} ({@code unban --all}): lifts every ban of every jail. */
    int unbanAll() {
        int cnt = 0;
        for (Jail j : jails.all()) {
            cnt += j.unbanAll();
        }
        return cnt;
    }

    /**
     * Upstream {@code banned(None, ids)}: without ids, for each jail {@code {name: [ip...]}}; with ids, for each id
     * the list of jails that ban it.
     */
    List<Object> banned(List<String> ids) {
        List<Object> res = new ArrayList<>();
        List<Jail> all = jails.all();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                List<Object> in = new ArrayList<>();
                IpAddress ip = IpAddress.parse(id);
                for (Jail j : all) {
                    if (j.isBanned(ip)) {
                        in.add(j.name());
                    }
                }
                res.add(in);
            }
            return res;
        }
        for (Jail j : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(j.name(), ipTexts(j.bannedIds()));
            res.add(m);
        }
        return res;
    }

    static List<Object> ipTexts(List<IpAddress> ips) {
        List<Object> out = new ArrayList<>(ips.size());
        for (IpAddress ip : ips) {
            out.add(ip.toString());
        }
        return out;
    }

    /** Upstream {@code status()}: {@code [("Number of jail", n), ("Jail list", "a, b")]}. */
    List<Object> status() {
        synchronized (lock) {
            List<Object> ret = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Jail j : jails.sorted()) {
                names.add(j.name());
            }
            ret.add(PyTuple.of("Number of jail", (long) names.size()));
            ret.add(PyTuple.of("Jail list", String.join(", ", names)));
            return ret;
        }
    }

    /**
     * A jail's status as upstream's server pickles it: its pairs are tuples ({@code ("Filter", [("Currently failed",
     * n), ...])}), and for {@code stats} the two counts are tuples ({@code [backend, (failed, total), (banned,
     * total)]}).
     */
    static List<Object> wireStatus(List<Object> status, String flavor) {
        List<Object> out = new ArrayList<>(status.size());
        if (flavor.equals("stats")) {
            out.add(status.get(0));
            for (int i = 1; i < status.size(); i++) {
                out.add(new PyTuple(asObjects(status.get(i))));
            }
            return out;
        }
        for (Object section : status) {
            List<Object> pair = asObjects(section);
            List<Object> rows = new ArrayList<>();
            for (Object row : asObjects(pair.get(1))) {
                rows.add(new PyTuple(asObjects(row)));
            }
            out.add(PyTuple.of(pair.get(0), rows));
        }
        return out;
    }

    private static List<Object> asObjects(Object list) {
        return new ArrayList<>((List<?>) list);
    }

    /**
     * Upstream {@code status("--all", flavor)}: the server status plus a map of every jail's status; for
     * {@code stats} only that map.
     */
    Object statusAll(String flavor) {
        synchronized (lock) {
            Map<String, Object> each = new LinkedHashMap<>();
            for (Jail j : jails.sorted()) {
                each.put(j.name(), wireStatus(j.status(flavor).toUpstream(), flavor));
            }
            if (flavor.equals("stats")) {
                return each;
            }
            List<Object> ret = status();
            ret.add(each);
            return ret;
        }
    }

    // ------------------------------------------------------------------ database

    /**
     * Upstream {@code setDatabase}: opens the database ({@code None} for none) and starts its hourly purge.
     *
     * @throws IllegalStateException {@code Cannot change database when there are jails present}
     */
    void setDatabase(String filename) {
        synchronized (lock) {
            BanStore current = db;
            if (current != null && current.filename().equals(filename)) {
                return;
            }
            boolean none = filename.toLowerCase(Locale.ROOT).equals("none");
            if (current == null && none) {
                return;
            }
            if (jails.size() != 0) {
                throw new IllegalStateException("Cannot change database when there are jails present");
            }
            if (purger != null) {
                purger.stop();
                purger = null;
            }
            if (current != null) {
                try {
                    current.close();
                } catch (Exception e) {
                    LOG.error("Closing the database failed: {}", e.toString());
                }
                db = null;
            }
            if (!none) {
                if (!filename.equals(":memory:")) {
                    makeParent(Path.of(filename));
                }
                BanStore s = opener.open(filename);
                s.delAllJails();
                db = s;
                purger = new DatabasePurger(s, clock, DatabasePurger.PURGE_INTERVAL);
                purger.start();
            }
        }
    }

    /** The database, if any. */
    Optional<BanStore> database() {
        return Optional.ofNullable(db);
    }

    /** Seconds as upstream's number: a {@code Long} when whole, else a {@code Double}. */
    static Object seconds(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds();
        }
        return d.getSeconds() + d.getNano() / 1e9;
    }

    // ------------------------------------------------------------------ other server settings

    /**
     * Upstream {@code setIPv6IsAllowed}: {@code auto} or a boolean text, applied to the jails' name service when it
     * is a {@link CachingDnsResolver} (the production one; its IPv6 decision filters what names resolve to).
     */
    void setAllowIpv6(String value) {
        synchronized (lock) {
            allowIpv6 = value;
        }
        if (jails.environment().dns() instanceof CachingDnsResolver dns) {
            if (value.equals("auto")) {
                dns.setIpv6Auto();
            } else {
                dns.setIpv6Allowed(ControlCommandHandler.asBool(value));
            }
        } else {
            LOG.debug("allowipv6 = {} not applied: the name service has no IPv6 switch", value);
        }
    }

    /** The last {@code allowipv6} value. */
    String allowIpv6() {
        synchronized (lock) {
            return allowIpv6;
        }
    }
}
