package org.fail2ban4j.net;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Port of {@code fail2ban/server/utils.py:Utils.Cache}: a map with a time-to-live and a maximum size.
 *
 * <p>Entries expire {@code maxTime} after they were set; an expired entry is dropped when read. When a new entry
 * would exceed {@code maxCount}, the oldest entries are evicted first-in-first-out: all expired ones at the head
 * and the first one still alive (exactly upstream's policy). Re-setting a key keeps its position.
 *
 * <p>Time comes from the injected {@link InstantSource}. Thread-safe (internally locked).
 *
 * @param <K> key type
 * @param <V> value type; values are never null
 */
public final class ExpiringCache<K, V> {

    private static final class Entry<V> {
        final V value;
        final Instant expires;

        Entry(V value, Instant expires) {
            this.value = value;
            this.expires = expires;
        }
    }

    private final InstantSource clock;
    private final int maxCount;
    private final Duration maxTime;
    private final LinkedHashMap<K, Entry<V>> map = new LinkedHashMap<>();

    /**
     * @param maxCount at least 1
     * @param maxTime positive time to live
     */
    public ExpiringCache(int maxCount, Duration maxTime, InstantSource clock) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("cache maxCount must be at least 1, not " + maxCount);
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("cache maxTime must be positive, not " + maxTime);
        }
        this.maxCount = maxCount;
        this.maxTime = maxTime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The live value of {@code key}; an expired entry is removed. */
    public synchronized Optional<V> get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expires.isAfter(clock.instant())) {
            return Optional.of(e.value);
        }
        map.remove(key);
        return Optional.empty();
    }

    /** Store {@code value} for {@code key} with a fresh time to live, evicting as upstream does when full. */
    public synchronized void set(K key, V value) {
        Objects.requireNonNull(value, "value");
        Instant now = clock.instant();
        if (map.size() >= maxCount) {
            Iterator<Map.Entry<K, Entry<V>>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Entry<V> oldest = it.next().getValue();
                it.remove();
                if (oldest.expires.isAfter(now) && map.size() < maxCount) {
                    break;
                }
            }
        }
        map.put(key, new Entry<>(value, now.plus(maxTime)));
    }

    /** Remove {@code key} if present. */
    public synchronized void unset(K key) {
        map.remove(key);
    }

    /** Remove every entry. */
    public synchronized void clear() {
        map.clear();
    }

    /** Number of stored entries (expired ones included until read or evicted). */
    public synchronized int size() {
        return map.size();
    }

    /** The maximum number of entries. */
    public int maxCount() {
        return maxCount;
    }

    /** The time to live of an entry. */
    public Duration maxTime() {
        return maxTime;
    }
}
