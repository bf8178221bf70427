package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of upstream's {@code DNSUtilsNetworkTests} DNS cases ({@code testUseDns}, {@code testTextToIp},
 * {@code testIpToIp}, {@code testIpToName}, {@code testIPAddr_Cached}) on a fake resolver, plus the caches.
 */
class CachingDnsResolverTest {

    private static final List<String> EXAMPLE_ADDRS = List.of("145.239.69.22", "2001:41d0:303:3d16::1");

    private final TestClock clock = new TestClock();
    private final FakeDnsResolver fake = FakeDnsResolver.upstreamTestNames();
    private final CachingDnsResolver dns = new CachingDnsResolver(fake, clock);

    private static List<String> sorted(Set<IpAddress> ips) {
        return new TreeSet<>(ips).stream().map(IpAddress::toString).collect(Collectors.toList());
    }

    @Test
    void testUseDns() {
        assertEquals(List.of(), sorted(dns.textToIp("www.fail2ban.org", UseDns.NO)));
        assertEquals(List.of(), sorted(dns.textToIp("www.fail2ban.org", UseDns.RAW)));
        assertEquals(EXAMPLE_ADDRS, sorted(dns.textToIp("www.fail2ban.org", UseDns.WARN)));
        assertEquals(EXAMPLE_ADDRS, sorted(dns.textToIp("www.fail2ban.org", UseDns.YES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doh1.2.3.4.buga.xxxxx.yyy.invalid", "1.2.3.4.buga.xxxxx.yyy.invalid", "999.999.999.999",
        "abcdef.abcdef", "192.168.0."})
    void testTextToIp_unknownNames(String name) {
        assertEquals(List.of(), sorted(dns.textToIp(name, UseDns.YES)));
    }

    @ParameterizedTest
    @EnumSource(UseDns.class)
    void testIpToIp(UseDns mode) {
        for (String s : EXAMPLE_ADDRS) {
            assertEquals(List.of(s), sorted(dns.textToIp(s, mode)));
        }
        assertEquals(List.of("::1"), sorted(dns.textToIp("[::1]", mode)));
        assertEquals(List.of(), fake.nameLookups());
        // brackets are only taken around IPv6 (upstream IP_4_6_CRE): "[1.2.3.4]" is a name
        assertEquals(List.of(), sorted(dns.textToIp("[1.2.3.4]", mode)));
        assertEquals(mode.resolvesNames() ? List.of("[1.2.3.4]") : List.of(), fake.nameLookups());
    }

    @Test
    void invalidAddressTextIsResolvedAsName() {
        // searchIP finds "999.1.1.1", it is no address, so with usedns=yes the text goes to DNS
        dns.textToIp("999.1.1.1", UseDns.YES);
        assertEquals(List.of("999.1.1.1"), fake.nameLookups());
    }

    @Test
    void testIpToName() {
        assertEquals(Optional.of("test-host"), dns.ipToName(IpAddress.parse("87.142.124.10")));
        assertEquals(Optional.of("test-other"), dns.ipToName(IpAddress.parse("2001:db8::ffff")));
        assertEquals(Optional.empty(), dns.ipToName(IpAddress.parse("192.0.2.0")));
    }

    @Test
    void testIPAddr_Cached() {
        IpAddressSet first = dns.nameToIps("fail2ban.org");
        assertSame(first, dns.nameToIps("fail2ban.org"));
        assertEquals(List.of("fail2ban.org"), fake.nameLookups());
    }

    @Test
    void negativeAnswersAreCachedToo() {
        dns.nameToIps("failed.dns.ch");
        dns.nameToIps("failed.dns.ch");
        dns.ipToName(IpAddress.parse("192.0.2.0"));
        dns.ipToName(IpAddress.parse("192.0.2.0"));
        assertEquals(1, fake.nameLookups().size());
        assertEquals(1, fake.reverseLookups().size());
    }

    @Test
    void entriesExpireAfterFiveMinutes() {
        dns.nameToIps("fail2ban.org");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        dns.nameToIps("fail2ban.org");
        assertEquals(1, fake.nameLookups().size());
        clock.advance(Duration.ofSeconds(1));
        dns.nameToIps("fail2ban.org");
        assertEquals(2, fake.nameLookups().size());
    }

    @Test
    void clearForgetsEverything() {
        dns.nameToIps("fail2ban.org");
        dns.clear();
        dns.nameToIps("fail2ban.org");
        assertEquals(2, fake.nameLookups().size());
    }

    @Test
    void ipv6CanBeForcedOff() {
        assertTrue(dns.isIpv6Allowed());
        dns.setIpv6Allowed(false);
        assertFalse(dns.isIpv6Allowed());
        assertEquals(List.of("145.239.69.22"), sorted(dns.nameToIps("fail2ban.org").members()));
        dns.setIpv6Auto();
        fake.ipv6Allowed(false);
        assertTrue(dns.isIpv6Allowed(), "the detected value is cached");
        clock.advance(CachingDnsResolver.MAX_TIME);
        assertFalse(dns.isIpv6Allowed());
    }

    @Test
    void selfNamesAndAddresses() {
        fake.hostnames("vm", "").interfaces("192.0.2.10", "fe80::1").name("vm", "198.51.100.7");
        assertEquals(Set.of("localhost", "vm"), dns.selfNames());
        IpAddressSet self = dns.selfAddresses();
        for (String s : List.of("192.0.2.10", "fe80::1", "127.0.0.1", "::1", "198.51.100.7")) {
            assertTrue(self.contains(IpAddress.parse(s)), s);
        }
        assertFalse(self.contains(IpAddress.parse("127.0.0.2")));
        int lookups = fake.nameLookups().size();
        dns.selfAddresses();
        assertEquals(lookups, fake.nameLookups().size(), "own addresses are cached");
    }

    @Test
    void hostnamesAreCached() {
        fake.hostnames("a", "a.example");
        assertEquals("a", dns.hostname(false));
        assertEquals("a.example", dns.hostname(true));
        fake.hostnames("b", "b.example");
        assertEquals("a.example", dns.hostname(true));
    }
}
