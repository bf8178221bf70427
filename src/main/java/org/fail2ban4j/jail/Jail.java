package org.fail2ban4j.jail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.fail2ban4j.action.Action;
import org.fail2ban4j.action.BanInfo;
import org.fail2ban4j.ban.BanList;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.BanTimeCalculator;
import org.fail2ban4j.ban.BanTimePolicy;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.ban.FailureCounter;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.DateTemplate;
import org.fail2ban4j.date.TimeZoneOffsets;
import org.fail2ban4j.filter.FailRegex;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.net.IgnoreList;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.net.UseDns;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.persist.CurrentBansQuery;
import org.fail2ban4j.regex.PyStrings;
import org.fail2ban4j.source.FileLogSource;
import org.fail2ban4j.source.FilePosition;
import org.fail2ban4j.source.FileTail;
import org.fail2ban4j.source.JournalSource;
import org.fail2ban4j.source.LogEncoding;
import org.fail2ban4j.source.LogSource;
import org.fail2ban4j.source.SourceSettings;
import org.fail2ban4j.tags.OptionListParser;
import org.fail2ban4j.tags.OptionSpec;
import org.fail2ban4j.time.DurationParser;

/**
 * Port of {@code fail2ban/server/jail.py:Jail} with the option side of {@code filter.py:Filter}/{@code FileFilter}
 * and {@code actions.py:Actions}: one jail, its log source, filter worker ({@code f2b/f.<jail>}), ban queue, action
 * worker ({@code f2b/a.<jail>}), failure counter, ban list and ignore rules, and every option the server's
 * {@code set <jail> ...} and {@code get <jail> ...} commands change or read.
 *
 * <p>Lifecycle: created with its backend ({@code auto}, {@code polling}, {@code pyinotify}, {@code systemd}, with
 * options as {@code systemd[journalflags=1]}), configured, started once ({@link #start()} with threads, or
 * {@link #startWithoutThreads()} for callers that drive {@link FilterWorker#runOnce()} and
 * {@link ActionWorker#runOnce()}), stopped once. At start the current bans of the database are banned again
 * ({@code Restore Ban}) and read positions of log files resume where the database says.
 *
 * <p>Thread-safe: setters may be called while the jail runs. Filter options are applied under the filter worker's
 * lock; the counter, the ban list and the ignore list are internally locked; the other settings are volatile.
 */
public final class Jail {

    /** Upstream warns for names this long or longer (iptables chain names are limited to 30 characters). */
    public static final int NAME_WARN_LENGTH = 26;

    private final String name;
    private final String backend;
    private final JailEnvironment env;
    private final Optional<BanStore> store;
    private final JailLog log;
    private final LogSource source;
    private final FailureCounter counter = new FailureCounter();
    private final BanList banList;
    private final BanQueue queue = new BanQueue();
    private final IgnoreList ignoreList;
    private final IgnorePolicy ignore;
    private final FilterWorker filter;
    private final ActionWorker actions;
    private final JailActionContext context;

    private volatile BanTimePolicy policy = BanTimePolicy.DEFAULT;
    private volatile Number findTime = 600L;
    private volatile LogEncoding encoding;
    private volatile String logTimeZone;
    private Set<String> reloadLogs;
    private State state = State.NEW;
    /** Set after an unclean end of the previous server: when that server started (its pid file's time). */
    private volatile Instant liftSince;

    private enum State { NEW, THREADS, DRIVEN, STOPPED }

    /**
     * Creates a jail (upstream {@code Jail(name, backend, db)}).
     *
     * @param name the jail name
     * @param backend {@code auto} or a backend name, optionally with options ({@code systemd[journalflags=1]})
     * @param env the shared collaborators
     * @param store the database, empty for none ({@code dbfile = None})
     * @throws IllegalArgumentException for an unknown backend or backend option
     * @throws IOException when no backend can be initialised
     */
    public Jail(String name, String backend, JailEnvironment env, Optional<BanStore> store) throws IOException {
        this(name, backend, env, store, JailLog.DEFAULT);
    }

    Jail(String name, String backend, JailEnvironment env, Optional<BanStore> store, JailLog log)
            throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.env = Objects.requireNonNull(env, "env");
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a jail needs a name");
        }
        if (name.length() >= NAME_WARN_LENGTH) {
            log.jail.warn("Jail name {} might be too long and some commands might not function correctly. "
                    + "Please shorten", PyStrings.repr(name));
        }
        log.jail.info("Creating new jail '{}'", name);
        this.encoding = LogEncoding.of("auto", env.localeEncoding());
        OptionSpec spec = OptionListParser.extractOptions(backend);
        SourceSettings settings = SourceSettings.of(name, encoding, env.clock(), env.zone());
        this.source = env.sources().create(spec.name(), spec.options(), settings);
        log.jail.info("Jail '{}' uses {} {}", name, usesText(source.backend()), optionsRepr(spec.options()));
        this.banList = new BanList(env.clock());
        this.ignoreList = new IgnoreList(env.dns(), env.ignoreFiles());
        BanTimeIncreaser increaser = new BanTimeIncreaser(name, store, new BanTimeCalculator(env.random()),
                () -> policy, env.clock(), env.zone(), log.observer);
        this.actions = new ActionWorker(name, banList, queue, increaser, store, env.dns(), env.runner(),
                env.clock(), env.sleepTime(), log);
        this.context = new JailActionContext(name, banList, counter, store, actions::incrementBanEpoch);
        actions.setContext(context);
        this.ignore = new IgnorePolicy(name, ignoreList, env.runner(), env.dns(), env.clock(),
                t -> BanInfo.of(new TicketSubject(t), context, env.dns()), log.filter);
        FailureMatcher matcher = new FailureMatcher(name, env.clock(), env.dateTemplates(), env.dns());
        this.filter = new FilterWorker(name, source, matcher, counter, ignore, queue, increaser, store, env.clock(),
                env.zone(), env.sleepTime(), log.filter);
    }

    private static String usesText(String backend) {
        return backend.equals("polling") ? "poller" : backend;
    }

    private static String optionsRepr(Map<String, String> options) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(PyStrings.repr(e.getKey())).append(": ").append(PyStrings.repr(e.getValue()));
        }
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------ identity

    /** The jail name. */
    public String name() {
        return name;
    }

    /** The backend as requested ({@code auto}, {@code systemd[...]}); the server compares it on reload. */
    public String backend() {
        return backend;
    }

    /** The backend in use ({@code pyinotify}, {@code polling} or {@code systemd}). */
    public String realBackend() {
        return source.backend();
    }

    /** The database of the jail, if any. */
    public Optional<BanStore> database() {
        return store;
    }

    /** The filter worker (its {@link FilterWorker#runOnce()} drives a jail started without threads). */
    public FilterWorker filterWorker() {
        return filter;
    }

    /** The action worker (its {@link ActionWorker#runOnce()} drives a jail started without threads). */
    public ActionWorker actionWorker() {
        return actions;
    }

    @Override
    public String toString() {
        return "Jail(" + PyStrings.repr(name) + ")";
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Upstream {@code Jail.start}: starts the filter and action threads, then bans again the current bans of the
     * database.
     *
     * @throws IOException when the journal cannot be read
     * @throws IllegalStateException when the jail was started before
     */
    public void start() throws IOException {
        begin(State.THREADS);
        log.jail.debug("Starting jail {}", PyStrings.repr(name));
        filter.startSource();
        filter.startThread();
        actions.startThread();
        restoreCurrentBans();
        log.jail.info("Jail {} started", PyStrings.repr(name));
    }

    /**
     * Starts the jail without threads: the source is started, the actions run their start commands and the bans
     * of the database are queued; the caller then drives {@link FilterWorker#runOnce()} and
     * {@link ActionWorker#runOnce()} (tests, tools).
     *
     * @throws IOException when the journal cannot be read
     * @throws IllegalStateException when the jail was started before
     */
    public void startWithoutThreads() throws IOException {
        begin(State.DRIVEN);
        log.jail.debug("Starting jail {}", PyStrings.repr(name));
        filter.startSource();
        filter.activate();
        actions.activate();
        actions.startActions();
        restoreCurrentBans();
        log.jail.info("Jail {} started", PyStrings.repr(name));
    }

    private synchronized void begin(State next) {
        if (state != State.NEW) {
            throw new IllegalStateException("jail '" + name + "' was started already");
        }
        state = next;
    }

    /**
     * Upstream {@code Jail.stop}: stops the filter (read positions are written, the source closed), then the
     * actions (every ban is lifted, {@code Repeal Ban}, and the actions are stopped), and waits for both threads.
     * A jail that was never started only releases its source.
     */
    public void stop() {
        signalStop();
        awaitStop();
    }

    /** Tells the workers to stop without waiting (the first half of {@link #stop()}, to stop many jails at once). */
    public void signalStop() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
        }
        log.jail.debug("Stopping jail {}", PyStrings.repr(name));
        filter.signalStop();
        actions.signalStop();
    }

    /** Waits until both workers ended and finishes what they left (the second half of {@link #stop()}). */
    public void awaitStop() {
        State was;
        synchronized (this) {
            was = state;
            if (was == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
        }
        filter.join(null);
        filter.finish();
        actions.join(null);
        if (was != State.NEW) {
            actions.finish();
        }
        queue.clear();
        log.jail.info("Jail {} stopped", PyStrings.repr(name));
    }

    /** Upstream {@code isAlive}: whether the jail was started and not stopped (and its threads still run). */
    public boolean isAlive() {
        synchronized (this) {
            if (state == State.DRIVEN) {
                return true;
            }
            if (state != State.THREADS) {
                return false;
            }
        }
        return filter.isAlive() || actions.isAlive();
    }

    /** Upstream {@code idle}: whether the filter or the actions are paused. */
    public boolean isIdle() {
        return filter.isIdle() || actions.isIdle();
    }

    /** Upstream {@code idle = value} ({@code set <jail> idle on|off}): pauses or resumes both workers. */
    public void setIdle(boolean value) {
        filter.setIdle(value);
        actions.setIdle(value);
    }

    /**
     * Tells the jail, before it starts, that the previous server ended without a clean stop (killed, crashed): the
     * bans it set are still in the firewall, and at start the jail lifts those it does not restore (a difference
     * from upstream, which leaves them in place for good). See {@link #restoreCurrentBans()}.
     *
     * @param previousStart when the previous server started (its pid file's time); bans that ended before it were
     *     lifted by that server or at its own start
     */
    void liftBansOfUncleanEnd(Instant previousStart) {
        liftSince = Objects.requireNonNull(previousStart, "previousStart");
    }

    /**
     * Upstream {@code restoreCurrentBans}: queues the database's current bans of this jail (marked restored, ban
     * time corrected to the jail's maximum; ignored ids and bans already over are left out). Errors are logged.
     *
     * <p>After {@link #liftBansOfUncleanEnd}, first hands the action worker the bans to lift: the jail's last ban
     * of each id in the database (ban time as stored) that is not permanent, ended (or ends) after the later of the
     * previous server's start and now minus {@code dbpurgeage}, and is not restored now, because it is over, or
     * not restored with the jail's current settings (ignored id, shorter ban time). They are lifted before the
     * restored bans are banned.
     */
    void restoreCurrentBans() {
        Instant since = liftSince;
        liftSince = null;
        if (store.isEmpty()) {
            return;
        }
        Instant now = env.clock().instant();
        List<FailTicket> tickets;
        try {
            tickets = store.get().ticketsToRestore(name, banList.banTime(), policy, counter.maxMatches(), now, true);
        } catch (RuntimeException e) {
            log.jail.error("Restore bans failed: {}", JailLog.text(e));
            return;
        }
        List<FailTicket> queued = new ArrayList<>(tickets.size());
        Set<IpAddress> restored = new HashSet<>();
        for (FailTicket t : tickets) {
            try {
                if (ignore.isIgnored(t.id(), t, true)) {
                    continue;
                }
                queued.add(t);
                restored.add(t.id());
            } catch (RuntimeException e) {
                log.jail.error("Restore ticket failed: {}", JailLog.text(e));
            }
        }
        if (since != null) {
            List<FailTicket> lift = bansToLift(store.get(), since, now, restored);
            if (!lift.isEmpty()) {
                actions.liftOnStart(lift);
            }
        }
        for (FailTicket t : queued) {
            queue.put(t);
        }
    }

    /** The bans to lift after an unclean end (see {@link #restoreCurrentBans()}); errors are logged. */
    private List<FailTicket> bansToLift(BanStore db, Instant since, Instant now, Set<IpAddress> restored) {
        Instant from = now.minus(db.purgeAge());
        if (since.isAfter(from) && !since.isAfter(now)) {
            from = since;
        }
        BanTime jailBanTime = banList.banTime();
        CurrentBansQuery q = CurrentBansQuery.all()
                .jail(name, jailBanTime, policy.maxBanTime(jailBanTime))
                .fromTime(from)
                .correctBanTime(false)
                .maxMatches(counter.maxMatches());
        List<FailTicket> stored;
        try {
            stored = db.getCurrentBans(q);
        } catch (RuntimeException e) {
            log.jail.error("Reading the bans to lift after an unclean end failed: {}", JailLog.text(e));
            return List.of();
        }
        List<FailTicket> out = new ArrayList<>();
        for (FailTicket t : stored) {
            if (restored.contains(t.id()) || t.banTime().map(BanTime::isPermanent).orElse(false)) {
                continue;
            }
            t.setRestored(true);
            out.add(t);
        }
        return out;
    }

    /**
     * Begins a reload (upstream {@code filter.reload(begin=True)} and {@code actions.reload(begin=True)}): the
     * failregexes, ignoreregexes and ignoreip entries are cleared for the new ones; log paths and actions that are
     * not added again before {@link #endReload()} are removed then.
     */
    public void beginReload() {
        filter.configure(m -> {
            for (int i = m.failRegexes().size() - 1; i >= 0; i--) {
                m.delFailRegex(i);
            }
            for (int i = m.ignoreRegexes().size() - 1; i >= 0; i--) {
                m.delIgnoreRegex(i);
            }
        });
        ignoreList.clear();
        synchronized (this) {
            reloadLogs = new LinkedHashSet<>(logPaths());
        }
        actions.beginReload();
    }

    /**
     * Ends a reload (upstream {@code reload(begin=False)}): removes the log paths that were not added again,
     * reloads the actions added again, lifts the bans of the others (without logging) and stops them.
     */
    public void endReload() {
        Set<String> obsolete;
        synchronized (this) {
            obsolete = reloadLogs;
            reloadLogs = null;
        }
        if (obsolete != null) {
            for (String p : obsolete) {
                delLogPath(p);
            }
        }
        actions.endReload();
    }

    // ------------------------------------------------------------------ status

    /**
     * Upstream {@code status(flavor)} ({@code status <jail> [flavor]}).
     *
     * @param flavor {@code basic}, {@code short}, {@code cymru} or {@code stats}; another value is logged as
     *     unsupported and shows as {@code basic}
     * @return the status
     */
    public JailStatus status(String flavor) {
        Objects.requireNonNull(flavor, "flavor");
        String f = flavor;
        if (!JailStatus.FLAVORS.contains(f)) {
            log.actions.warn("Unsupported extended jail status flavor {}. Supported: {}", PyStrings.repr(flavor),
                    "['short', 'basic', 'stats', 'cymru']");
            f = "basic";
        }
        int failed = counter.size();
        long failTotal = counter.failTotal();
        if (f.equals("stats")) {
            return new JailStatus(f, realBackend(), failed, failTotal, Optional.empty(), Optional.empty(),
                    banList.size(), banList.banTotal(), Optional.empty(), Optional.empty());
        }
        Optional<List<String>> files = Optional.empty();
        Optional<List<List<String>>> matches = Optional.empty();
        if (source instanceof FileLogSource) {
            files = Optional.of(logPaths());
        } else if (source instanceof JournalSource j) {
            matches = Optional.of(j.journalMatches());
        }
        List<IpAddress> banned = banList.getBanList();
        Optional<List<String>> ips = Optional.empty();
        int bannedCount = banned.size();
        if (f.equals("short")) {
            bannedCount = banList.size();
        } else {
            List<String> texts = new ArrayList<>(banned.size());
            for (IpAddress ip : banned) {
                texts.add(ip.toString());
            }
            ips = Optional.of(texts);
        }
        Optional<JailStatus.Cymru> cymru = Optional.empty();
        if (f.equals("cymru")) {
            List<IpAddress> addresses = new ArrayList<>();
            for (FailTicket t : banList.tickets()) {
                addresses.add(t.ip());
            }
            cymru = Optional.of(CymruLookup.lookup(addresses, env.txt(), log.actions));
        }
        return new JailStatus(f, realBackend(), failed, failTotal, files, matches, bannedCount,
                banList.banTotal(), ips, cymru);
    }

    // ------------------------------------------------------------------ filter options: ignore rules

    /** Upstream {@code ignoreSelf} ({@code get <jail> ignoreself}). */
    public boolean isIgnoreSelf() {
        return ignoreList.isIgnoreSelf();
    }

    /** Upstream {@code ignoreSelf = value} ({@code set <jail> ignoreself}). */
    public void setIgnoreSelf(boolean value) {
        ignoreList.setIgnoreSelf(value);
    }

    /**
     * Upstream {@code addIgnoreIP} ({@code set <jail> addignoreip}): an address, network, host name or
     * {@code file:} list.
     *
     * @throws IllegalArgumentException for an invalid network mask
     */
    public void addIgnoreIp(String entry) {
        ignoreList.add(entry);
    }

    /**
     * Upstream {@code delIgnoreIP} ({@code set <jail> delignoreip}).
     *
     * @throws IllegalArgumentException {@code list.remove(x): x not in list} when there is no such entry
     */
    public void delIgnoreIp(String entry) {
        ignoreList.remove(entry);
    }

    /** Upstream {@code getIgnoreIP} ({@code get <jail> ignoreip}). */
    public List<String> ignoreIps() {
        return ignoreList.toList();
    }

    /** Upstream {@code ignoreCommand} ({@code get <jail> ignorecommand}); empty when none is set. */
    public Optional<String> ignoreCommand() {
        String c = ignore.command();
        return c.isEmpty() ? Optional.empty() : Optional.of(c);
    }

    /** Sets {@code ignorecommand} ({@code set <jail> ignorecommand}); empty text removes it. */
    public void setIgnoreCommand(String command) {
        ignore.setCommand(Objects.requireNonNull(command, "command"));
    }

    /**
     * Upstream {@code ignoreCache} ({@code get <jail> ignorecache}): {@code [key, maxCount, maxTime]}.
     *
     * @return the setting as a list of a {@code String}, a {@code Long} and the seconds ({@code Long} or
     *     {@code Double}); empty when there is no cache
     */
    public Optional<List<Object>> ignoreCache() {
        return ignore.cacheSpec().map(s -> List.of(s.key(), (long) s.maxCount(), s.maxTime()));
    }

    /**
     * Sets {@code ignorecache} ({@code set <jail> ignorecache key="<ip>", max-count=100, max-time=5m}); empty
     * text removes the cache.
     *
     * @throws IllegalArgumentException for malformed options or a missing {@code key}
     */
    public void setIgnoreCache(String options) {
        ignore.setCache(options);
    }

    /**
     * Upstream {@code inIgnoreIPList(ip)}: whether a failure of {@code ip} now would be ignored.
     *
     * @param ip the id
     * @param logIgnore whether to log an ignored id
     * @return whether it is ignored
     */
    public boolean isIgnored(IpAddress ip, boolean logIgnore) {
        return ignore.isIgnored(ip, new FailTicket(ip, env.clock().instant()), logIgnore);
    }

    // ------------------------------------------------------------------ filter options: log sources

    /**
     * Upstream {@code addLogPath} ({@code set <jail> addlogpath <path> [head|tail]}): follows a log file. Without
     * {@code tail} reading resumes at the position stored in the database if the file's first line is the same,
     * and skips to {@code now - findtime} at the first read. A jail on the journal ignores this.
     *
     * @param path the log file
     * @param tail read only lines added from now on
     * @throws IOException when the file exists but cannot be read
     */
    public void addLogPath(String path, boolean tail) throws IOException {
        if (!(source instanceof FileLogSource files)) {
            return;
        }
        Path p = Path.of(path);
        synchronized (this) {
            if (reloadLogs != null && reloadLogs.remove(path)) {
                return;
            }
        }
        if (files.containsLogPath(p)) {
            log.filter.error("{} already exists", path);
            return;
        }
        Optional<FilePosition> stored = Optional.empty();
        if (store.isPresent()) {
            stored = storedPosition(p, tail);
        }
        files.addLogPath(p, tail, stored);
        if (!tail) {
            filter.seekOnFirstRead(p);
        }
    }

    /** Upstream {@code db.addLog(jail, container)}: registers the file, returns its stored position if valid. */
    private Optional<FilePosition> storedPosition(Path p, boolean tail) {
        String hash;
        long pos;
        try (FileTail t = FileTail.open(p, encoding, tail, env.clock())) {
            hash = t.firstLineHash();
            pos = t.position();
        } catch (IOException e) {
            return Optional.empty();
        }
        OptionalLong last;
        try {
            last = store.get().addLog(name, p.toString(), pos, hash);
        } catch (RuntimeException e) {
            log.filter.error("[{}] Failed to read the stored position of {}: {}", name, p, JailLog.text(e));
            return Optional.empty();
        }
        if (last.isEmpty() || last.getAsLong() == 0 || tail) {
            return Optional.empty();
        }
        return Optional.of(new FilePosition(p.toString(), hash, last.getAsLong()));
    }

    /** Upstream {@code delLogPath} ({@code set <jail> dellogpath <path>}); a path not followed is ignored. */
    public void delLogPath(String path) {
        if (source instanceof FileLogSource files) {
            Path p = Path.of(path);
            filter.flushPositions();
            filter.forgetSeek(p);
            files.delLogPath(p);
        }
    }

    /** Upstream {@code getLogPaths} ({@code get <jail> logpath}); empty for the journal. */
    public List<String> logPaths() {
        if (!(source instanceof FileLogSource files)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Path p : files.logPaths()) {
            out.add(p.toString());
        }
        return out;
    }

    /**
     * Upstream {@code addJournalMatch} ({@code set <jail> addjournalmatch ...}); a jail on files ignores this.
     *
     * @throws IllegalArgumentException for a term that is not {@code FIELD=value} or {@code +}
     */
    public void addJournalMatch(List<String> terms) {
        if (source instanceof JournalSource j) {
            j.addJournalMatch(terms);
        }
    }

    /**
     * Upstream {@code delJournalMatch} ({@code set <jail> deljournalmatch ...}): one group, or all when empty.
     *
     * @throws IllegalArgumentException when no such group was added
     */
    public void delJournalMatch(List<String> group) {
        if (source instanceof JournalSource j) {
            j.delJournalMatch(group);
        }
    }

    /** Upstream {@code getJournalMatch} ({@code get <jail> journalmatch}); empty for files. */
    public List<List<String>> journalMatches() {
        if (source instanceof JournalSource j) {
            return j.journalMatches();
        }
        return List.of();
    }

    /**
     * Upstream {@code setLogEncoding} ({@code set <jail> logencoding}): {@code auto} is the locale's encoding.
     *
     * @throws IllegalArgumentException {@code unknown encoding: <name>}
     */
    public void setLogEncoding(String name) {
        LogEncoding enc = LogEncoding.of(name, env.localeEncoding());
        encoding = enc;
        if (source instanceof FileLogSource files) {
            files.setLogEncoding(enc);
        }
        log.filter.info("  encoding: {}", enc.name());
    }

    /** Upstream {@code getLogEncoding} ({@code get <jail> logencoding}). */
    public String logEncoding() {
        return encoding.name();
    }

    // ------------------------------------------------------------------ filter options: matching

    /**
     * Upstream {@code setFindTime} ({@code set <jail> findtime}).
     *
     * @param value a duration ({@code 600}, {@code 10m}, {@code 1h 30m})
     * @throws org.fail2ban4j.time.DurationException for a text that is no duration
     * @throws IllegalArgumentException for a negative duration
     */
    public void setFindTime(String value) {
        Number secs = DurationParser.str2seconds(value);
        double d = secs.doubleValue();
        Duration dur = Duration.ofSeconds((long) Math.floor(d), (long) ((d - Math.floor(d)) * 1e9));
        counter.setFindTime(dur);
        filter.configure(m -> m.setFindTime(d));
        findTime = secs;
        log.filter.info("  findtime: {}", pyStr(secs));
    }

    /** Upstream {@code getFindTime} ({@code get <jail> findtime}): seconds, a {@code Long} or a {@code Double}. */
    public Number findTime() {
        return findTime;
    }

    /** Upstream {@code setMaxRetry} ({@code set <jail> maxretry}). */
    public void setMaxRetry(int value) {
        counter.setMaxRetry(value);
        log.filter.info("  maxRetry: {}", value);
    }

    /** Upstream {@code getMaxRetry}. */
    public int maxRetry() {
        return counter.maxRetry();
    }

    /**
     * Upstream {@code failManager.maxMatches = value} ({@code set <jail> maxmatches}).
     *
     * @throws IllegalArgumentException for a negative value
     */
    public void setMaxMatches(int value) {
        counter.setMaxMatches(value);
    }

    /** Upstream {@code failManager.maxMatches}. */
    public int maxMatches() {
        return counter.maxMatches();
    }

    /**
     * Upstream {@code setMaxLines} ({@code set <jail> maxlines}).
     *
     * @throws IllegalArgumentException {@code maxlines must be integer greater than zero}
     */
    public void setMaxLines(int value) {
        filter.configure(m -> m.setMaxLines(value));
        log.filter.info("  maxLines: {}", value);
    }

    /** Upstream {@code getMaxLines}. */
    public int maxLines() {
        return filter.query(FailureMatcher::maxLines);
    }

    /**
     * Upstream {@code setUseDns} ({@code set <jail> usedns}): {@code yes}, {@code warn}, {@code no}, {@code raw}; a
     * wrong value is logged and means {@code no}.
     */
    public void setUseDns(String value) {
        UseDns u = UseDns.fromSetting(value);
        filter.configure(m -> m.setUseDns(u));
    }

    /** Upstream {@code getUseDns}. */
    public String useDns() {
        return filter.query(FailureMatcher::useDns).value();
    }

    /**
     * Upstream {@code prefRegex = value} ({@code set <jail> prefregex}); empty text removes it.
     *
     * @throws org.fail2ban4j.regex.RegexSyntaxException for a regex that does not compile
     */
    public void setPrefRegex(String value) {
        log.filter.debug("  prefregex: {}", PyStrings.repr(value));
        filter.configure(m -> m.setPrefRegex(value));
    }

    /** Upstream {@code get <jail> prefregex}: the regex, {@code ""} when none. */
    public String prefRegex() {
        return filter.query(m -> m.prefRegex() == null ? "" : m.prefRegex().regex());
    }

    /**
     * Upstream {@code addFailRegex} ({@code set <jail> addfailregex}).
     *
     * @throws org.fail2ban4j.regex.RegexSyntaxException for a regex that does not compile
     * @throws IllegalArgumentException for a regex without a failure id group
     */
    public void addFailRegex(String value) {
        log.filter.debug("  failregex: {}", PyStrings.repr(value));
        filter.configure(m -> m.addFailRegex(value));
    }

    /** Upstream {@code delFailRegex(index)}; an invalid index is logged, as upstream. */
    public void delFailRegex(int index) {
        filter.configure(m -> {
            if (index < 0 || index >= m.failRegexes().size()) {
                log.filter.error("Cannot remove regular expression. Index {} is not valid", index);
                return;
            }
            m.delFailRegex(index);
        });
    }

    /** Upstream {@code getFailRegex}. */
    public List<String> failRegexes() {
        return filter.query(m -> regexTexts(m.failRegexes()));
    }

    /**
     * Upstream {@code addIgnoreRegex} ({@code set <jail> addignoreregex}).
     *
     * @throws org.fail2ban4j.regex.RegexSyntaxException for a regex that does not compile
     */
    public void addIgnoreRegex(String value) {
        log.filter.debug("  ignoreregex: {}", PyStrings.repr(value));
        filter.configure(m -> m.addIgnoreRegex(value));
    }

    /** Upstream {@code delIgnoreRegex(index)}; an invalid index is logged, as upstream. */
    public void delIgnoreRegex(int index) {
        filter.configure(m -> {
            if (index < 0 || index >= m.ignoreRegexes().size()) {
                log.filter.error("Cannot remove regular expression. Index {} is not valid", index);
                return;
            }
            m.delIgnoreRegex(index);
        });
    }

    /** Upstream {@code getIgnoreRegex}. */
    public List<String> ignoreRegexes() {
        return filter.query(m -> regexTexts(m.ignoreRegexes()));
    }

    private static List<String> regexTexts(List<FailRegex> regexes) {
        List<String> out = new ArrayList<>(regexes.size());
        for (FailRegex r : regexes) {
            out.add(r.regex());
        }
        return out;
    }

    /**
     * Upstream {@code setDatePattern} ({@code set <jail> datepattern}).
     *
     * @throws org.fail2ban4j.date.DatePatternException for a pattern that cannot be used
     */
    public void setDatePattern(String pattern) {
        filter.configure(m -> m.setDatePattern(pattern));
    }

    /**
     * The date pattern as {@code get <jail> datepattern} shows it (upstream {@code getDatePattern}).
     *
     * @param pattern the pattern of the single template, if it has one
     * @param name the template name, or {@code Default Detectors}
     */
    public record DatePattern(Optional<String> pattern, String name) {
        /** Checks for nulls. */
        public DatePattern {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Upstream {@code getDatePattern}: empty when date detection is off. */
    public Optional<DatePattern> datePattern() {
        return filter.query(m -> {
            DateDetector dd = m.dateDetector();
            if (dd == null) {
                return Optional.empty();
            }
            List<DateTemplate> templates = dd.templates();
            if (templates.isEmpty() || templates.size() > 2) {
                return Optional.of(new DatePattern(Optional.empty(), "Default Detectors"));
            }
            DateTemplate t = templates.get(0);
            return Optional.of(new DatePattern(t.pattern(), t.name()));
        });
    }

    /**
     * Upstream {@code setLogTimeZone} ({@code set <jail> logtimezone}): the zone of dates without one
     * ({@code UTC}, {@code UTC+0200}...).
     *
     * @throws IllegalArgumentException for a zone that is not supported
     */
    public void setLogTimeZone(String tz) {
        Objects.requireNonNull(tz, "tz");
        TimeZoneOffsets.offsetMinutes(tz);
        filter.configure(m -> m.setLogTimeZone(tz));
        logTimeZone = tz;
    }

    /** Upstream {@code getLogTimeZone}; empty when not set. */
    public Optional<String> logTimeZone() {
        return Optional.ofNullable(logTimeZone);
    }

    /**
     * Upstream {@code addAttempt} ({@code set <jail> attempt <ip> [<failure> ...]}): a failure of {@code ip} now.
     *
     * @param ip the id
     * @param matches the failure texts (each one counts)
     * @return 1 if counted, 0 if the id is ignored
     */
    public int addAttempt(String ip, List<String> matches) {
        return filter.addAttempt(IpAddress.parse(ip), List.copyOf(matches));
    }

    // ------------------------------------------------------------------ action options

    /**
     * Upstream {@code Actions.setBanTime} ({@code set <jail> bantime}).
     *
     * @param value a duration, {@code -1} for permanent bans
     * @throws org.fail2ban4j.time.DurationException for a text that is no duration
     */
    public void setBanTime(String value) {
        Number secs = DurationParser.str2seconds(value);
        banList.setBanTime(BanTime.of(secs));
        log.actions.info("  banTime: {}", pyStr(secs));
    }

    /** Upstream {@code getBanTime}: the jail's ban time ({@link BanTime#PERMANENT} for {@code -1}). */
    public BanTime banTime() {
        return banList.banTime();
    }

    /**
     * Upstream {@code setBanTimeExtra} ({@code set <jail> bantime.<option> <value>}); empty text unsets.
     *
     * @param option the option without {@code bantime.} ({@code increment}, {@code factor} ...)
     * @param value the text
     * @throws IllegalArgumentException for an invalid value (naming the option)
     */
    public synchronized void setBanTimeExtra(String option, String value) {
        BanTimePolicy next = policy.with(option, value);
        policy = next;
        log.jail.info("Set banTime.{} = {}", option, value.isEmpty() ? "None" : value);
        if (option.equals("increment") && next.increment() && store.isEmpty()) {
            log.jail.warn("ban time increment is not available as long jail database is not set");
        }
    }

    /** Upstream {@code getBanTimeExtra(option)}: the value, empty if not set. */
    public Optional<Object> banTimeExtra(String option) {
        return policy.get(option);
    }

    /** The {@code bantime.*} options as a policy. */
    public BanTimePolicy banTimePolicy() {
        return policy;
    }

    /**
     * Upstream {@code addBannedIP} ({@code set <jail> banip <ip> ...}): bans the ids now, bypassing the filter and
     * the ignore rules.
     *
     * @return the number banned
     */
    public int banIps(List<String> ids) {
        List<IpAddress> ips = new ArrayList<>(ids.size());
        for (String id : ids) {
            ips.add(IpAddress.parse(id));
        }
        return actions.addBannedIps(ips);
    }

    /**
     * Upstream {@code removeBannedIP(ids, db=True, ifexists)} ({@code set <jail> unbanip [--report-absent] ...}):
     * lifts the bans of the ids and removes them from the database.
     *
     * @param ids the ids (addresses, networks, names)
     * @param ifExists {@code false} for {@code --report-absent}: ids not banned are an error
     * @return the number of bans lifted
     * @throws NotBannedException {@code not banned: ['<id>', ...]} with {@code --report-absent}
     */
    public int unbanIps(List<String> ids, boolean ifExists) {
        List<String> missed = new ArrayList<>();
        int cnt = 0;
        for (String id : ids) {
            try {
                cnt += actions.removeBannedIp(id, true, ifExists);
            } catch (NotBannedException e) {
                if (!ifExists) {
                    missed.add(id);
                }
            }
        }
        if (!missed.isEmpty()) {
            StringBuilder sb = new StringBuilder("not banned: [");
            for (int i = 0; i < missed.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(PyStrings.repr(missed.get(i)));
            }
            throw new NotBannedException(sb.append(']').toString());
        }
        return cnt;
    }

    /**
     * Upstream {@code removeBannedIP(None)} ({@code unban --all}): lifts all bans (flush where actions can) and
     * removes them from the database.
     *
     * @return the number of bans lifted
     */
    public int unbanAll() {
        return actions.removeAllBans(true);
    }

    /** Whether an id is banned (upstream {@code getBanned([ip])}). */
    public boolean isBanned(IpAddress id) {
        return banList.contains(id);
    }

    /** The banned ids in ban order (upstream {@code banManager.getBanList()}). */
    public List<IpAddress> bannedIds() {
        return banList.getBanList();
    }

    /**
     * Upstream {@code getBanList(withTime)} ({@code get <jail> banip [--with-time]}): the banned ids sorted by the
     * end of their ban; with time as {@code <ip> \t<start> + <bantime> = <end>}.
     *
     * @param withTime whether to add the times
     * @return the texts
     */
    public List<String> banList(boolean withTime) {
        List<BanList.BanEntry> entries = banList.getBanEntries();
        List<String> out = new ArrayList<>(entries.size());
        for (BanList.BanEntry e : entries) {
            if (!withTime) {
                out.add(e.id().toString());
            } else {
                out.add(e.id() + " \t" + TimeText.time2str(e.start(), env.zone()) + " + "
                        + TicketSubject.seconds(e.banTime()) + " = " + TimeText.time2str(e.end(), env.zone()));
            }
        }
        return out;
    }

    /** The number of active bans. */
    public int bannedCount() {
        return banList.size();
    }

    /**
     * Upstream {@code Actions.add} ({@code set <jail> addaction <name>}): adds a command action with empty
     * commands (its properties are set afterwards). During a reload an existing action is kept and its
     * parameters cleared.
     *
     * @throws IllegalArgumentException {@code Action <name> already exists}
     */
    public void addAction(String actionName) {
        actions.addAction(actionName, () -> env.actions().create(context, actionName));
    }

    /**
     * {@code set <jail> addaction <name> <pythonModule> <initOpts>}: Python actions cannot run here.
     *
     * @throws org.fail2ban4j.action.ActionException always, naming the action and the module
     */
    public void addAction(String actionName, String pythonModule) {
        actions.addAction(actionName, () -> env.actions().create(context, actionName,
                Objects.requireNonNull(pythonModule, "pythonModule")));
    }

    /**
     * Upstream {@code del actions[name]} ({@code set <jail> delaction <name>}); the action is not stopped.
     *
     * @throws IllegalArgumentException {@code Invalid Action name: <name>}
     */
    public void delAction(String actionName) {
        actions.delAction(actionName);
    }

    /**
     * An action by name ({@code set/get <jail> action <name> <property>}).
     *
     * @throws IllegalArgumentException {@code Invalid Action name: <name>}
     */
    public Action action(String actionName) {
        Action a = actions.actions().get(actionName);
        if (a == null) {
            throw new IllegalArgumentException("Invalid Action name: " + actionName);
        }
        return a;
    }

    /** The action names in order ({@code get <jail> actions}). */
    public List<String> actionNames() {
        return List.copyOf(actions.actions().keySet());
    }

    /** Python's {@code str} of a number of seconds. */
    static String pyStr(Number n) {
        if (n instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e16) {
                return (long) d.doubleValue() + ".0";
            }
            return d.toString();
        }
        return n.toString();
    }
}
