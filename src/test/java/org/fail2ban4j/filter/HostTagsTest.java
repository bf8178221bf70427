package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostTagsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "no tags here | no tags here",
        "user <F-USER>\\S+</F-USER> | user (?P<user>\\S+)",
        "<F-ALT_USER1>\\S+</F-ALT_USER1> | (?P<alt_user1>\\S+)",
        "<F-ID>x</F-ID> <F-PORT>\\d+</F-PORT> | (?P<fid>x) (?P<fport>\\d+)",
        "<F-ID/> | (?P<fid>\\S+)",
        "<F-PORT/> | (?P<fport>\\w+)",
        "<F-MLFID>x</F-MLFID><F-NOFAIL/> | (?P<mlfid>x)<F-NOFAIL/>",
        "a</F-USER>b | a</F-USER>b",
        "<F-My-Tag>x</F-My-Tag> | <F-My-Tag>x</F-My-Tag>",
        "<F-MY-TAG>x</F-MY-TAG> | (?P<my-tag>x)",
        "<UNKNOWN> <f-user> < HOST> | <UNKNOWN> <f-user> < HOST>",
        "<CIDR> | (?P<cidr>\\d+)",
        "a<SKIPLINES>b<SKIPLINES>c | a\\n(?P<skiplines0>(?:(?:.*\\n)*?))b\\n(?P<skiplines1>(?:(?:.*\\n)*?))c",
    })
    void expandsTags(String regex, String expanded) {
        assertEquals(expanded, HostTags.expand(regex, true));
    }

    @Test
    void expandsAddressTags() {
        assertEquals(HostTags.HOST, HostTags.expand("<HOST>", true));
        assertEquals(HostTags.ADDR, HostTags.expand("<HOST>", false));
        assertEquals(HostTags.ADDR, HostTags.expand("<ADDR>", true));
        assertEquals(HostTags.IPV4 + "/" + HostTags.IPV6 + "/" + HostTags.DNS,
                HostTags.expand("<IP4>/<IP6>/<DNS>", true));
        assertEquals(HostTags.IPV4 + " " + HostTags.IPV6 + " " + HostTags.DNS + " " + HostTags.ADDR,
                HostTags.expand("<F-IP4/> <F-IP6/> <F-DNS/> <F-ADDR/>", false));
        assertEquals(HostTags.SUBNET + " " + HostTags.SUBNET + " " + HostTags.CIDR,
                HostTags.expand("<SUBNET> <F-SUBNET/> <F-CIDR/>", true));
    }

    @ParameterizedTest
    @CsvSource({"yes, true", "warn, true", "raw, true", "no, false"})
    void hostMatchesDnsUnlessUseDnsIsNo(String useDns, boolean dns) {
        assertEquals(dns, HostTags.hostMatchesDns(useDns));
    }

    @ParameterizedTest
    @CsvSource({"USER, user", "ID, fid", "PORT, fport", "ALT_USER1, alt_user1", "TUPLE_ID_2, tuple_id_2"})
    void mapsTagNamesToGroupNames(String tag, String group) {
        assertEquals(group, HostTags.groupName(tag));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1 | 192.0.2.1 | | ",
        "::ffff:192.0.2.1 | 192.0.2.1 | | ",
        "[2001:db8::1] | | 2001:db8::1 | ",
        "::1 | | ::1 | ",
        "fe80:: | | fe80:: | ",
        "host.example.com | | | host.example.com",
    })
    void hostRegexCapturesTheAddressKinds(String text, String ip4, String ip6, String dns) {
        var m = org.fail2ban4j.regex.PyRegex.compile("^" + HostTags.HOST + "$").fullmatch(text).orElseThrow();
        assertEquals(ip4, m.group("ip4"));
        assertEquals(ip6, m.group("ip6"));
        assertEquals(dns, m.group("dns"));
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1, true", "[2001:db8::1], true", "host.example.com, false"})
    void addrRegexMatchesOnlyAddresses(String text, boolean matches) {
        var r = org.fail2ban4j.regex.PyRegex.compile("^" + HostTags.expand("<HOST>", false) + "$");
        assertEquals(matches, r.fullmatch(text).isPresent());
        assertTrue(r.hasGroup("ip4"));
        assertFalse(r.hasGroup("dns"));
    }
}
