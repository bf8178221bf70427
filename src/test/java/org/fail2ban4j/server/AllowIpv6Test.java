package org.fail2ban4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code allowipv6} of {@code fail2ban.conf} (the stream's {@code ["set", "allowipv6", value]}) reaches the name
 * service of the jails as upstream's {@code DNSUtils.setIPv6IsAllowed}: a boolean forces the IPv6 decision, which
 * decides whether host names resolve to their IPv6 addresses too; {@code auto} detects it again.
 */
class AllowIpv6Test {

    @ParameterizedTest(name = "allowipv6 = {1}, system says {0}")
    @CsvSource({
        // system detection, setting, allowed, addresses of the name
        "true,  auto,  true,  192.0.2.7 2001:db8::7",
        "false, auto,  false, 192.0.2.7",
        "true,  no,    false, 192.0.2.7",
        "true,  false, false, 192.0.2.7",
        "false, yes,   true,  192.0.2.7 2001:db8::7",
        "false, on,    true,  192.0.2.7 2001:db8::7",
        "false, 1,     true,  192.0.2.7 2001:db8::7",
    })
    void settingReachesTheResolver(boolean detected, String setting, boolean allowed, String addresses) {
        try (ServerFixture f = new ServerFixture(true)) {
            f.dns.ipv6Allowed(detected).name("dual.example.test", "192.0.2.7", "2001:db8::7");
            assertEquals(setting, f.ok("set", "allowipv6", setting));
            DnsResolver dns = f.server.jails().environment().dns();
            assertEquals(allowed, dns.isIpv6Allowed());
            List<String> ips = dns.nameToIps("dual.example.test").members().stream().map(IpAddress::toString).toList();
            assertEquals(List.of(addresses.split(" ")), ips);
        }
    }

    @ParameterizedTest(name = "{0} then auto")
    @CsvSource({"no, true", "yes, false"})
    void autoDetectsAgain(String forced, boolean detected) {
        try (ServerFixture f = new ServerFixture(true)) {
            f.dns.ipv6Allowed(detected);
            f.ok("set", "allowipv6", forced);
            assertEquals(!detected, f.server.jails().environment().dns().isIpv6Allowed());
            f.ok("set", "allowipv6", "auto");
            assertEquals(detected, f.server.jails().environment().dns().isIpv6Allowed());
        }
    }
}
