package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code status <jail> [flavor]} data and its upstream shape, and the ban list texts. */
class JailStatusTest {

    private JailFixture fx;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        fx.txt = name -> {
            switch (name) {
                case "1.2.0.192.origin.asn.cymru.com":
                    return List.of("\"64500 | 192.0.2.0/24 | ZZ | ripencc | 2001-01-01\"",
                            "\"64501 | 192.0.2.0/23 | ZZ | ripencc | 2001-01-01\"");
                case "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.origin6.asn.cymru.com":
                    return List.of("64502 | 2001:db8::/32 |  | arin | ");
                default:
                    throw new TxtLookup.NoSuchNameException(name);
            }
        };
        jail = fx.jail("test", Optional.empty());
        jail.setMaxRetry(3);
        JailFixture.dummyAction(jail, "a");
        jail.startWithoutThreads();
        fx.fail("198.51.100.9", 1);
        JailFixture.drive(jail);
        jail.banIps(List.of("192.0.2.1"));
        fx.clock.advanceSeconds(5);
        jail.banIps(List.of("2001:db8::1", "203.0.113.5"));
    }

    @AfterEach
    void tearDown() {
        jail.stop();
    }

    @Test
    void basicStatusListsFilesAndBans() {
        assertEquals(List.of(
                List.of("Filter", List.of(List.of("Currently failed", 1L), List.of("Total failed", 1L),
                        List.of("File list", List.of(JailFixture.LOG)))),
                List.of("Actions", List.of(List.of("Currently banned", 3L), List.of("Total banned", 3L),
                        List.of("Banned IP list", List.of("192.0.2.1", "2001:db8::1", "203.0.113.5"))))),
                jail.status("basic").toUpstream());
    }

    @Test
    void shortStatusLeavesTheBanListOut() {
        assertEquals(List.of(
                List.of("Filter", List.of(List.of("Currently failed", 1L), List.of("Total failed", 1L),
                        List.of("File list", List.of(JailFixture.LOG)))),
                List.of("Actions", List.of(List.of("Currently banned", 3L), List.of("Total banned", 3L)))),
                jail.status("short").toUpstream());
    }

    @Test
    void statsStatusIsBackendAndCounts() {
        assertEquals(List.of("polling", List.of(1L, 1L), List.of(3L, 3L)), jail.status("stats").toUpstream());
    }

    @Test
    void unsupportedFlavorIsLoggedAndShowsBasic() {
        assertEquals(jail.status("basic").toUpstream(), jail.status("fancy").toUpstream());
        assertTrue(fx.actionsLog.lines().contains(
                "WARN Unsupported extended jail status flavor 'fancy'. "
                + "Supported: ['short', 'basic', 'stats', 'cymru']"));
    }

    @Test
    void cymruStatusAddsAsnCountryAndRegistry() {
        JailStatus s = jail.status("cymru");
        JailStatus.Cymru c = s.cymru().orElseThrow();
        assertEquals(List.of("64500, 64501", "64502", "nxdomain"), c.asn());
        assertEquals(List.of("ZZ", "unknown", "nxdomain"), c.country());
        assertEquals(List.of("ripencc", "arin", "nxdomain"), c.rir());
        assertEquals(Optional.empty(), c.error());
        List<?> actions = (List<?>) ((List<?>) s.toUpstream().get(1)).get(1);
        assertEquals(List.of("Banned RIR list", List.of("ripencc", "arin", "nxdomain")), actions.get(5));
    }

    @Test
    void cymruLookupStopsAtTheFirstError() {
        fx.txt = name -> {
            throw new IOException("timed out");
        };
        JailStatus.Cymru c = CymruLookup.lookup(List.of(IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.2")),
                fx.txt, fx.actionsLog);
        assertEquals(List.of(), c.asn());
        assertEquals(Optional.of("java.io.IOException: timed out"), c.error());
    }

    @Test
    void banListIsSortedByEndAndShowsTimes() {
        jail.setBanTime("1h");
        assertEquals(List.of("192.0.2.1", "2001:db8::1", "203.0.113.5"), jail.banList(false));
        assertEquals(List.of(
                "192.0.2.1 \t2005-08-14 12:00:00 + 3600 = 2005-08-14 13:00:00",
                "2001:db8::1 \t2005-08-14 12:00:05 + 3600 = 2005-08-14 13:00:05",
                "203.0.113.5 \t2005-08-14 12:00:05 + 3600 = 2005-08-14 13:00:05"), jail.banList(true));
    }

    @Test
    void journalMatchesShowAsOneJoinedText() {
        JailStatus s = new JailStatus("basic", "systemd", 0, 0, Optional.empty(),
                Optional.of(List.of(List.of("_SYSTEMD_UNIT=sshd.service", "_COMM=sshd"),
                        List.of("_COMM=sshd-session"))),
                0, 0, Optional.of(List.of()), Optional.empty());
        List<?> filter = (List<?>) ((List<?>) s.toUpstream().get(0)).get(1);
        assertEquals(List.of("Journal matches",
                List.of("_SYSTEMD_UNIT=sshd.service _COMM=sshd + _COMM=sshd-session")), filter.get(2));
    }
}
