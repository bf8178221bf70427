package org.fail2ban4j.jail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.fail2ban4j.ban.BanTimeCalculator;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.ban.FailureCounter;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.DateMatch;
import org.fail2ban4j.date.TemplateMatch;
import org.fail2ban4j.filter.Failure;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.source.FileLogSource;
import org.fail2ban4j.source.FilePosition;
import org.fail2ban4j.source.JournalLine;
import org.fail2ban4j.source.JournalPosition;
import org.fail2ban4j.source.JournalSource;
import org.fail2ban4j.source.JournalStart;
import org.fail2ban4j.source.LineDater;
import org.fail2ban4j.source.LogLine;
import org.fail2ban4j.source.LogSource;
import org.fail2ban4j.source.SourcePosition;
import org.slf4j.Logger;

/**
 * Port of the driving loop of {@code fail2ban/server/filter.py} ({@code FileFilter.getFailures},
 * {@code processLineAndAdd}, {@code performBan}, {@code performSvc}, {@code addAttempt}) and of
 * {@code filtersystemd.py:FilterSystemd.run}: the jail's filter thread {@code f2b/f.<jail>}.
 *
 * <p>Each line from the {@link LogSource} goes through the {@link FailureMatcher} (dates, regexes); each failure
 * found becomes a {@link FailTicket}, is checked against the ignore rules, logged as
 * {@code [<jail>] Found <ip> - <time>} (INFO, {@code fail2ban.filter}), counted by the {@link FailureCounter}
 * (raised for known bad ids when {@code bantime.increment} is on), and when the id reaches {@code maxretry} its
 * ticket goes to the ban queue. Files added without {@code tail} first skip to {@code now - findtime}; read
 * positions are written to the database every 10 seconds and at stop.
 *
 * <p>Confinement: the matcher (date detector, line buffer, multi-line cache) is used under the worker's lock,
 * which the jail's setters take as well; processing holds it for one batch of lines. {@link #runOnce()} does one
 * step without waiting, for tests and tools.
 */
public final class FilterWorker extends Worker {

    /** How often read positions are written to the database (upstream: {@code DEFAULT_SLEEP_TIME * 5}). */
    static final Duration DB_UPDATE_INTERVAL = Duration.ofSeconds(10);
    /** Upstream {@code performSvc}: the failure list is cleaned at most this often. */
    static final Duration SVC_INTERVAL = Duration.ofSeconds(5);
    /** After this many errors in a row the filter goes idle (upstream {@code commonError}). */
    static final int MAX_ERRORS = 100;

    private final String jailName;
    private final LogSource source;
    private final FailureMatcher matcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final FailureCounter counter;
    private final IgnorePolicy ignore;
    private final BanQueue queue;
    private final BanTimeIncreaser increaser;
    private final Optional<BanStore> store;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Duration sleepTime;
    private final Logger log;
    private final Set<Path> pendingSeeks = new LinkedHashSet<>();
    private final Map<String, SourcePosition> storedPositions = new HashMap<>();

    private Instant nextDbUpdate = Instant.MIN;
    private Instant nextSvcTime = Instant.MIN;
    private long processedLines;
    private int errors;
    private boolean positionsDirty;
    private boolean sourceStarted;
    private boolean finished;

    FilterWorker(String jailName, LogSource source, FailureMatcher matcher, FailureCounter counter,
            IgnorePolicy ignore, BanQueue queue, BanTimeIncreaser increaser, Optional<BanStore> store,
            InstantSource clock, ZoneId zone, Duration sleepTime, Logger log) {
        super("f2b/f." + jailName, log);
        this.jailName = jailName;
        this.source = Objects.requireNonNull(source, "source");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.ignore = Objects.requireNonNull(ignore, "ignore");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.increaser = Objects.requireNonNull(increaser, "increaser");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.sleepTime = Objects.requireNonNull(sleepTime, "sleepTime");
        this.log = Objects.requireNonNull(log, "log");
    }

    // ------------------------------------------------------------------ access for the jail

    /**
     * Runs {@code change} on the matcher under the worker's lock (a setter of the jail).
     *
     * @param change the change
     */
    void configure(Consumer<FailureMatcher> change) {
        lock.lock();
        try {
            change.accept(matcher);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads a value of the matcher under the worker's lock.
     *
     * @param read the getter
     * @param <T> the value type
     * @return the value
     */
    <T> T query(Function<FailureMatcher, T> read) {
        lock.lock();
        try {
            return read.apply(matcher);
        } finally {
            lock.unlock();
        }
    }

    /** Marks a file for the start-up seek to {@code now - findtime} before it is read (upstream autoSeek). */
    void seekOnFirstRead(Path path) {
        lock.lock();
        try {
            pendingSeeks.add(path);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a pending seek of a removed file. */
    void forgetSeek(Path path) {
        lock.lock();
        try {
            pendingSeeks.remove(path);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ start

    /**
     * Starts reading: for the journal, the entries dated after {@code max(stored journal time, now - findtime)}
     * (upstream {@code FilterSystemd.run}: the last entry read is not read again); files need no start.
     *
     * @throws IOException when the journal cannot be read
     */
    void startSource() throws IOException {
        if (sourceStarted) {
            return;
        }
        sourceStarted = true;
        if (source instanceof JournalSource j) {
            Instant now = clock.instant();
            Instant start = now.minus(counter.findTime());
            if (store.isPresent()) {
                OptionalDouble stored = store.get().getJournalPos(jailName, JournalLine.SOURCE_ID);
                if (stored.isPresent()) {
                    Instant s = EpochSeconds.toInstant(stored.getAsDouble());
                    if (s.isAfter(start)) {
                        start = s;
                    }
                }
            }
            j.start(JournalStart.after(start), true);
        }
    }

    // ------------------------------------------------------------------ steps

    /**
     * One step without waiting: pending seeks, one batch of lines from the source, the database positions when
     * due, and the clean-up of old failures.
     *
     * @return the number of lines processed
     */
    public int runOnce() {
        if (isIdle()) {
            return 0;
        }
        doPendingSeeks();
        List<LogLine> lines = source.poll();
        return processBatch(lines);
    }

    @Override
    void step() throws InterruptedException {
        doPendingSeeks();
        List<LogLine> lines = source.await(sleepTime);
        // lines read while stopping or pausing are still processed: the source has moved past them
        processBatch(lines);
    }

    private int processBatch(List<LogLine> lines) {
        lock.lock();
        try {
            for (LogLine line : lines) {
                processLine(line);
            }
            if (!lines.isEmpty()) {
                positionsDirty = true;
            }
            housekeeping(false);
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    private void doPendingSeeks() {
        if (!(source instanceof FileLogSource files)) {
            return;
        }
        lock.lock();
        try {
            if (pendingSeeks.isEmpty()) {
                return;
            }
            Instant start = clock.instant().minus(counter.findTime());
            LineDater dater = this::timeOf;
            for (Path p : new ArrayList<>(pendingSeeks)) {
                pendingSeeks.remove(p);
                try {
                    files.seekToTime(p, start, dater);
                } catch (IOException | RuntimeException e) {
                    log.error("Error during seek to start time in \"{}\": {}", p, JailLog.text(e));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The date of a line with the matcher's date detector (called with the lock held). */
    private Optional<Instant> timeOf(String line) {
        DateDetector dd = matcher.dateDetector();
        if (dd == null) {
            return Optional.empty();
        }
        Optional<TemplateMatch> m = dd.matchTime(line);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return dd.getTime(m.get()).map(DateMatch::instant);
    }

    /** Upstream {@code processLineAndAdd} (called with the lock held). */
    private void processLine(LogLine line) {
        try {
            matcher.setInOperation(line.inOperation());
            List<Failure> failures;
            if (line instanceof JournalLine j) {
                double date = journalDate(j);
                if (Double.isNaN(date)) {
                    return;
                }
                failures = matcher.processLine(new TupleLine("", j.isoTime(), j.text()), date);
            } else {
                failures = matcher.processLine(line.text());
            }
            for (Failure f : failures) {
                addFailure(f);
            }
            processedLines++;
            if (processedLines % 100 == 0) {
                performSvc(false);
            }
            if (errors > 0) {
                errors /= 2;
            }
        } catch (RuntimeException e) {
            log.error("Failed to process line: {}, caught exception: {}", org.fail2ban4j.regex.PyStrings.repr(
                    line.text()), e.toString(), e);
            errors++;
            if (errors >= MAX_ERRORS) {
                log.error("Too many errors at once ({}), going idle", errors);
                errors /= 2;
                setIdle(true);
            }
        }
    }

    /**
     * The date rules of upstream's {@code processLine} for a line whose time is known (the journal): in operation
     * a time more than 60 s away from now counts as now; before that, a time older than {@code findtime} drops
     * the line.
     *
     * @return the date in epoch seconds, NaN to drop the line
     */
    private double journalDate(JournalLine j) {
        double date = j.epochSeconds();
        double now = EpochSeconds.toDouble(clock.instant());
        if (j.inOperation()) {
            if (Math.abs((long) (date - now)) > 60) {
                log.debug("[{}] Journal entry dated {} treated as now", jailName, j.isoTime());
                return now;
            }
            return date;
        }
        Duration ft = counter.findTime();
        if (date < now - (ft.getSeconds() + ft.getNano() / 1e9)) {
            return Double.NaN;
        }
        return date;
    }

    private void addFailure(Failure f) {
        IpAddress ip = f.fid();
        if (ip == null) {
            return;
        }
        Instant now = clock.instant();
        Instant time = f.time() == null ? now : EpochSeconds.toInstant(f.time());
        if (time.isAfter(now)) {
            time = now;
        }
        log.debug("Processing line with time:{} and ip:{}", EpochSeconds.repr(time), ip);
        FailTicket ticket = new FailTicket(ip, time, List.of(), ticketData(f.data()));
        if (ignore.isIgnored(ip, ticket, true)) {
            return;
        }
        log.info("[{}] Found {} - {}", jailName, ip, TimeText.time2str(time, zone));
        countFailure(ticket, 1);
    }

    /**
     * Counts a failure: the observer's raise for a known bad id, the counter, and the ban when {@code maxretry}
     * is reached.
     *
     * @param ticket the failure (not counted yet)
     * @param count the retries it is worth
     */
    private void countFailure(FailTicket ticket, int count) {
        int maxRetry = counter.maxRetry();
        Optional<BanTimeCalculator.RetryIncrease> inc = increaser.failureFound(ticket, maxRetry);
        inc.ifPresent(r -> ticket.setBanCount(r.banCount()));
        int attempts = counter.addFailure(ticket, count, false);
        if (inc.isPresent() && inc.get().additionalRetries() > 0) {
            attempts = counter.addFailure(ticket, inc.get().additionalRetries(), true);
        }
        if (attempts >= maxRetry) {
            performBan(ticket.id());
        }
    }

    /** The ticket data of a failure: the matched lines as {@code [prefix, date, rest]} lists, collections copied. */
    private static Map<String, Object> ticketData(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>(data.size() * 2);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (e.getKey().equals(FailTicket.MATCHES) && v instanceof List<?> l) {
                List<Object> m = new ArrayList<>(l.size());
                for (Object o : l) {
                    m.add(o instanceof TupleLine t ? List.of(t.prefix(), t.dateText(), t.suffix()) : o);
                }
                v = m;
            } else if (v instanceof Set<?> s) {
                v = new LinkedHashSet<Object>(s);
            } else if (v instanceof Collection<?> c) {
                v = new ArrayList<Object>(c);
            } else if (v instanceof Map<?, ?> m) {
                v = new LinkedHashMap<Object, Object>(m);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /**
     * Upstream {@code performBan(ip)}: the ticket of {@code ip} (or, without one, of every id) that reached
     * {@code maxretry} goes to the ban queue; then the service step.
     *
     * @param ip the id, or {@code null} for all
     */
    void performBan(IpAddress ip) {
        while (true) {
            Optional<FailTicket> t = ip == null ? counter.toBan() : counter.toBan(ip);
            if (t.isEmpty()) {
                break;
            }
            queue.put(t.get());
            if (ip != null) {
                break;
            }
        }
        performSvc(false);
    }

    /** Upstream {@code performSvc}: forgets failures older than {@code findtime}, at most every 5 s. */
    void performSvc(boolean force) {
        Instant now = clock.instant();
        if (force || !now.isBefore(nextSvcTime)) {
            nextSvcTime = now.plus(SVC_INTERVAL);
            counter.cleanup(now);
        }
    }

    /**
     * Upstream {@code addAttempt(ip, *matches)} ({@code set <jail> attempt <ip> [<failure> ...]}): a failure of
     * {@code ip} now, worth one retry per matched line (at least one).
     *
     * @param ip the id
     * @param matches the failure texts
     * @return 1 if the failure was counted, 0 if the id is ignored
     */
    int addAttempt(IpAddress ip, List<String> matches) {
        Instant now = clock.instant();
        FailTicket ticket = new FailTicket(ip, now, matches);
        if (ignore.isIgnored(ip, ticket, true)) {
            return 0;
        }
        log.info("[{}] Attempt {} - {}", jailName, ip, TimeText.time2str(now, zone));
        lock.lock();
        try {
            countFailure(ticket, Math.max(1, matches.size()));
        } finally {
            lock.unlock();
        }
        return 1;
    }

    private void housekeeping(boolean force) {
        Instant now = clock.instant();
        performSvc(false);
        if (store.isPresent() && (force || (positionsDirty && !now.isBefore(nextDbUpdate)))) {
            writePositions();
            nextDbUpdate = now.plus(DB_UPDATE_INTERVAL);
        }
    }

    /** Upstream {@code _updateDBPending}: writes the read positions that changed. */
    private void writePositions() {
        positionsDirty = false;
        BanStore db = store.get();
        for (SourcePosition p : source.positions()) {
            if (p.equals(storedPositions.get(p.sourceId()))) {
                continue;
            }
            try {
                if (p instanceof FilePosition f) {
                    db.updateLog(jailName, f.sourceId(), f.offset(), f.firstLineHash());
                } else if (p instanceof JournalPosition j) {
                    db.updateJournal(jailName, j.sourceId(), EpochSeconds.toDouble(j.time()), j.isoTime());
                }
                storedPositions.put(p.sourceId(), p);
            } catch (RuntimeException e) {
                log.error("[{}] Failed to store the read position of {}: {}", jailName, p.sourceId(),
                        JailLog.text(e));
            }
        }
    }

    /** Writes the read positions now (if there is a database). */
    void flushPositions() {
        lock.lock();
        try {
            if (store.isPresent()) {
                writePositions();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Upstream {@code afterStop}: writes the read positions and closes the source. Idempotent.
     */
    void finish() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            if (store.isPresent()) {
                writePositions();
            }
        } finally {
            lock.unlock();
        }
        source.close();
    }

    // ------------------------------------------------------------------ Worker

    @Override
    String jailName() {
        return jailName;
    }

    @Override
    String kind() {
        return "filter";
    }

    @Override
    Duration sleepTime() {
        return sleepTime;
    }

    @Override
    void beforeLoop() {
        // the source was started by the jail
    }

    @Override
    void afterLoop() {
        finish();
    }

    @Override
    void wakeup() {
        source.wakeup();
    }
}
