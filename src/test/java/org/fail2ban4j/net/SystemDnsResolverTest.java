package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The production adapter on inputs that need no name service: address literals, non-addresses and the local
 * interface list. Nothing here asks DNS or sends traffic.
 */
class SystemDnsResolverTest {

    private final SystemDnsResolver dns = new SystemDnsResolver();

    @Test
    void literalsResolveToThemselves() {
        assertEquals(List.of("192.0.2.1"), texts(dns.nameToIps("192.0.2.1")));
        if (dns.isIpv6Allowed()) {
            assertEquals(List.of("2001:db8::1"), texts(dns.nameToIps("2001:db8::1")));
        }
        assertEquals(List.of(), texts(dns.nameToIps("")));
    }

    @Test
    void nonAddressesHaveNoName() {
        assertEquals(Optional.empty(), dns.ipToName(IpAddress.parse("host.example")));
        assertEquals(Optional.empty(), dns.ipToName(IpAddress.raw("192.0.2.1")));
    }

    @Test
    void interfaceAddressesAreSingleAddresses() {
        IpAddressSet ips = SelfAddresses.ofNetworkInterfaces();
        for (IpAddress ip : ips) {
            assertTrue(ip.isSingle(), ip::toString);
        }
        assertEquals(ips, dns.interfaceAddresses());
    }

    private static List<String> texts(IpAddressSet ips) {
        return ips.members().stream().map(IpAddress::toString).collect(Collectors.toList());
    }
}
