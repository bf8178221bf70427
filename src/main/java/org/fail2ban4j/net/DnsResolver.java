package org.fail2ban4j.net;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Port of the name service part of {@code fail2ban/server/ipdns.py:DNSUtils} (the port to DNS and to the host's
 * own identity).
 *
 * <p>Production: {@link SystemDnsResolver} wrapped in a {@link CachingDnsResolver}; tests use a fake. Only the four
 * primitive lookups are abstract; the derived questions ({@link #selfNames()}, {@link #selfAddresses()},
 * {@link #textToIp}) have upstream's logic as default methods.
 */
public interface DnsResolver {

    /**
     * Upstream {@code DNSUtils.dnsToIp}: the addresses of a host name (IPv4, plus IPv6 when
     * {@link #isIpv6Allowed()}); empty if it has none or the lookup fails (which logs
     * {@code Unable to find a corresponding IP address for <name>: <error>}).
     */
    IpAddressSet nameToIps(String name);

    /**
     * Upstream {@code DNSUtils.ipToName}: the host name of an address by reverse lookup; empty if there is none,
     * and for values that are no address.
     */
    Optional<String> ipToName(IpAddress ip);

    /**
     * Upstream {@code DNSUtils.getHostname(fqdn)}: this host's fully qualified name or short name; empty text if
     * neither can be found.
     */
    String hostname(boolean fqdn);

    /** Upstream {@code DNSUtils.getNetIntrfIPs}: the addresses of this host's network interfaces. */
    IpAddressSet interfaceAddresses();

    /**
     * Upstream {@code DNSUtils.IPv6IsAllowed}: whether IPv6 is usable here (names resolve to IPv6 addresses too,
     * and actions start their {@code inet6} family).
     */
    boolean isIpv6Allowed();

    /** Upstream {@code DNSUtils.getSelfNames}: {@code localhost} and this host's short and full names. */
    default Set<String> selfNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        names.add(hostname(false));
        names.add(hostname(true));
        names.remove("");
        return Collections.unmodifiableSet(names);
    }

    /**
     * Upstream {@code DNSUtils.getSelfIPs} (what {@code ignoreself} ignores): the interface addresses plus the
     * addresses of every {@linkplain #selfNames() own name}.
     */
    default IpAddressSet selfAddresses() {
        IpAddressSet ips = interfaceAddresses();
        for (String name : selfNames()) {
            try {
                ips = ips.union(nameToIps(name));
            } catch (RuntimeException e) {
                IpDnsLog.LOG.warn("Retrieving own IPs of {} failed: {}", name, e.toString());
            }
        }
        return ips;
    }

    /**
     * Upstream {@code DNSUtils.textToIp}: the failure ids for a matched host text. An address text (by
     * {@link IpAddress#searchIP}) gives that address when it is valid; otherwise, in the modes that
     * {@linkplain UseDns#resolvesNames() resolve}, the addresses of the name, and with {@link UseDns#WARN} the
     * warning {@code Determined IP using DNS Lookup: <text> = {'<ip>', ...}}. Empty when nothing is found.
     */
    default Set<IpAddress> textToIp(String text, UseDns useDns) {
        Optional<String> plain = IpAddress.searchIP(text);
        if (plain.isPresent()) {
            IpAddress ip = IpAddress.parse(plain.get());
            if (ip.isValid()) {
                return Set.of(ip);
            }
        }
        if (!useDns.resolvesNames()) {
            return Set.of();
        }
        IpAddressSet ips = nameToIps(text);
        if (!ips.isEmpty() && useDns == UseDns.WARN) {
            IpDnsLog.LOG.warn("Determined IP using DNS Lookup: {} = {}", text, ips);
        }
        return ips.members();
    }
}
