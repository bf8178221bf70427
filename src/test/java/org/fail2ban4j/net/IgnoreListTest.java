package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of upstream's {@code IgnoreIP} test case ({@code fail2ban/tests/filtertestcase.py}) without the
 * {@code ignorecommand}/{@code ignorecache} parts, on a fake resolver with upstream's test names.
 */
class IgnoreListTest {

    private final TestClock clock = new TestClock();
    private final FakeDnsResolver dns = FakeDnsResolver.upstreamTestNames();
    private IgnoreList list;

    @BeforeEach
    void setUp() {
        list = new IgnoreList(dns, new FileIpSets(clock, dns));
        list.setIgnoreSelf(false);
    }

    private Optional<String> check(String ip) {
        return list.ignoredBy(IpAddress.parse(ip));
    }

    private static Path upstreamFile(String name) {
        Path p = Path.of(System.getProperty("fail2ban4j.upstream", "fail2ban4j.upstream-is-unset"), "tests-files",
                name).normalize();
        assertTrue(Files.isRegularFile(p), "upstream test file " + p + " (property fail2ban4j.upstream)");
        return p;
    }

    @Test
    void testIgnoreSelfIP() {
        assertEquals(Optional.empty(), check("127.0.0.1"));
        list.setIgnoreSelf(true);
        assertTrue(list.isIgnoreSelf());
        assertEquals(Optional.of("ignoreself rule"), check("127.0.0.1"));
        assertEquals(Optional.of("ignoreself rule"), check("::1"));
        assertEquals(Optional.empty(), check("127.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "192.168.0.1", "255.255.255.255", "99.99.99.99"})
    void testIgnoreIPOK(String ip) {
        assertTrue(list.add(ip));
        assertEquals(Optional.of("ip"), check(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "999.999.999.999", "abcdef.abcdef", "192.168.0."})
    void testIgnoreIPNOK(String ip) {
        list.add(ip);
        assertFalse(list.contains(IpAddress.parse(ip)));
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        "192.168.1.0, 192.168.1.0/25, true",
        "192.168.1.1, 192.168.1.0/25, true",
        "192.168.1.127, 192.168.1.0/25, true",
        "192.168.1.128, 192.168.1.0/25, false",
        "192.168.1.255, 192.168.1.0/25, false",
        "192.168.0.255, 192.168.1.0/25, false",
        "192.168.1.0, 192.168.1.0/255.255.255.128, true",
        "192.168.1.1, 192.168.1.0/255.255.255.128, true",
        "192.168.1.127, 192.168.1.0/255.255.255.128, true",
        "192.168.1.128, 192.168.1.0/255.255.255.128, false",
        "192.168.1.255, 192.168.1.0/255.255.255.128, false",
        "192.168.0.255, 192.168.1.0/255.255.255.128, false",
    })
    void testIgnoreIPCIDRandMask(String ip, String net, boolean ignored) {
        list.add(net);
        assertEquals(ignored, list.contains(IpAddress.parse(ip)));
    }

    @Test
    void testWrongIPMask() {
        list.add("192.168.1.0/255.255.0.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> list.add("192.168.1.0/255.255.0.128"));
        assertEquals("invalid mask '255.255.0.128', no plen representation", e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "192.0.2.1, true", "192.0.2.7, true", "192.0.2.16, true", "192.0.2.23, true",
        "192.0.2.8, false", "192.0.2.15, false",
        "2001:db8::00, true", "2001:db8::07, true", "2001:0db8:0000:0000:0000:0000:0000:0000, true",
        "2001:0db8:0000:0000:0000:0000:0000:0007, true", "2001:db8::10, true", "2001:db8::17, true",
        "2001:0db8:0000:0000:0000:0000:0000:0010, true", "2001:0db8:0000:0000:0000:0000:0000:0017, true",
        "2001:db8::08, false", "2001:db8::0f, false", "2001:0db8:0000:0000:0000:0000:0000:0008, false",
        "2001:0db8:0000:0000:0000:0000:0000:000f, false",
    })
    void testIgnoreIPDNS(String ip, boolean ignored) {
        list.add("test-subnet-a");
        list.add("test-subnet-b");
        assertEquals(ignored ? Optional.of("dns") : Optional.empty(), check(ip));
    }

    /** Upstream's {@code TEST_IPS_IGN_FILE} table for {@code tests/files/test-ign-ips-file}. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "127.0.0.1, true", "127.255.255.255, true", "127.0.0.1/8, true", "192.0.2.1, true", "192.0.2.7, true",
        "192.0.2.0/29, true", "192.0.2.16, true", "192.0.2.23, true", "192.0.2.200, true", "192.0.2.216, true",
        "192.0.2.223, true", "192.0.2.216/29, true", "192.0.2.8, false", "192.0.2.15, false", "192.0.2.100, false",
        "192.0.2.224, false", "::1, true", "2001:db8::00, true", "2001:db8::07, true", "2001:db8::0/125, true",
        "2001:0db8:0000:0000:0000:0000:0000:0000, true", "2001:0db8:0000:0000:0000:0000:0000:0007, true",
        "2001:db8::10, true", "2001:db8::17, true", "2001:0db8:0000:0000:0000:0000:0000:0010, true",
        "2001:0db8:0000:0000:0000:0000:0000:0017, true", "2001:db8::c8, true", "2001:db8::d8, true",
        "2001:db8::df, true", "2001:db8::d8/125, true", "2001:0db8:0000:0000:0000:0000:0000:00d8, true",
        "2001:0db8:0000:0000:0000:0000:0000:00df, true", "2001:db8::08, false", "2001:db8::0f, false",
        "2001:0db8:0000:0000:0000:0000:0000:0008, false", "2001:0db8:0000:0000:0000:0000:0000:000f, false",
        "2001:db8::e0, false", "2001:0db8:0000:0000:0000:0000:0000:00e0, false",
    })
    void testIgnoreIPFileIPAddr(String ip, boolean ignored) {
        String entry = "file://" + upstreamFile("test-ign-ips-file");
        list.add(entry);
        String shown = "file:/" + upstreamFile("test-ign-ips-file");
        assertEquals(ignored ? Optional.of(shown) : Optional.empty(), check(ip));
        assertEquals(List.of(shown), list.toList());
        list.remove(entry);
        assertEquals(Optional.empty(), check(ip));
        assertTrue(list.isEmpty());
    }

    @Test
    void duplicatesAreNotAddedAgain() {
        assertTrue(list.add("192.0.2.1"));
        assertFalse(list.add("192.0.2.1"));
        assertFalse(list.add("::ffff:192.0.2.1"));
        assertTrue(list.add("10.0.0.0/8"));
        assertFalse(list.add("10.1.2.3/255.0.0.0"));
        assertTrue(list.add("host.example"));
        assertFalse(list.add("host.example"));
        assertEquals(List.of("10.0.0.0/8", "host.example", "192.0.2.1"), list.toList());
    }

    @Test
    void toListShowsListEntriesThenSingles() {
        for (String e : List.of("1.2.3.4", "10.0.0.0/8", "file:///xyz/y", "host.example", "[::1]", "2001:DB8::/32")) {
            list.add(e);
        }
        // upstream refused any addignoreip after a file: entry (TypeError); this port does not
        assertEquals(List.of("10.0.0.0/8", "file://xyz/y", "host.example", "2001:db8::/32", "1.2.3.4", "::1"),
                list.toList());
    }

    @Test
    void removeEntries() {
        for (String e : List.of("1.2.3.4", "10.0.0.0/8", "file:///xyz/y", "host.example", "2001:db8::1")) {
            list.add(e);
        }
        list.remove("1.2.3.4");
        list.remove("10.9.9.9/8");
        list.remove("file:/xyz/y");
        list.remove("host.example");
        list.remove("2001:DB8:0::1");
        assertEquals(List.of(), list.toList());
        for (String missing : List.of("9.9.9.9", "file:/nope", "other.example", "10.0.0.0/8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> list.remove(missing));
            assertEquals("list.remove(x): x not in list", e.getMessage());
        }
        list.add("1.2.3.4");
        list.clear();
        assertTrue(list.isEmpty());
    }

    @Test
    void theFirstMatchingListEntryNamesTheSource() {
        list.add("test-subnet-a");
        list.add("192.0.2.0/24");
        assertEquals(Optional.of("dns"), check("192.0.2.1"));
        assertEquals(Optional.of("ip"), check("192.0.2.100"));
        list.clear();
        list.add("192.0.2.0/24");
        list.add("test-subnet-a");
        assertEquals(Optional.of("ip"), check("192.0.2.1"));
        // singles come before the list
        list.add("192.0.2.5");
        list.add("file:" + upstreamFile("test-ign-ips-file"));
        assertEquals(Optional.of("ip"), check("192.0.2.5"));
        assertEquals(Optional.of("file:/" + upstreamFile("test-ign-ips-file")), check("2001:db8::d8"));
    }

    @Test
    void rawAndNameIdsAreNotAddresses() {
        list.add("192.0.2.0/24");
        list.add("192.0.2.1");
        assertFalse(list.contains(IpAddress.raw("192.0.2.1")));
        assertFalse(list.contains(IpAddress.parse("user-name")));
    }

    /** The prefix index agrees with upstream's linear scan, on random lists and candidates. */
    @Test
    void indexAgreesWithLinearScan() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            list.clear();
            List<IpAddress> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String e = rnd.nextBoolean()
                        ? "10." + rnd.nextInt(4) + "." + rnd.nextInt(4) + ".0/" + (8 + rnd.nextInt(25))
                        : "2001:db8:" + Integer.toHexString(rnd.nextInt(4)) + "::/" + (16 + rnd.nextInt(113));
                if (list.add(e)) {
                    entries.add(IpAddress.parse(e));
                }
            }
            for (int i = 0; i < 200; i++) {
                IpAddress ip = IpAddress.parse(rnd.nextBoolean()
                        ? "10." + rnd.nextInt(4) + "." + rnd.nextInt(4) + "." + rnd.nextInt(4)
                        : "2001:db8:" + Integer.toHexString(rnd.nextInt(4)) + "::" + Integer.toHexString(
                                rnd.nextInt(4)));
                boolean linear = entries.stream().anyMatch(ip::isInNet);
                assertEquals(linear, list.contains(ip), ip + " in " + entries);
            }
        }
    }
}
