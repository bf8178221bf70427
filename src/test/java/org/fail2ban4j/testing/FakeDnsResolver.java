package org.fail2ban4j.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.net.IpAddressSet;

/**
 * Test fake of the {@link DnsResolver} port: answers from tables, never touches the network, and records every
 * lookup so tests can check caching.
 *
 * <p>{@link #upstreamTestNames()} preloads the names and addresses upstream's test suite pre-caches
 * ({@code fail2ban/tests/utils.py}), including the {@code test-subnet-a}/{@code test-subnet-b}/
 * {@code test-local-net} names that resolve to networks.
 */
public final class FakeDnsResolver implements DnsResolver {

    private final Map<String, IpAddressSet> names = new HashMap<>();
    private final Map<IpAddress, String> reverse = new HashMap<>();
    private final List<String> nameLookups = Collections.synchronizedList(new ArrayList<>());
    private final List<IpAddress> reverseLookups = Collections.synchronizedList(new ArrayList<>());
    private String shortName = "fakehost";
    private String fullName = "fakehost.example.test";
    private IpAddressSet interfaces = IpAddressSet.EMPTY;
    private boolean ipv6 = true;

    /** An empty fake: no name resolves, no address has a name, no interfaces, IPv6 allowed. */
    public FakeDnsResolver() {
        // tables are filled by the fluent setters
    }

    /** A fake with upstream's test-suite names ({@code fail2ban/tests/utils.py}). */
    public static FakeDnsResolver upstreamTestNames() {
        return new FakeDnsResolver()
                .name("fail2ban.org", "2001:41d0:303:3d16::1", "145.239.69.22")
                .name("www.fail2ban.org", "2001:41d0:303:3d16::1", "145.239.69.22")
                .name("test-local-net", "127.0.0.1/8", "::1")
                .name("test-subnet-a", "192.0.2.0/29", "2001:db8::0/125")
                .name("test-subnet-b", "192.0.2.16/29", "2001:db8::10/125")
                .name("localhost", "127.0.0.1", "::1")
                .reverse("87.142.124.10", "test-host")
                .reverse("2001:db8::1", "test-host")
                .reverse("2001:db8::ffff", "test-other")
                .reverse("8.8.8.8", "dns.google")
                .reverse("199.9.14.201", "b-2017.b.root-servers.org");
    }

    /** {@code name} resolves to the given address texts (parsed with {@link IpAddress#parse}). */
    public synchronized FakeDnsResolver name(String name, String... ips) {
        names.put(name, IpAddressSet.of(Arrays.stream(ips).map(IpAddress::parse).collect(Collectors.toList())));
        return this;
    }

    /** {@code ip} has the reverse name {@code name}. */
    public synchronized FakeDnsResolver reverse(String ip, String name) {
        reverse.put(IpAddress.parse(ip), name);
        return this;
    }

    /** This host's short and fully qualified names (empty text: unknown). */
    public synchronized FakeDnsResolver hostnames(String shortName, String fullName) {
        this.shortName = shortName;
        this.fullName = fullName;
        return this;
    }

    /** This host's interface addresses. */
    public synchronized FakeDnsResolver interfaces(String... ips) {
        interfaces = IpAddressSet.of(Arrays.stream(ips).map(IpAddress::parse).collect(Collectors.toList()));
        return this;
    }

    /** Whether IPv6 counts as allowed. */
    public synchronized FakeDnsResolver ipv6Allowed(boolean value) {
        ipv6 = value;
        return this;
    }

    @Override
    public synchronized IpAddressSet nameToIps(String name) {
        nameLookups.add(name);
        return names.getOrDefault(name, IpAddressSet.EMPTY);
    }

    @Override
    public synchronized Optional<String> ipToName(IpAddress ip) {
        reverseLookups.add(ip);
        return Optional.ofNullable(reverse.get(ip));
    }

    @Override
    public synchronized String hostname(boolean fqdn) {
        return fqdn ? fullName : shortName;
    }

    @Override
    public synchronized IpAddressSet interfaceAddresses() {
        return interfaces;
    }

    @Override
    public synchronized boolean isIpv6Allowed() {
        return ipv6;
    }

    /** Every name asked through {@link #nameToIps}, in order. */
    public List<String> nameLookups() {
        synchronized (nameLookups) {
            return List.copyOf(nameLookups);
        }
    }

    /** Every address asked through {@link #ipToName}, in order. */
    public List<IpAddress> reverseLookups() {
        synchronized (reverseLookups) {
            return List.copyOf(reverseLookups);
        }
    }
}
