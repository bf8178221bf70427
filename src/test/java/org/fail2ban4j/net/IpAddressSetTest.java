package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream's {@code test_IPAddrSet} and the {@code IPAddrSet.__contains__} rules. */
class IpAddressSetTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @ParameterizedTest(name = "{0} in set: {1}")
    @CsvSource({
        "192.0.2.1, true",
        "192.0.2.31, true",
        "192.0.2.32, false",
        "2001:DB8::1, true",
        "2001:0DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF, true",
        "2001:DB9::, false",
        "192.0.2.0/28, true",
        "xxx, false",
    })
    void test_IPAddrSet(String candidate, boolean expected) {
        IpAddressSet ips = IpAddressSet.of(ip("192.0.2.1/27"), ip("2001:DB8::/32"));
        assertTrue(ips.hasSubnet());
        assertEquals(expected, ips.contains(ip(candidate)));
    }

    @Test
    void singlesOnlyMatchExactly() {
        IpAddressSet ips = IpAddressSet.of(ip("192.0.2.1"), ip("::1"));
        assertFalse(ips.hasSubnet());
        assertTrue(ips.contains(ip("192.0.2.1")));
        assertTrue(ips.contains(ip("0::1")));
        assertFalse(ips.contains(ip("192.0.2.2")));
        // a network with the same address is no member of a set without networks ...
        assertFalse(ips.contains(ip("192.0.2.1/24")));
        // ... but is, as upstream, once the set holds a network (then every member is asked "contains")
        IpAddressSet mixed = IpAddressSet.of(ip("192.0.2.0"), ip("10.0.0.0/8"));
        assertTrue(mixed.contains(ip("192.0.2.0/24")));
    }

    @Test
    void namesResolveThroughTheResolver() {
        FakeDnsResolver dns = FakeDnsResolver.upstreamTestNames();
        IpAddressSet ips = IpAddressSet.parse(List.of("test-subnet-a", "192.0.2.200"));
        assertTrue(ips.contains(ip("192.0.2.7"), dns));
        assertTrue(ips.contains(ip("2001:db8::7"), dns));
        assertFalse(ips.contains(ip("192.0.2.8"), dns));
        assertTrue(ips.contains(ip("192.0.2.200"), dns));
        // without a resolver a name only equals itself
        assertFalse(ips.contains(ip("192.0.2.7")));
        assertTrue(ips.contains(ip("test-subnet-a")));
    }

    @Test
    void unionAndRepr() {
        IpAddressSet a = IpAddressSet.of(ip("2001:41d0:303:3d16::1"));
        IpAddressSet b = IpAddressSet.of(ip("145.239.69.22"), ip("2001:41d0:303:3d16::1"));
        IpAddressSet u = a.union(b);
        assertEquals(2, u.size());
        assertEquals("{'145.239.69.22', '2001:41d0:303:3d16::1'}", u.toString());
        assertEquals("set()", IpAddressSet.EMPTY.toString());
        assertEquals(u, IpAddressSet.of(ip("145.239.69.22"), ip("2001:41d0:303:3d16::1")));
    }
}
