package org.fail2ban4j.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/filterpyinotify.py:FilterPyinotify} on the JDK's {@link WatchService} (inotify
 * on Linux): watches the directory of every followed file (and of a symlink's target) for creation, deletion and
 * modification, and reads the files events name. Backend name {@code pyinotify}, so existing configurations keep
 * working.
 *
 * <p>A watched directory that disappears, or that does not exist yet, is looked for again with upstream's
 * back-off (0.2 s doubling up to 60 s, on the injected clock); when it appears its files are read.
 */
public final class WatchServiceFileSource extends FileSources {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filterpyinotify");

    /** Upstream's first retry delay for an absent directory ({@code Utils.DEFAULT_SLEEP_INTERVAL}). */
    static final Duration PENDING_FIRST = Duration.ofMillis(200);
    /** Upstream's longest retry delay for an absent directory. */
    static final Duration PENDING_MAX = Duration.ofSeconds(60);
    /** Longest single blocking wait, so that {@link #wakeup()} is seen promptly. */
    private static final Duration SLICE = Duration.ofMillis(250);

    /** An absent directory: when to look again, and the current delay. */
    private static final class Pending {
        Instant next;
        Duration delay;

        Pending(Instant next, Duration delay) {
            this.next = next;
            this.delay = delay;
        }
    }

    private final WatchService watcher;
    private final Map<Path, WatchKey> dirKeys = new HashMap<>();
    private final Map<WatchKey, Path> keyDirs = new HashMap<>();
    /** Watched file path (absolute, normalised) to the ids of followed files it stands for. */
    private final Map<Path, Set<String>> watchedFiles = new HashMap<>();
    /** Followed file id to the watched paths it registered (the path, and a symlink's target). */
    private final Map<String, List<Path>> targets = new HashMap<>();
    private final Map<Path, Pending> pendingDirs = new HashMap<>();

    /**
     * A watching source.
     *
     * @param settings jail name, encoding, clock and batching
     * @throws IOException when the JDK cannot create a watch service (e.g. the inotify instance limit)
     */
    public WatchServiceFileSource(SourceSettings settings) throws IOException {
        super(settings);
        this.watcher = FileSystems.getDefault().newWatchService();
        LOG.debug("Created FilterPyinotify");
    }

    /**
     * Whether the JDK has an event-based watch service here (inotify on Linux); the JDK's polling fallback does
     * not count.
     */
    public static boolean isAvailable() {
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            return !ws.getClass().getName().contains("Polling");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String backend() {
        return "pyinotify";
    }

    @Override
    void added(FileTail tail) {
        Path p = tail.path().toAbsolutePath().normalize();
        List<Path> ts = new ArrayList<>(2);
        ts.add(p);
        if (Files.isSymbolicLink(p)) {
            try {
                Path real = p.toRealPath();
                if (!real.equals(p)) {
                    ts.add(real);
                }
            } catch (IOException e) {
                LOG.debug("Cannot resolve the link {}: {}", p, e.toString());
            }
        }
        targets.put(tail.sourceId(), ts);
        Instant now = settings.clock().instant();
        for (Path t : ts) {
            watchedFiles.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(tail.sourceId());
            Path dir = t.getParent();
            if (dir != null) {
                watchDir(dir, now);
            }
        }
    }

    @Override
    void removed(FileTail tail) {
        List<Path> ts = targets.remove(tail.sourceId());
        if (ts == null) {
            return;
        }
        Set<Path> dirs = new HashSet<>();
        for (Path t : ts) {
            Set<String> ids = watchedFiles.get(t);
            if (ids != null) {
                ids.remove(tail.sourceId());
                if (ids.isEmpty()) {
                    watchedFiles.remove(t);
                }
            }
            if (t.getParent() != null) {
                dirs.add(t.getParent());
            }
        }
        for (Path dir : dirs) {
            if (watchedFiles.keySet().stream().noneMatch(f -> dir.equals(f.getParent()))) {
                pendingDirs.remove(dir);
                WatchKey key = dirKeys.remove(dir);
                if (key != null) {
                    keyDirs.remove(key);
                    key.cancel();
                    LOG.debug("Removed monitor for the parent directory {}", dir);
                }
            }
        }
    }

    private void watchDir(Path dir, Instant now) {
        if (dirKeys.containsKey(dir)) {
            return;
        }
        try {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            dirKeys.put(dir, key);
            keyDirs.put(key, dir);
            pendingDirs.remove(dir);
            LOG.debug("Added monitor for the parent directory {}", dir);
        } catch (NoSuchFileException | NotDirectoryException e) {
            pendingDirs.computeIfAbsent(dir, d -> new Pending(now.plus(PENDING_FIRST), PENDING_FIRST));
        } catch (IOException e) {
            LOG.error("Unable to watch the directory {}: {}", dir, e.toString());
            pendingDirs.computeIfAbsent(dir, d -> new Pending(now.plus(PENDING_FIRST), PENDING_FIRST));
        }
    }

    @Override
    void detect(Collection<FileTail> followed, Instant now) {
        if (isClosed()) {
            return;
        }
        try {
            WatchKey key;
            while ((key = watcher.poll()) != null) {
                process(key, now);
            }
        } catch (ClosedWatchServiceException e) {
            return;
        }
        checkPending(now);
    }

    private void process(WatchKey key, Instant now) {
        Path dir = keyDirs.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        if (dir == null) {
            return;
        }
        for (WatchEvent<?> ev : events) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                markDir(dir);
                continue;
            }
            Path full = dir.resolve((Path) ev.context());
            Set<String> ids = watchedFiles.get(full);
            if (ids != null) {
                for (String id : ids) {
                    markDirty(id);
                }
            }
        }
        if (!key.reset()) {
            dirKeys.remove(dir);
            keyDirs.remove(key);
            pendingDirs.put(dir, new Pending(now.plus(PENDING_FIRST), PENDING_FIRST));
            LOG.info(FileTail.MSG, "Log absence detected (possibly rotation) for {}, reason: IN_IGNORED of {}", dir,
                    dir);
            markDir(dir);
        }
    }

    private void markDir(Path dir) {
        for (Map.Entry<Path, Set<String>> e : watchedFiles.entrySet()) {
            if (dir.equals(e.getKey().getParent())) {
                for (String id : e.getValue()) {
                    markDirty(id);
                }
            }
        }
    }

    /** Upstream's {@code _checkPending} for directories. */
    private void checkPending(Instant now) {
        if (pendingDirs.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<Path, Pending>> it = pendingDirs.entrySet().iterator();
        List<Path> found = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Path, Pending> e = it.next();
            Pending p = e.getValue();
            if (now.isBefore(p.next)) {
                continue;
            }
            if (Files.isDirectory(e.getKey())) {
                found.add(e.getKey());
                it.remove();
            } else {
                Duration d = p.delay.multipliedBy(2);
                p.delay = d.compareTo(PENDING_MAX) > 0 ? PENDING_MAX : d;
                p.next = now.plus(p.delay);
            }
        }
        for (Path dir : found) {
            LOG.info(FileTail.MSG, "Log presence detected for directory {}", dir);
            watchDir(dir, now);
            markDir(dir);
        }
    }

    /** The absent directories being looked for (for status and tests). */
    List<Path> pendingDirectories() {
        lock.lock();
        try {
            return List.copyOf(pendingDirs.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    void waitForChange(long nanos) throws InterruptedException {
        long wait = capped(nanos, SLICE);
        if (!pendingDirs.isEmpty()) {
            wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(PENDING_FIRST.toMillis()));
        }
        WatchKey key;
        lock.unlock();
        try {
            key = watcher.poll(wait, TimeUnit.NANOSECONDS);
        } catch (ClosedWatchServiceException e) {
            key = null;
        } finally {
            lock.lock();
        }
        if (key != null && !isClosed()) {
            process(key, settings.clock().instant());
        }
    }

    @Override
    void closeBackend() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service failed: {}", e.toString());
        }
        dirKeys.clear();
        keyDirs.clear();
        pendingDirs.clear();
    }
}
