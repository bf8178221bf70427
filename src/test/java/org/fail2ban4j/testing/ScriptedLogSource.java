package org.fail2ban4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.fail2ban4j.source.FileLine;
import org.fail2ban4j.source.FileLogSource;
import org.fail2ban4j.source.FilePosition;
import org.fail2ban4j.source.JournalLine;
import org.fail2ban4j.source.LineDater;
import org.fail2ban4j.source.LogEncoding;
import org.fail2ban4j.source.LogLine;
import org.fail2ban4j.source.LogSource;
import org.fail2ban4j.source.LogSourceFactories;
import org.fail2ban4j.source.LogSourceFactory;
import org.fail2ban4j.source.SourcePosition;
import org.fail2ban4j.source.SourceSettings;

/**
 * Test fake of the {@link LogSource} port (as a {@link FileLogSource}): lines are scripted with {@link #append}
 * and delivered in that order by {@link #poll()} and {@link #await(Duration)}; nothing touches the disk. Offsets
 * advance by the UTF-8 length of each line plus one; positions carry the first-line hash {@value #HASH}.
 *
 * <p>Lines of a path that is not followed are kept until it is. {@link #factories()} makes backend factories in
 * which {@code polling} (and {@code auto}) creates this source.
 */
public final class ScriptedLogSource implements FileLogSource {

    /** The first-line hash of every scripted file. */
    public static final String HASH = "scripted";

    /** One recorded {@link #seekToTime} call. */
    public record Seek(Path path, Instant time) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final Map<String, Long> delivered = new LinkedHashMap<>();
    private final ArrayDeque<LogLine> pending = new ArrayDeque<>();
    private int cursor;
    private final List<Seek> seeks = new ArrayList<>();
    private final String backend;
    private boolean inOperation = true;
    private boolean woken;
    private boolean closed;
    private LogEncoding encoding = LogEncoding.UTF_8;
    private SourceSettings settings;

    /** A source that reports backend {@code polling}. */
    public ScriptedLogSource() {
        this("polling");
    }

    /** A source that reports the given backend name. */
    public ScriptedLogSource(String backend) {
        this.backend = backend;
    }

    /** Backend factories whose {@code polling} backend is this source (the others are not available). */
    public LogSourceFactories factories() {
        return new LogSourceFactories(List.of(unavailable("pyinotify"), new LogSourceFactory() {
            @Override
            public String name() {
                return "polling";
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public Set<String> optionNames() {
                return Set.of();
            }

            @Override
            public LogSource create(SourceSettings s, Map<String, String> options) {
                settings = s;
                return ScriptedLogSource.this;
            }
        }, unavailable("systemd")));
    }

    private static LogSourceFactory unavailable(String name) {
        return new LogSourceFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isAvailable() {
                return false;
            }

            @Override
            public Set<String> optionNames() {
                return Set.of();
            }

            @Override
            public LogSource create(SourceSettings s, Map<String, String> options) throws IOException {
                throw new IOException(name + " is not available in tests");
            }
        };
    }

    /** The settings the jail created this source with (null if created directly). */
    public SourceSettings settings() {
        lock.lock();
        try {
            return settings;
        } finally {
            lock.unlock();
        }
    }

    /** Whether lines appended from now on count as new ({@link LogLine#inOperation()}); default true. */
    public ScriptedLogSource inOperation(boolean value) {
        lock.lock();
        try {
            inOperation = value;
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** Appends lines to a file (followed or not). */
    public ScriptedLogSource append(String path, String... lines) {
        lock.lock();
        try {
            long off = offsets.getOrDefault(path, 0L);
            for (String l : lines) {
                off += l.getBytes(StandardCharsets.UTF_8).length + 1;
                pending.add(new FileLine(l, path, off, inOperation));
            }
            offsets.put(path, off);
            changed.signalAll();
            return this;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a journal entry (delivered whatever paths are followed), with a made-up cursor.
     *
     * @param text the formatted entry
     * @param isoTime the entry time as upstream's ISO text
     * @param time the entry time
     * @param newEntry whether it counts as new ({@link LogLine#inOperation()})
     */
    public ScriptedLogSource appendEntry(String text, String isoTime, Instant time, boolean newEntry) {
        lock.lock();
        try {
            pending.add(new JournalLine(text, isoTime, time, "s=" + (++cursor), newEntry));
            changed.signalAll();
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The lines not delivered yet. */
    public int pendingLines() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** The recorded seeks. */
    public List<Seek> seeks() {
        lock.lock();
        try {
            return List.copyOf(seeks);
        } finally {
            lock.unlock();
        }
    }

    /** The encoding last set. */
    public LogEncoding encoding() {
        lock.lock();
        try {
            return encoding;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public List<LogLine> poll() {
        lock.lock();
        try {
            return take();
        } finally {
            lock.unlock();
        }
    }

    private List<LogLine> take() {
        List<LogLine> out = new ArrayList<>();
        if (closed) {
            return out;
        }
        List<LogLine> keep = new ArrayList<>();
        while (!pending.isEmpty()) {
            LogLine next = pending.pollFirst();
            if (next instanceof JournalLine) {
                out.add(next);
                continue;
            }
            FileLine l = (FileLine) next;
            Long at = delivered.get(l.sourceId());
            if (at == null) {
                keep.add(l);
            } else if (l.endOffset() > at) {
                delivered.put(l.sourceId(), l.endOffset());
                out.add(l);
            }
        }
        pending.addAll(keep);
        return out;
    }

    @Override
    public List<LogLine> await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            List<LogLine> out = take();
            while (out.isEmpty() && !woken && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
                out = take();
            }
            woken = false;
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SourcePosition> positions() {
        lock.lock();
        try {
            List<SourcePosition> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : delivered.entrySet()) {
                out.add(new FilePosition(e.getKey(), HASH, e.getValue()));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean addLogPath(Path path, boolean tail, Optional<FilePosition> stored) {
        lock.lock();
        try {
            String id = path.toString();
            if (delivered.containsKey(id)) {
                return false;
            }
            long start = 0;
            if (tail) {
                start = offsets.getOrDefault(id, 0L);
            } else if (stored.isPresent() && stored.get().firstLineHash().equals(HASH)) {
                start = stored.get().offset();
            }
            delivered.put(id, start);
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
            return delivered.remove(path.toString()) != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Path> logPaths() {
        lock.lock();
        try {
            List<Path> out = new ArrayList<>();
            for (String s : delivered.keySet()) {
                out.add(Path.of(s));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean containsLogPath(Path path) {
        lock.lock();
        try {
            return delivered.containsKey(path.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setLogEncoding(LogEncoding enc) {
        lock.lock();
        try {
            encoding = enc;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean seekToTime(Path path, Instant time, LineDater dater) {
        lock.lock();
        try {
            seeks.add(new Seek(path, time));
            return delivered.containsKey(path.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<FilePosition> position(Path path) {
        lock.lock();
        try {
            Long at = delivered.get(path.toString());
            return at == null ? Optional.empty() : Optional.of(new FilePosition(path.toString(), HASH, at));
        } finally {
            lock.unlock();
        }
    }
}
