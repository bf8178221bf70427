package org.fail2ban4j.source;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Port of {@code fail2ban/server/filtersystemd.py:FilterSystemd} (the reading side) on a {@code journalctl -o json}
 * subprocess instead of the libsystemd binding: selects journals ({@link JournalOptions}), filters with the
 * jail's {@code journalmatch} terms ({@code +} between groups means OR, as journalctl reads them), starts where
 * {@link JournalStart} says, and formats each entry with {@link JournalEntryFormat}. Backend name
 * {@code systemd}.
 *
 * <p>At start the journal's last matching entry is looked up ({@code journalctl -n 1}); entries up to that one
 * are old ({@link LogLine#inOperation()} false), later ones new, as upstream's start cursor. An entry dated at
 * most a second before now, or after the start, is new as well. When nothing matches at start (and for
 * {@link JournalStart#tail()}), the source is in operation at once and reads the entries dated from the start on
 * ({@code --since} the clock's now): as upstream seeks to now there, not to the tail, because libsystemd, after
 * a seek to the tail with matches that match nothing yet, skips some of the matching entries appended later in
 * one batch (seen with journalctl 252 {@code --lines=0 --follow}).
 *
 * <p>The subprocess is read by a daemon thread into a bounded queue; {@link #poll()} and {@link #await(Duration)}
 * take from it. When a following journalctl exits, it is started again after {@link #RESTART_DELAY} (of the
 * injected clock) from the last cursor delivered; changing the matches restarts it the same way.
 *
 * <p>Thread-safe.
 */
public final class JournalSource implements LogSource {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filtersystemd");
    private static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");

    /** How long to wait before starting journalctl again after it exited. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    /** How long the start-up look-up of the last entry may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** The fields formatting needs (journalctl adds the cursor and timestamps itself). */
    static final String OUTPUT_FIELDS = "_HOSTNAME,SYSLOG_IDENTIFIER,_COMM,SYSLOG_PID,_PID,MESSAGE,"
            + "_SOURCE_REALTIME_TIMESTAMP,_SOURCE_MONOTONIC_TIMESTAMP";
    /** A journal match term: {@code FIELD=value}, the field in upper case letters, digits and underscores. */
    private static final Pattern MATCH = Pattern.compile("(?!__)[A-Z0-9_]{1,64}=.*", Pattern.DOTALL);
    private static final Duration NOW_SLACK = Duration.ofSeconds(1);

    /** A queue item: an entry, or the end of a journalctl process, tagged with its generation. */
    private static final class Item {
        final int generation;
        final JournalLine line;
        final int exitCode;

        Item(int generation, JournalLine line, int exitCode) {
            this.generation = generation;
            this.line = line;
            this.exitCode = exitCode;
        }
    }

    private static final Item WAKE = new Item(-1, null, 0);

    private final SourceSettings settings;
    private final JournalOptions options;
    private final String journalctl;
    private final JournalEntryFormat format;
    private final BlockingQueue<Item> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final List<List<String>> matches = new ArrayList<>();

    private int generation;
    private Process process;
    private Thread reader;
    private Thread errors;
    private volatile String lastError = "";
    private boolean started;
    private boolean follow;
    private JournalStart start;
    private String startCursor;
    private Instant startedAt;
    private boolean inOperation;
    /** For an {@link JournalStart.Kind#AFTER_TIME} start: entries up to this time are dropped until one is later. */
    private Instant skipUntil;
    private JournalLine last;
    private Instant restartAt;
    private boolean finished;
    private boolean closed;
    private volatile boolean woken;

    /**
     * A journal source.
     *
     * @param settings jail name, encoding (for values that are not UTF-8), clock, zone and batching
     * @param options the journals to read
     * @param journalctl the journalctl program (a name looked up on {@code PATH}, or a path)
     */
    public JournalSource(SourceSettings settings, JournalOptions options, String journalctl) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.journalctl = Objects.requireNonNull(journalctl, "journalctl");
        this.format = new JournalEntryFormat(settings.encoding(),
                settings.zone().getRules().getOffset(settings.clock().instant()));
        this.queue = new ArrayBlockingQueue<>(Math.max(64, settings.maxBatch() * 2));
        LOG.debug("Created FilterSystemd");
    }

    /** Whether the journalctl program exists and is executable. */
    public static boolean isAvailable(String journalctl) {
        return findProgram(journalctl, System.getenv("PATH")) != null;
    }

    static Path findProgram(String name, String pathVariable) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        if (pathVariable == null) {
            return null;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String backend() {
        return "systemd";
    }

    /** The formatter this source uses (its ISO offset is fixed at creation). */
    public JournalEntryFormat entryFormat() {
        return format;
    }

    /**
     * Adds a group of match terms (upstream's {@code addJournalMatch}): terms in a group must all match; a
     * {@code +} term starts another group; groups are alternatives, also across calls.
     *
     * @param terms {@code FIELD=value} terms and {@code +}
     * @throws IllegalArgumentException for a term that is not {@code FIELD=value} with a valid field name
     */
    public void addJournalMatch(List<String> terms) {
        List<List<String>> groups = matchGroups(terms);
        lock.lock();
        try {
            for (List<String> g : groups) {
                matches.add(List.copyOf(g));
            }
            LOG.info("[{}] Added journal match for: '{}'", settings.jailName(), String.join(" ", terms));
            restartForMatches();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Splits journal match terms into groups at the {@code +} terms, checking each term.
     *
     * @param terms {@code FIELD=value} terms and {@code +}
     * @return the groups (the first may be empty when the terms start with {@code +})
     * @throws IllegalArgumentException for a term that is not {@code FIELD=value} with a valid field name
     */
    static List<List<String>> matchGroups(List<String> terms) {
        Objects.requireNonNull(terms, "terms");
        List<List<String>> groups = new ArrayList<>();
        groups.add(new ArrayList<>());
        for (String t : terms) {
            if (t.equals("+")) {
                groups.add(new ArrayList<>());
            } else if (MATCH.matcher(t).matches()) {
                groups.get(groups.size() - 1).add(t);
            } else {
                throw new IllegalArgumentException("Error adding journal match for: '" + String.join(" ", terms)
                        + "': invalid term '" + t + "' (expected FIELD=value, FIELD in A-Z, 0-9 and _)");
            }
        }
        return groups;
    }

    /**
     * Removes one group of match terms, or all of them (upstream's {@code delJournalMatch}).
     *
     * @param group the group's terms, or empty for all groups
     * @throws IllegalArgumentException when no such group was added
     */
    public void delJournalMatch(List<String> group) {
        Objects.requireNonNull(group, "group");
        lock.lock();
        try {
            if (group.isEmpty()) {
                if (matches.isEmpty()) {
                    return;
                }
                matches.clear();
            } else if (!matches.remove(group)) {
                throw new IllegalArgumentException("Match " + group + " not found");
            }
            LOG.info("[{}] Removed journal match for: '{}'", settings.jailName(),
                    group.isEmpty() ? "*" : String.join(" ", group));
            restartForMatches();
        } finally {
            lock.unlock();
        }
    }

    /** The match groups, in order. */
    public List<List<String>> journalMatches() {
        lock.lock();
        try {
            return List.copyOf(matches);
        } finally {
            lock.unlock();
        }
    }

    private void restartForMatches() {
        if (started && !closed && !finished) {
            stopProcess();
            launch(resumeArguments(), follow);
        }
    }

    /**
     * Starts reading.
     *
     * @param where where to start
     * @param followNew keep reading new entries ({@code --follow}); without it the source finishes at the end
     * @throws IOException when journalctl cannot be started or refuses the selection or matches
     */
    public void start(JournalStart where, boolean followNew) throws IOException {
        Objects.requireNonNull(where, "where");
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("journal source of jail " + settings.jailName()
                        + " is already started");
            }
            if (closed) {
                throw new IllegalStateException("journal source of jail " + settings.jailName() + " is closed");
            }
            started = true;
            follow = followNew;
            start = where;
            if (where.kind() == JournalStart.Kind.AFTER_TIME) {
                Instant t = where.time();
                long micros = Math.round(t.getNano() / 1000.0);
                skipUntil = Instant.ofEpochSecond(t.getEpochSecond()).plusNanos(micros * 1000);
            }
            startedAt = settings.clock().instant();
            if (matches.isEmpty()) {
                LOG.info(NOTICE, "[{}] Jail started without 'journalmatch' set. Jail regexs will be checked against "
                        + "all journal entries, which is not advised for performance reasons.", settings.jailName());
            }
            if (where.kind() == JournalStart.Kind.HEAD && !followNew) {
                launch(List.of(), false);
                return;
            }
            JournalLine lastEntry = where.kind() == JournalStart.Kind.TAIL ? null : probeLast();
            if (lastEntry == null) {
                inOperationMode();
                if (followNew) {
                    launch(fromStartTime(), true);
                } else {
                    finished = true;
                }
                return;
            }
            startCursor = lastEntry.cursor();
            inOperation = false;
            launch(List.of(where.arguments()), followNew);
        } finally {
            lock.unlock();
        }
    }

    private void inOperationMode() {
        inOperation = true;
        LOG.info("[{}] Jail is in operation now (process new journal entries)", settings.jailName());
    }

    /** The command line for the given start arguments. */
    List<String> command(List<String> startArguments, boolean followNew) {
        return command(journalctl, options, matches, startArguments, followNew);
    }

    /**
     * The journalctl command line: JSON output of the fields formatting needs, the selected journals, the start
     * arguments, {@code --follow} when following, then the match groups joined with {@code +}.
     */
    static List<String> command(String journalctl, JournalOptions options, List<List<String>> matchGroups,
            List<String> startArguments, boolean followNew) {
        List<String> cmd = new ArrayList<>();
        cmd.add(journalctl);
        cmd.add("--output=json");
        cmd.add("--all");
        cmd.add("--quiet");
        cmd.add("--no-pager");
        cmd.add("--output-fields=" + OUTPUT_FIELDS);
        cmd.addAll(options.selectionArguments());
        cmd.addAll(startArguments);
        if (followNew) {
            cmd.add("--follow");
        }
        boolean firstGroup = true;
        for (List<String> g : matchGroups) {
            if (g.isEmpty()) {
                continue;
            }
            if (!firstGroup) {
                cmd.add("+");
            }
            cmd.addAll(g);
            firstGroup = false;
        }
        return cmd;
    }

    /** A process builder for journalctl: no colours, no pager, no input. */
    static ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SYSTEMD_COLORS", "0");
        pb.environment().put("SYSTEMD_PAGER", "");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb;
    }

    private ProcessBuilder builder(List<String> cmd) {
        return processBuilder(cmd);
    }

    /** The last matching entry now, or {@code null} when there is none. */
    private JournalLine probeLast() throws IOException {
        List<String> cmd = command(List.of("--lines=1"), false);
        Process p = builder(cmd).redirectErrorStream(true).start();
        String json = null;
        StringBuilder errorText = new StringBuilder();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith("{")) {
                    json = l;
                } else if (!l.isBlank()) {
                    errorText.append(errorText.length() == 0 ? "" : "; ").append(l.strip());
                }
            }
        }
        int code;
        try {
            if (!p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("journalctl did not answer within " + PROBE_TIMEOUT.toSeconds() + " s: "
                        + String.join(" ", cmd));
            }
            code = p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for journalctl", e);
        }
        if (code != 0) {
            throw new IOException("journalctl failed (exit status " + code + "): " + errorText + " ("
                    + String.join(" ", cmd) + ")");
        }
        if (json == null) {
            return null;
        }
        return format.format(JSON.std.mapFrom(json));
    }

    private void launch(List<String> startArguments, boolean followNew) {
        List<String> cmd = command(startArguments, followNew);
        int gen = ++generation;
        Process p;
        try {
            p = builder(cmd).start();
        } catch (IOException e) {
            LOG.error("[{}] Cannot start journalctl: {}", settings.jailName(), e.getMessage());
            if (followNew) {
                restartAt = settings.clock().instant().plus(RESTART_DELAY);
            } else {
                finished = true;
            }
            return;
        }
        LOG.debug("[{}] Started {}", settings.jailName(), cmd);
        process = p;
        restartAt = null;
        lastError = "";
        reader = new Thread(() -> readEntries(p, gen), "f2b/j." + settings.jailName());
        reader.setDaemon(true);
        reader.start();
        errors = new Thread(() -> readErrors(p), "f2b/j." + settings.jailName() + ".err");
        errors.setDaemon(true);
        errors.start();
    }

    private void readEntries(Process p, int gen) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String l;
            while ((l = r.readLine()) != null) {
                if (!l.startsWith("{")) {
                    continue;
                }
                JournalLine line;
                try {
                    line = format.format(JSON.std.mapFrom(l));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Error reading line from systemd journal: {}", e.toString());
                    continue;
                }
                queue.put(new Item(gen, line, 0));
            }
            int code = p.waitFor();
            queue.put(new Item(gen, null, code));
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("[{}] journalctl output ended: {}", settings.jailName(), e.toString());
            }
            try {
                queue.put(new Item(gen, null, -1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readErrors(Process p) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (!l.isBlank()) {
                    lastError = l.strip();
                    LOG.warn("[{}] journalctl: {}", settings.jailName(), lastError);
                }
            }
        } catch (IOException e) {
            LOG.debug("[{}] journalctl error output ended: {}", settings.jailName(), e.toString());
        }
    }

    private List<String> resumeArguments() {
        if (last != null) {
            return List.of("--after-cursor=" + last.cursor());
        }
        if (start.kind() == JournalStart.Kind.HEAD) {
            return List.of();
        }
        if (start.kind() == JournalStart.Kind.TAIL || startCursor == null) {
            return fromStartTime();
        }
        return List.of(start.arguments());
    }

    /**
     * The start arguments for following new entries only: from the start time ({@code --since}), not from the
     * tail ({@code --lines=0}), which can lose entries of the first matching batch (see the class comment).
     */
    private List<String> fromStartTime() {
        return List.of(JournalStart.since(startedAt).arguments());
    }

    private void stopProcess() {
        generation++;
        Process p = process;
        process = null;
        if (p != null) {
            p.destroyForcibly();
        }
        if (reader != null) {
            reader.interrupt();
            reader = null;
        }
        errors = null;
    }

    @Override
    public List<LogLine> poll() {
        lock.lock();
        try {
            List<LogLine> out = new ArrayList<>();
            drainLocked(out, null);
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void drainLocked(List<LogLine> out, Item first) {
        if (closed) {
            return;
        }
        if (process == null && restartAt != null && follow && !finished
                && !settings.clock().instant().isBefore(restartAt)) {
            LOG.info(FileTail.MSG, "[{}] Starting journalctl again", settings.jailName());
            launch(resumeArguments(), true);
        }
        if (first != null && take(first, out)) {
            return;
        }
        int max = settings.maxBatch();
        Item item;
        while (out.size() < max && (item = queue.poll()) != null) {
            if (take(item, out)) {
                return;
            }
        }
    }

    /** Handles one item; returns true when the process ended. */
    private boolean take(Item item, List<LogLine> out) {
        if (item == WAKE || item.generation != generation) {
            return false;
        }
        if (item.line == null) {
            ended(item.exitCode);
            return true;
        }
        JournalLine line = item.line;
        boolean lineInOp = inOperation;
        if (!inOperation) {
            Instant now = settings.clock().instant();
            if (!line.time().isBefore(now.minus(NOW_SLACK)) || line.time().isAfter(startedAt)) {
                inOperationMode();
                lineInOp = true;
            } else if (line.cursor().equals(startCursor)) {
                inOperationMode();
            }
        }
        if (skipUntil != null) {
            if (last == null && !line.time().isAfter(skipUntil)) {
                return false;
            }
            skipUntil = null;
        }
        if (lineInOp) {
            line = new JournalLine(line.text(), line.isoTime(), line.time(), line.cursor(), true);
        }
        last = line;
        out.add(line);
        return false;
    }

    private void ended(int exitCode) {
        process = null;
        reader = null;
        if (!follow) {
            finished = true;
            if (exitCode != 0) {
                LOG.error("[{}] journalctl failed (exit status {}): {}", settings.jailName(), exitCode, lastError);
            }
            if (!inOperation) {
                inOperationMode();
            }
            return;
        }
        if (!closed) {
            LOG.error("[{}] journalctl exited (exit status {}): {}; starting it again in {} s", settings.jailName(),
                    exitCode, lastError, RESTART_DELAY.toSeconds());
            restartAt = settings.clock().instant().plus(RESTART_DELAY);
        }
    }

    @Override
    public List<LogLine> await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            List<LogLine> out = poll();
            if (!out.isEmpty() || isDone()) {
                return out;
            }
            if (woken) {
                woken = false;
                return out;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            boolean waiting;
            lock.lock();
            try {
                waiting = process == null;
                if (waiting) {
                    long until = left;
                    if (restartAt != null) {
                        long toRestart = Duration.between(settings.clock().instant(), restartAt).toNanos();
                        until = Math.max(1, Math.min(left, toRestart));
                    }
                    idle.awaitNanos(until);
                }
            } finally {
                lock.unlock();
            }
            if (waiting) {
                continue;
            }
            Item item = queue.poll(left, TimeUnit.NANOSECONDS);
            if (item != null && item != WAKE) {
                lock.lock();
                try {
                    out = new ArrayList<>();
                    drainLocked(out, item);
                } finally {
                    lock.unlock();
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
    }

    private boolean isDone() {
        lock.lock();
        try {
            return closed || finished && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a source started without following has delivered everything (its journalctl has exited and every
     * entry was taken).
     */
    public boolean finished() {
        lock.lock();
        try {
            return finished && process == null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the source has caught up with the journal (upstream's {@code inOperation}). */
    public boolean inOperation() {
        lock.lock();
        try {
            return inOperation;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        woken = true;
        queue.offer(WAKE);
        lock.lock();
        try {
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SourcePosition> positions() {
        lock.lock();
        try {
            if (last == null) {
                return List.of();
            }
            return Collections.singletonList(new JournalPosition(last.time(), last.isoTime(), last.cursor()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopProcess();
            queue.clear();
            queue.offer(WAKE);
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
