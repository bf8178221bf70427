package org.fail2ban4j.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.CapturingLogger;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tag values of {@link BanInfo} (upstream {@code Actions.ActionInfo}). */
class BanInfoTest {

    private final FakeDnsResolver dns = new FakeDnsResolver().reverse("192.0.2.1", "test-host");
    private final TestTickets.Jail jail = new TestTickets.Jail("sshd");

    @ParameterizedTest(name = "<{0}>")
    @CsvSource(delimiter = '|', textBlock = """
            ip             | 192.0.2.1
            family         | inet4
            ip-rev         | 1.2.0.192.
            ip-host        | test-host
            fid            | 192.0.2.1
            failures       | 3
            time           | 1700000000.5
            bantime        | 600
            bancount       | 0
            restored       | 0
            ipfailures     | 3
            ipjailfailures | 3
            jail.name      | sshd
            jail.banned    | 0
            jail.found     | 0
            """)
    void ipv4Tags(String tag, String value) {
        assertEquals(value, BanInfo.of(TestTickets.ipv4(), jail, dns).get(tag));
    }

    @ParameterizedTest(name = "<{0}>")
    @CsvSource(delimiter = '|', textBlock = """
            ip       | 2001:db8::
            family   | inet6
            ip-rev   | 0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.
            ip-host  | None
            time     | 1700000100
            bantime  | 600
            bancount | 2
            restored | 1
            matches  | ''
            """)
    void ipv6Tags(String tag, String value) {
        assertEquals(value, BanInfo.of(TestTickets.ipv6(), jail, dns).get(tag));
    }

    @Test
    void rawIdHasNoFamily() {
        TestTickets.Ticket raw = new TestTickets.Ticket(IpAddress.raw("user@example"), 1.0, List.of(), 1,
                OptionalLong.empty(), 0, false, Map.of());
        BanInfo info = BanInfo.of(raw, jail, dns);
        assertNull(info.family());
        assertEquals("None", info.get("family"));
        assertEquals("user@example", info.get("ip"));
        assertEquals("", info.get("ip-rev"));
    }

    @Test
    void unknownTagsAreNotBanInfo() {
        BanInfo info = BanInfo.of(TestTickets.ipv4(), jail, dns);
        assertNull(info.get("F-USER"));
        assertNull(info.get("br"));
        assertNull(info.get("port"));
    }

    @Test
    void matchesAndTicketDataAsPythonText() {
        BanInfo info = BanInfo.of(TestTickets.ipv4(), jail, dns);
        assertEquals(String.join("\n", TestTickets.MATCHES4), info.get("matches"));
        assertEquals(Map.of("matches", "['" + TestTickets.MATCHES4.get(0) + "', '"
                + TestTickets.MATCHES4.get(1).replace("'", "\\'") + "']", "failures", "3",
                "user", TestTickets.HOSTILE_USER, "port", "22"), info.ticketData());
        assertEquals("{'matches': [], 'failures': 5}", BanInfo.of(TestTickets.ipv6(), jail, dns).get("F-*"));
        assertEquals("BanTicket: ip=2001:db8:: time=1700000100 bantime=None bancount=2 #attempts=5 matches=[]",
                BanInfo.of(TestTickets.ipv6(), jail, dns).get("raw-ticket"));
    }

    @Test
    void mergedBansComeFromTheJail() {
        jail.merged = new MergedBans(List.of("a", "b"), 7);
        BanInfo info = BanInfo.of(TestTickets.ipv4(), jail, dns);
        assertEquals("a\nb", info.get("ipmatches"));
        assertEquals("7", info.get("ipjailfailures"));
        assertEquals("a\nb", info.get("ipmatches"));
        assertEquals(List.of("192.0.2.1 all", "192.0.2.1 jail"), jail.mergeRequests);
    }

    @Test
    void failingDatabaseFallsBackToTheTicket() {
        jail.mergeError = new IllegalStateException("database is locked");
        CapturingLogger log = new CapturingLogger("fail2ban.actions");
        BanInfo info = BanInfo.of(TestTickets.ipv4(), jail, dns, log);
        assertEquals("3", info.get("ipfailures"));
        assertEquals(String.join("\n", TestTickets.MATCHES4), info.get("ipjailmatches"));
        assertEquals(List.of("ERROR Failed to get all bans merged, jail 'sshd': database is locked",
                "ERROR Failed to get jail bans merged, jail 'sshd': database is locked"), log.lines());
    }

    @Test
    void operationInfoIsAnEmptyTicket() {
        BanInfo info = BanInfo.forOperation(jail, dns, 1700000200.25, "inet6");
        assertEquals("inet6", info.family());
        assertEquals("inet6", info.get("family"));
        assertEquals("", info.get("ip"));
        assertEquals("1700000200.25", info.get("time"));
        assertEquals("600", info.get("bantime"));
        assertEquals("0", info.get("failures"));
        assertNull(BanInfo.forOperation(jail, dns, 1.0, null).family());
        assertEquals("", BanInfo.forOperation(jail, dns, 1.0, "").get("family"));
    }

    /** Upstream {@code CallingMap._asrepr}: computed values in {@code AI_DICT} order, fid and raw-ticket always. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ip | {'ip': '2001:db8::', 'fid': <function Actions.ActionInfo.<lambda> at 0x7f0000000000>, "
                + "'raw-ticket': <function Actions.ActionInfo.<lambda> at 0x7f0000000000>}",
        "bantime ip | {'ip': '2001:db8::', 'fid': <function Actions.ActionInfo.<lambda> at 0x7f0000000000>, "
                + "'bantime': '600', 'raw-ticket': <function Actions.ActionInfo.<lambda> at 0x7f0000000000>}",
        "family fid raw-ticket | {'family': 'inet6', 'fid': '2001:db8::', 'raw-ticket': 'BanTicket: ip=2001:db8:: "
                + "time=1700000100 bantime=None bancount=2 #attempts=5 matches=[]'}",
    })
    void reprShowsComputedValues(String computed, String repr) {
        BanInfo info = BanInfo.of(TestTickets.ipv6(), jail, dns);
        for (String tag : computed.split(" ")) {
            if (tag.equals("family")) {
                info.family();
            } else {
                info.get(tag);
            }
        }
        assertEquals("ActionInfo(" + repr + ")", info.toString());
    }
}
