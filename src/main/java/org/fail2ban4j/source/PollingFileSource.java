package org.fail2ban4j.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/filterpoll.py:FilterPoll}: finds changed files by comparing their modification
 * time, identity ({@code dev}/{@code ino}) and size with the previous look ({@code isModified}), then reads them.
 * Backend name {@code polling}.
 *
 * <p>Unlike upstream, a file that stays absent is not dropped after 50 failed looks: it is followed until it is
 * removed, and read from its start when it appears.
 */
public final class PollingFileSource extends FileSources {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filterpoll");

    /** The file's stats at the last look, or {@link #ABSENT}. */
    private record Stats(FileTime mtime, Object key, long size) {
    }

    private static final Stats ABSENT = new Stats(FileTime.fromMillis(0), "absent", -1);

    private final Map<String, Stats> previous = new HashMap<>();
    private final Map<String, Integer> absentCount = new HashMap<>();

    /**
     * A polling source.
     *
     * @param settings jail name, encoding, clock and batching
     */
    public PollingFileSource(SourceSettings settings) {
        super(settings);
        LOG.debug("Created FilterPoll");
    }

    @Override
    public String backend() {
        return "polling";
    }

    @Override
    void added(FileTail tail) {
        previous.remove(tail.sourceId());
        absentCount.put(tail.sourceId(), 0);
    }

    @Override
    void removed(FileTail tail) {
        previous.remove(tail.sourceId());
        absentCount.remove(tail.sourceId());
    }

    @Override
    void detect(Collection<FileTail> followed, Instant now) {
        for (FileTail t : followed) {
            if (isModified(t)) {
                markDirty(t.sourceId());
            }
        }
    }

    /** Upstream's {@code isModified}: whether the stats differ from the previous look. */
    private boolean isModified(FileTail t) {
        String id = t.sourceId();
        Stats now;
        try {
            BasicFileAttributes a = Files.readAttributes(t.path(), BasicFileAttributes.class);
            now = new Stats(a.lastModifiedTime(), a.fileKey(), a.size());
            absentCount.put(id, 0);
        } catch (NoSuchFileException e) {
            int n = absentCount.merge(id, 1, Integer::sum);
            if (n <= 2) {
                LOG.debug("Log absence detected (possibly rotation) for {}, reason: {}", id, e.toString());
            }
            now = ABSENT;
        } catch (IOException e) {
            int n = absentCount.merge(id, 1, Integer::sum);
            if (n <= 2) {
                LOG.error("Unable to get stat on {} because of: {}", id, e.toString());
            }
            return false;
        }
        Stats before = previous.put(id, now);
        if (Objects.equals(before, now)) {
            return false;
        }
        LOG.debug("{} has been modified", id);
        return true;
    }

    @Override
    void waitForChange(long nanos) throws InterruptedException {
        awaitSignal(capped(nanos, settings.pollInterval()));
    }

    @Override
    void closeBackend() {
        previous.clear();
        absentCount.clear();
    }
}
