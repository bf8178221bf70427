package org.fail2ban4j.net;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Port of the caches of {@code fail2ban/server/ipdns.py:DNSUtils} in front of another {@link DnsResolver}.
 *
 * <p>As upstream: name to addresses and address to name results (negative ones too) are kept
 * {@value #MAX_COUNT} entries / 5 minutes each ({@code CACHE_nameToIp}, {@code CACHE_ipToName}); the host's own
 * names, own addresses, interface addresses and the IPv6 decision are cached 5 minutes as well. Expiry reads the
 * injected {@link InstantSource}. {@link #clear()} is what a server reload does. The IPv6 decision can be forced
 * ({@code allowipv6} setting); names then resolve to IPv4 only when IPv6 is not allowed.
 *
 * <p>Thread-safe. One instance is shared by all jails (created in the composition root).
 */
public final class CachingDnsResolver implements DnsResolver {

    /** Upstream's cache size ({@code maxCount=1000}). */
    public static final int MAX_COUNT = 1000;
    /** Upstream's cache time to live ({@code maxTime=5*60}). */
    public static final Duration MAX_TIME = Duration.ofMinutes(5);

    private static final String KEY_NAMES = "self-names";

    private final DnsResolver delegate;
    private final ExpiringCache<String, IpAddressSet> nameToIp;
    private final ExpiringCache<IpAddress, Optional<String>> ipToName;
    private final ExpiringCache<Boolean, String> hostnames;
    private final ExpiringCache<String, Set<String>> selfNames;
    private final ExpiringCache<Boolean, IpAddressSet> selfIps; // true: self IPs, false: interface IPs
    private final ExpiringCache<String, Boolean> ipv6Detected;
    /** Forced IPv6 decision; null means "auto" (detect). */
    private volatile Boolean ipv6Forced;

    /** Caches in front of {@code delegate}, with expiry by {@code clock}. */
    public CachingDnsResolver(DnsResolver delegate, InstantSource clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(clock, "clock");
        nameToIp = new ExpiringCache<>(MAX_COUNT, MAX_TIME, clock);
        ipToName = new ExpiringCache<>(MAX_COUNT, MAX_TIME, clock);
        hostnames = new ExpiringCache<>(2, MAX_TIME, clock);
        selfNames = new ExpiringCache<>(1, MAX_TIME, clock);
        selfIps = new ExpiringCache<>(2, MAX_TIME, clock);
        ipv6Detected = new ExpiringCache<>(1, MAX_TIME, clock);
    }

    @Override
    public IpAddressSet nameToIps(String name) {
        Optional<IpAddressSet> cached = nameToIp.get(name);
        if (cached.isPresent()) {
            return cached.get();
        }
        IpAddressSet ips = delegate.nameToIps(name);
        if (!isIpv6Allowed()) {
            ips = withoutIpv6(ips);
        }
        nameToIp.set(name, ips);
        return ips;
    }

    private static IpAddressSet withoutIpv6(IpAddressSet ips) {
        Set<IpAddress> v4 = new LinkedHashSet<>();
        for (IpAddress ip : ips) {
            if (!ip.isIPv6()) {
                v4.add(ip);
            }
        }
        return v4.size() == ips.size() ? ips : IpAddressSet.of(v4);
    }

    @Override
    public Optional<String> ipToName(IpAddress ip) {
        Optional<Optional<String>> cached = ipToName.get(ip);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<String> name = delegate.ipToName(ip);
        ipToName.set(ip, name);
        return name;
    }

    @Override
    public String hostname(boolean fqdn) {
        Optional<String> cached = hostnames.get(fqdn);
        if (cached.isPresent()) {
            return cached.get();
        }
        String name = delegate.hostname(fqdn);
        hostnames.set(fqdn, name);
        return name;
    }

    @Override
    public Set<String> selfNames() {
        Optional<Set<String>> cached = selfNames.get(KEY_NAMES);
        if (cached.isPresent()) {
            return cached.get();
        }
        Set<String> names = DnsResolver.super.selfNames();
        selfNames.set(KEY_NAMES, names);
        return names;
    }

    @Override
    public IpAddressSet interfaceAddresses() {
        Optional<IpAddressSet> cached = selfIps.get(false);
        if (cached.isPresent()) {
            return cached.get();
        }
        IpAddressSet ips = delegate.interfaceAddresses();
        selfIps.set(false, ips);
        return ips;
    }

    @Override
    public IpAddressSet selfAddresses() {
        Optional<IpAddressSet> cached = selfIps.get(true);
        if (cached.isPresent()) {
            return cached.get();
        }
        IpAddressSet ips = DnsResolver.super.selfAddresses();
        selfIps.set(true, ips);
        return ips;
    }

    @Override
    public boolean isIpv6Allowed() {
        Boolean forced = ipv6Forced;
        if (forced != null) {
            return forced;
        }
        Optional<Boolean> cached = ipv6Detected.get("ipv6-allowed");
        if (cached.isPresent()) {
            return cached.get();
        }
        boolean v = delegate.isIpv6Allowed();
        ipv6Detected.set("ipv6-allowed", v);
        return v;
    }

    /** Upstream {@code DNSUtils.setIPv6IsAllowed(True/False)} ({@code allowipv6 = yes/no}). */
    public void setIpv6Allowed(boolean allowed) {
        ipv6Forced = allowed;
        IpDnsLog.LOG.debug("IPv6 is {}", allowed ? "on" : "off");
    }

    /** Upstream {@code DNSUtils.setIPv6IsAllowed(None)} ({@code allowipv6 = auto}): detect it again. */
    public void setIpv6Auto() {
        ipv6Forced = null;
        IpDnsLog.LOG.debug("IPv6 is {}", "auto");
    }

    /** Forget every cached answer (upstream clears both DNS caches on reload). */
    public void clear() {
        nameToIp.clear();
        ipToName.clear();
        hostnames.clear();
        selfNames.clear();
        selfIps.clear();
        ipv6Detected.clear();
    }
}
