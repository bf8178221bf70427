package org.fail2ban4j.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port of the lookups of {@code fail2ban/server/ipdns.py:DNSUtils} ({@code dnsToIp}, {@code ipToName},
 * {@code getHostname}/{@code getfqdn}, {@code getNetIntrfIPs}, {@code _IPv6IsSupportedBySystem}) onto
 * {@link InetAddress}: the production {@link DnsResolver}, without caching (wrap it in a
 * {@link CachingDnsResolver}).
 *
 * <p>Differences forced by the JDK: a reverse lookup is forward-confirmed ({@link InetAddress#getHostName()}
 * returns the address text when the name does not map back, which counts as "no name"); the fully qualified name
 * comes from the canonical names of the host's addresses (the JDK offers no {@code AI_CANONNAME}).
 */
public final class SystemDnsResolver implements DnsResolver {

    private static final Path DISABLE_IPV6 = Path.of("/proc/sys/net/ipv6/conf/all/disable_ipv6");
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    /** A resolver on the JVM's name service. */
    public SystemDnsResolver() {
        // no state: every call asks the name service
    }

    @Override
    public IpAddressSet nameToIps(String name) {
        if (name.isEmpty()) {
            return IpAddressSet.EMPTY;
        }
        InetAddress[] found;
        try {
            found = InetAddress.getAllByName(name);
        } catch (UnknownHostException | RuntimeException e) {
            IpDnsLog.LOG.warn("Unable to find a corresponding IP address for {}: {}", name, e.getMessage());
            return IpAddressSet.EMPTY;
        }
        boolean v6 = isIpv6Allowed();
        // upstream asks AF_INET first, then AF_INET6
        List<IpAddress> ips = new ArrayList<>();
        for (InetAddress a : found) {
            if (a instanceof Inet4Address) {
                ips.add(IpAddress.ofBytes(a.getAddress()));
            }
        }
        if (v6) {
            for (InetAddress a : found) {
                if (a instanceof Inet6Address) {
                    ips.add(IpAddress.ofBytes(a.getAddress()));
                }
            }
        }
        return IpAddressSet.of(ips);
    }

    @Override
    public Optional<String> ipToName(IpAddress ip) {
        if (!ip.isAddress()) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.getByAddress(ip.toBytes());
            String name = a.getHostName();
            if (name.equals(a.getHostAddress())) {
                IpDnsLog.LOG.debug("Unable to find a name for the IP {}: no reverse name", ip);
                return Optional.empty();
            }
            return Optional.of(name);
        } catch (UnknownHostException | RuntimeException e) {
            IpDnsLog.LOG.debug("Unable to find a name for the IP {}: {}", ip, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String hostname(boolean fqdn) {
        // upstream tries (getfqdn, gethostname) resp. (gethostname, getfqdn); the first that works wins
        try {
            String shortName = systemHostname();
            return fqdn ? fqdn(shortName) : shortName;
        } catch (IOException | RuntimeException e) {
            IpDnsLog.LOG.warn("Retrieving own hostnames failed: {}", e.toString());
            return "";
        }
    }

    /** Upstream {@code socket.gethostname()}: the kernel's node name. */
    private static String systemHostname() throws IOException {
        if (Files.isReadable(KERNEL_HOSTNAME)) {
            String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        }
        return InetAddress.getLocalHost().getHostName();
    }

    /**
     * Upstream {@code getfqdn(name)}: among the canonical names of the host's addresses the first that starts with
     * {@code name.}, else the first one, else {@code name}.
     */
    private static String fqdn(String name) {
        try {
            String first = null;
            for (InetAddress a : InetAddress.getAllByName(name)) {
                String canonical = a.getCanonicalHostName();
                if (canonical.equals(a.getHostAddress())) {
                    continue;
                }
                if (canonical.startsWith(name + ".")) {
                    return canonical;
                }
                if (first == null) {
                    first = canonical;
                }
            }
            return first != null ? first : name;
        } catch (UnknownHostException e) {
            return name;
        }
    }

    @Override
    public IpAddressSet interfaceAddresses() {
        return SelfAddresses.ofNetworkInterfaces();
    }

    /**
     * Upstream {@code IPv6IsAllowed} detection: the {@code disable_ipv6} sysctl; else whether an IPv6 socket can be
     * bound (to a free port, nothing is sent); else whether any interface or own name has an IPv6 address.
     */
    @Override
    public boolean isIpv6Allowed() {
        try {
            if (Files.isReadable(DISABLE_IPV6)) {
                return Integer.parseInt(Files.readString(DISABLE_IPV6, StandardCharsets.US_ASCII).strip()) == 0;
            }
        } catch (IOException | NumberFormatException e) {
            IpDnsLog.LOG.debug("Reading {} failed: {}", DISABLE_IPV6, e.toString());
        }
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            return true;
        } catch (IOException | RuntimeException e) {
            IpDnsLog.LOG.debug("Binding an IPv6 socket failed: {}", e.toString());
        }
        IpAddressSet ips = interfaceAddresses();
        if (ips.isEmpty()) {
            for (String name : selfNames()) {
                try {
                    for (InetAddress a : InetAddress.getAllByName(name)) {
                        if (a instanceof Inet6Address) {
                            return true;
                        }
                    }
                } catch (UnknownHostException e) {
                    IpDnsLog.LOG.debug("Retrieving own IPs of {} failed: {}", name, e.toString());
                }
            }
            return false;
        }
        for (IpAddress ip : ips) {
            if (ip.isIPv6()) {
                return true;
            }
        }
        return false;
    }
}
