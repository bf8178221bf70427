package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code -o} formats on hand-made failures (texts as fail2ban 1.1.1 prints them; the printed lines are joined
 * with line ends, written as ¶ in the table).
 */
class OutputFormatTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1124013600));

    private static List<OutputFormat.Row> rows() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("mlfid", " srv sshd[1]: ");
        a.put("user", "bob");
        a.put("ip4", "192.0.2.1");
        a.put("users", new LinkedHashSet<>(List.of("bob", "al")));
        a.put("matches", List.of(new TupleLine("", "Aug 14 11:59:58", " srv sshd[1]: Invalid user bob"),
                new TupleLine("", "Aug 14 11:59:59", " srv sshd[1]: Failed for bob")));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("ip4", null);
        b.put("dns", "host.example");
        b.put("ip", IpAddress.parse("192.0.2.2"));
        b.put("matches", List.of(new TupleLine("", "", "x\u0000y from host.example")));
        return List.of(new OutputFormat.Row(IpAddress.parse("192.0.2.1"), 1124013598.0, a),
                new OutputFormat.Row(IpAddress.raw("host.example"), 1124013599L, b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "id|192.0.2.1¶host.example",
        "fid|192.0.2.1¶host.example",
        "ip|192.0.2.1¶192.0.2.2",
        "msg|Aug 14 11:59:58 srv sshd[1]: Invalid user bob¶Aug 14 11:59:59 srv sshd[1]: Failed for bob¶"
                + "x\u0000y from host.example",
        "user|bob¶None",
        "users|{'bob', 'al'}¶None",
        "row|['192.0.2.1',\t1124013598.0,\t{'mlfid': ' srv sshd[1]: ', 'user': 'bob', 'ip4': '192.0.2.1', "
                + "'users': {'bob', 'al'}}],¶"
                + "['host.example',\t1124013599,\t{'ip4': None, 'dns': 'host.example', 'ip': '192.0.2.2'}],",
        "<ip> <F-USER> <F-ID> <fid> <time> <failures> <family> <br><sp><nosuchtag> <F-MISSING>.|"
                + "192.0.2.1 bob  192.0.2.1 1124013598.0 0 inet4 ¶ <nosuchtag> .¶"
                + "192.0.2.2   host.example 1124013599 0 inet4 ¶ <nosuchtag> .",
        "[<msg>] <F-DNS>|[Aug 14 11:59:58 srv sshd[1]: Invalid user bob] ¶"
                + "[Aug 14 11:59:59 srv sshd[1]: Failed for bob] ¶"
                + "[x\u0000y from host.example] host.example",
        "<matches>|Aug 14 11:59:58 srv sshd[1]: Invalid user bob¶Aug 14 11:59:59 srv sshd[1]: Failed for bob¶"
                + "x\\x00y from host.example",
    })
    void formats(String format, String expected) {
        List<String> out = new ArrayList<>();
        new OutputFormat(format, new FakeDnsResolver(), CLOCK).write(rows(), out::add);
        assertEquals(expected.replace('¶', '\n'), String.join("\n", out));
    }
}
