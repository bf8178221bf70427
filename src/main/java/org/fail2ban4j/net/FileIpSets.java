package org.fail2ban4j.net;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Port of {@code fail2ban/server/ipdns.py:DNSUtils.getIPsFromFile} and its {@code CACHE_fileToIp}: hands out one
 * {@link FileIpSet} per file name, shared by all jails that list it, kept {@value #MAX_COUNT} entries / 5 minutes.
 *
 * <p>Thread-safe. One instance is shared by all jails (created in the composition root).
 */
public final class FileIpSets {

    /** Upstream's cache size ({@code maxCount=100}). */
    public static final int MAX_COUNT = 100;
    /** Upstream's cache time to live ({@code maxTime=5*60}). */
    public static final Duration MAX_TIME = Duration.ofMinutes(5);

    private final InstantSource clock;
    private final DnsResolver resolver;
    private final ExpiringCache<String, FileIpSet> cache;

    /** Sets whose change checks use {@code clock} and whose names resolve through {@code resolver}. */
    public FileIpSets(InstantSource clock, DnsResolver resolver) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.cache = new ExpiringCache<>(MAX_COUNT, MAX_TIME, clock);
    }

    /** The set for {@code fileName}: the cached one, or a new one (loaded on first use). */
    public synchronized FileIpSet get(String fileName) {
        return cache.get(fileName).orElseGet(() -> {
            FileIpSet set = new FileIpSet(fileName, clock, resolver);
            cache.set(fileName, set);
            return set;
        });
    }
}
