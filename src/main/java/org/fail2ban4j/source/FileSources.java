package org.fail2ban4j.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/filter.py:FileFilter} (the reading side): the set of followed files, the
 * batching of their lines and the waiting; the backends decide which files changed.
 *
 * <p>Thread-safe: every method takes one lock; a thread waiting in {@link #await(Duration)} does not hold it.
 */
abstract class FileSources implements FileLogSource {

    static final Logger LOG = LoggerFactory.getLogger("fail2ban.filter");

    final SourceSettings settings;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, FileTail> tails = new LinkedHashMap<>();
    /** Files to read on the next poll, in order. */
    private final Set<String> dirty = new LinkedHashSet<>();
    private LogEncoding encoding;
    private volatile boolean woken;
    private boolean closed;

    FileSources(SourceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.encoding = settings.encoding();
    }

    /** Backend hook: a file is now followed (called with the lock held). */
    abstract void added(FileTail tail) throws IOException;

    /** Backend hook: a file is no longer followed (called with the lock held). */
    abstract void removed(FileTail tail);

    /** Backend hook: find the changed files and {@link #markDirty} them (called with the lock held). */
    abstract void detect(Collection<FileTail> followed, Instant now);

    /**
     * Backend hook: wait for a change for at most {@code nanos} (called with the lock held; may release it while
     * waiting, must hold it again on return).
     */
    abstract void waitForChange(long nanos) throws InterruptedException;

    /** Backend hook: release backend resources (called with the lock held). */
    abstract void closeBackend();

    /** Marks a followed file as due for reading. */
    final void markDirty(String sourceId) {
        if (tails.containsKey(sourceId)) {
            dirty.add(sourceId);
        }
    }

    /** Waits on the source's condition (for backends that have nothing better to block on). */
    final void awaitSignal(long nanos) throws InterruptedException {
        changed.awaitNanos(nanos);
    }

    final FileTail tail(String sourceId) {
        return tails.get(sourceId);
    }

    @Override
    public boolean addLogPath(Path path, boolean tail, Optional<FilePosition> stored) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(stored, "stored");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("log source of jail " + settings.jailName() + " is closed");
            }
            String id = path.toString();
            if (tails.containsKey(id)) {
                return false;
            }
            FileTail t = FileTail.openOrAwait(path, id, encoding, tail, settings.clock());
            if (!tail && stored.isPresent()) {
                t.resume(stored.get());
            }
            tails.put(id, t);
            LOG.info("Added logfile: {} (pos = {}, hash = {})", pyRepr(id), t.position(), t.firstLineHash());
            added(t);
            dirty.add(id);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delLogPath(Path path) {
        lock.lock();
        try {
            String id = path.toString();
            FileTail t = tails.remove(id);
            if (t == null) {
                return false;
            }
            dirty.remove(id);
            LOG.info("Removed logfile: {}", pyRepr(id));
            removed(t);
            closeQuietly(t);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Path> logPaths() {
        lock.lock();
        try {
            List<Path> out = new ArrayList<>(tails.size());
            for (FileTail t : tails.values()) {
                out.add(t.path());
            }
            return Collections.unmodifiableList(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean containsLogPath(Path path) {
        lock.lock();
        try {
            return tails.containsKey(path.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setLogEncoding(LogEncoding enc) {
        Objects.requireNonNull(enc, "encoding");
        lock.lock();
        try {
            encoding = enc;
            for (FileTail t : tails.values()) {
                t.setEncoding(enc);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean seekToTime(Path path, Instant time, LineDater dater) throws IOException {
        lock.lock();
        try {
            FileTail t = tails.get(path.toString());
            if (t == null) {
                return false;
            }
            t.seekToTime(time, dater);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<FilePosition> position(Path path) {
        lock.lock();
        try {
            FileTail t = tails.get(path.toString());
            return t == null ? Optional.empty() : Optional.of(t.filePosition());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SourcePosition> positions() {
        lock.lock();
        try {
            List<SourcePosition> out = new ArrayList<>(tails.size());
            for (FileTail t : tails.values()) {
                out.add(t.filePosition());
            }
            return Collections.unmodifiableList(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<LogLine> poll() {
        lock.lock();
        try {
            return pollLocked();
        } finally {
            lock.unlock();
        }
    }

    private List<LogLine> pollLocked() {
        if (closed) {
            return List.of();
        }
        Instant now = settings.clock().instant();
        detect(tails.values(), now);
        for (FileTail t : tails.values()) {
            if (t.needsRead()) {
                dirty.add(t.sourceId());
            }
        }
        if (dirty.isEmpty()) {
            return List.of();
        }
        int max = settings.maxBatch();
        List<LogLine> lines = new ArrayList<>(Math.min(max, 64));
        List<String> again = new ArrayList<>();
        Iterator<String> it = dirty.iterator();
        while (it.hasNext() && lines.size() < max) {
            String id = it.next();
            it.remove();
            FileTail t = tails.get(id);
            try {
                t.read(lines::add, max - lines.size());
            } catch (NoSuchFileException e) {
                LOG.debug("Log absence detected (possibly rotation) for {}", id);
            } catch (AccessDeniedException e) {
                LOG.error("Unable to open {}", id);
            } catch (IOException e) {
                LOG.error("Unable to open {}", id, e);
            }
            if (t.needsRead()) {
                again.add(id);
            }
        }
        dirty.addAll(again);
        return lines;
    }

    @Override
    public List<LogLine> await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        lock.lockInterruptibly();
        try {
            while (true) {
                List<LogLine> lines = pollLocked();
                if (!lines.isEmpty() || closed) {
                    return lines;
                }
                if (woken) {
                    woken = false;
                    return lines;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return lines;
                }
                waitForChange(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        woken = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #wakeup()} was called and not yet consumed by a wait. */
    final boolean isWoken() {
        return woken;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (FileTail t : tails.values()) {
                closeQuietly(t);
            }
            closeBackend();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    final boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(FileTail t) {
        try {
            t.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", t.sourceId(), e.toString());
        }
    }

    /** Python's {@code repr()} of a str, as upstream's {@code %r} writes paths. */
    static String pyRepr(String s) {
        boolean single = s.indexOf('\'') >= 0;
        boolean dbl = s.indexOf('"') >= 0;
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }

    /** Nanoseconds to wait, at most {@code cap}. */
    static long capped(long nanos, Duration cap) {
        return Math.min(nanos, TimeUnit.NANOSECONDS.convert(cap));
    }
}
