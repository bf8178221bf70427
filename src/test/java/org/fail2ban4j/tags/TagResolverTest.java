package org.fail2ban4j.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected values and messages were produced by upstream's 1.1.1 {@code substituteRecursiveTags},
 * {@code CommandAction.replaceTag}, {@code replaceDynamicTags} and {@code escapeTag} run in Python; the tables
 * include upstream's cases from actiontestcase.py (testSubstituteRecursiveTags, testReplaceTag,
 * testReplaceTagSelfRecursion, testReplaceTagConditionalCached).
 */
class TagResolverTest {

    static Stream<Arguments> substituteCases() {
        return Stream.of(
            Arguments.of(List.of("A", "<A>"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: A, found: A in {}, value: <A>"),
            Arguments.of(List.of("A", "<B>", "B", "<A>"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: A, found: A in {'B': 1}, value: <A>"),
            Arguments.of(List.of("A", "<B>", "B", "<C>", "C", "<A>"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: A, found: A in {'B': 1, 'C': 1}, value: <A>"),
            Arguments.of(List.of("A", "to=<B> fromip=<IP>", "C", "<B>", "B", "<C>", "D", ""), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: A, found: B in {'B': 26, 'C': 26}, value: to=<B> fromip=<IP>"),
            Arguments.of(List.of("failregex", "to=<honeypot> fromip=<IP>", "sweet", "<honeypot>", "honeypot", "<sweet>", "ignoreregex", ""), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: failregex, found: honeypot in {'honeypot': 26, 'sweet': 26}, value: to=<honeypot> fromip=<IP>"),
            Arguments.of(List.of("X", "x=x<T>", "T", "1", "Z", "<X> <T> <Y>", "Y", "y=y<T>"), "", List.of(), List.of("X", "x=x1", "T", "1", "Z", "x=x1 1 y=y1", "Y", "y=y1"), null),
            Arguments.of(List.of("X", "x=x<T> <Z> <<R1>> <<R2>>", "R1", "Z", "R2", "Y", "T", "1", "Z", "<T> <Y>", "Y", "y=y<T>"), "", List.of(), List.of("X", "x=x1 1 y=y1 1 y=y1 y=y1", "R1", "Z", "R2", "Y", "T", "1", "Z", "1 y=y1", "Y", "y=y1"), null),
            Arguments.of(List.of("actionstart", "ipset create <ipmset> hash:ip timeout <bantime> family <ipsetfamily>\n<iptables> -I <chain> <actiontype>", "ipmset", "f2b-<name>", "name", "any", "bantime", "600", "ipsetfamily", "inet", "iptables", "iptables <lockingopt>", "lockingopt", "-w", "chain", "INPUT", "actiontype", "<multiport>", "multiport", "-p <protocol> -m multiport --dports <port> -m set --match-set <ipmset> src -j <blocktype>", "protocol", "tcp", "port", "ssh", "blocktype", "REJECT"), "", List.of(), List.of("actionstart", "ipset create f2b-any hash:ip timeout 600 family inet\niptables -w -I INPUT -p tcp -m multiport --dports ssh -m set --match-set f2b-any src -j REJECT", "ipmset", "f2b-any", "name", "any", "bantime", "600", "ipsetfamily", "inet", "iptables", "iptables -w", "lockingopt", "-w", "chain", "INPUT", "actiontype", "-p tcp -m multiport --dports ssh -m set --match-set f2b-any src -j REJECT", "multiport", "-p tcp -m multiport --dports ssh -m set --match-set f2b-any src -j REJECT", "protocol", "tcp", "port", "ssh", "blocktype", "REJECT"), null),
            Arguments.of(List.of("A", "<<B><C>>", "B", "D", "C", "E", "DE", "cycle <A>"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: DE, found: DE in {'A': 1}, value: cycle <DE>"),
            Arguments.of(List.of("DE", "cycle <A>", "A", "<<B><C>>", "B", "D", "C", "E"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: DE, found: DE in {'A': 1, 'B': 1, 'C': 1}, value: cycle <DE>"),
            Arguments.of(List.of("A", "<C>"), "", List.of(), List.of("A", "<C>"), null),
            Arguments.of(List.of("A", "<C> <D> <X>", "X", "fun"), "", List.of(), List.of("A", "<C> <D> fun", "X", "fun"), null),
            Arguments.of(List.of("A", "<C> <B>", "B", "cool"), "", List.of(), List.of("A", "<C> cool", "B", "cool"), null),
            Arguments.of(List.of("A", "<matches> <B>", "B", "cool"), "", List.of("matches"), List.of("A", "<matches> cool", "B", "cool"), null),
            Arguments.of(List.of("failregex", "to=<honeypot> fromip=<IP> evilperson=<honeypot>", "honeypot", "pokie", "ignoreregex", ""), "", List.of(), List.of("failregex", "to=pokie fromip=<IP> evilperson=pokie", "honeypot", "pokie", "ignoreregex", ""), null),
            Arguments.of(List.of("HOST", "192.0.2.0", "ABC", "123 <HOST>", "xyz", "890 <ABC>"), "", List.of(), List.of("HOST", "192.0.2.0", "ABC", "123 192.0.2.0", "xyz", "890 123 192.0.2.0"), null),
            Arguments.of(List.of("A", "<<PREF>HOST>", "PREF", "IPV4"), "", List.of(), List.of("A", "<IPV4HOST>", "PREF", "IPV4"), null),
            Arguments.of(List.of("A", "<<PREF>HOST>", "PREF", "IPV4", "IPV4HOST", "1.2.3.4"), "", List.of(), List.of("A", "1.2.3.4", "PREF", "IPV4", "IPV4HOST", "1.2.3.4"), null),
            Arguments.of(List.of("A", "A <IP<PREF>HOST> B IP<PREF> C", "PREF", "V4", "IPV4HOST", "1.2.3.4"), "", List.of(), List.of("A", "A 1.2.3.4 B IPV4 C", "PREF", "V4", "IPV4HOST", "1.2.3.4"), null),
            Arguments.of(List.of("port", "ssh", "port?family=inet6", "22", "cmd", "-p <port> <family>"), "family=inet6", List.of(), List.of("port", "ssh", "port?family=inet6", "22", "cmd", "-p 22 <family>"), null),
            Arguments.of(List.of("port", "ssh", "port?family=inet6", "22", "cmd", "-p <port> <family>"), "family=inet4", List.of(), List.of("port", "ssh", "port?family=inet6", "22", "cmd", "-p ssh <family>"), null),
            Arguments.of(List.of("port", "ssh", "port?family=inet6", "<port>x", "cmd", "-p <port>"), "family=inet6", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: port?family=inet6, found: port in {'port': 26}, value: <port>xxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Arguments.of(List.of("a", "<b> <c>", "b", "<c>", "c", "x"), "", List.of("b"), List.of("a", "<b> x", "b", "<c>", "c", "x"), null),
            Arguments.of(List.of("a", "<a?x>", "a?x", "1"), "", List.of(), List.of("a", "1", "a?x", "1"), null),
            Arguments.of(List.of("A", "<B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B><B>", "B", "b"), "", List.of(), List.of("A", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "B", "b"), null),
            Arguments.of(List.of("A", "<B><C>", "B", "<C><C>", "C", "<D>", "D", "d"), "", List.of(), List.of("A", "ddd", "B", "dd", "C", "d", "D", "d"), null),
            Arguments.of(List.of("A", "it's <B>", "B", "<A2>", "A2", "<B>"), "", List.of(), null, "properties contain self referencing definitions and cannot be resolved, fail tag: A, found: B in {'B': 26, 'A2': 26}, value: it's <B>")
        );
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("substituteCases")
    void substituteRecursiveTagsMatchesPython(List<String> input, String conditional, List<String> ignore,
            List<String> expected, String error) {
        Map<String, String> tags = OptionListParserTest.pairs(input);
        Map<String, String> copy = new LinkedHashMap<>(tags);
        if (error != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TagResolver.substituteRecursiveTags(tags, conditional, Set.copyOf(ignore), null));
            assertEquals(error, e.getMessage());
            return;
        }
        Map<String, String> out = TagResolver.substituteRecursiveTags(tags, conditional, Set.copyOf(ignore), null);
        assertEquals(OptionListParserTest.pairs(expected), out);
        assertEquals(List.copyOf(tags.keySet()), List.copyOf(out.keySet()), "order");
        assertEquals(copy, tags, "input untouched");
        assertNotSame(tags, out);
    }

    @Test
    void simpleOverloadAndFallback() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("a", "<b>-<c>");
        tags.put("b", "B");
        assertEquals(Map.of("a", "B-<c>", "b", "B"), TagResolver.substituteRecursiveTags(tags));
        Function<String, String> extra = t -> t.equals("c") ? "<b>C" : null;
        assertEquals(Map.of("a", "B-BC", "b", "B"),
                TagResolver.substituteRecursiveTags(tags, "", Set.of(), extra));
    }

    static Stream<Arguments> replaceCases() {
        return Stream.of(
            Arguments.of("Text<br>text", List.of("HOST", "192.0.2.0", "ABC", "123", "xyz", "890"), "", "Text\ntext", null),
            Arguments.of("Text <HOST> text", List.of("HOST", "192.0.2.0", "ABC", "123", "xyz", "890"), "", "Text 192.0.2.0 text", null),
            Arguments.of("Text <xyz> text <ABC> ABC", List.of("HOST", "192.0.2.0", "ABC", "123", "xyz", "890"), "", "Text 890 text 123 ABC", null),
            Arguments.of("<matches>", List.of("matches", "some >char< should \\< be[ escap}ed&\n"), "", "some \\>char\\< should \\\\\\< be\\[ escap\\}ed\\&\\n", null),
            Arguments.of("<ipmatches>", List.of("ipmatches", "some >char< should \\< be[ escap}ed&\n"), "", "some \\>char\\< should \\\\\\< be\\[ escap\\}ed\\&\\n", null),
            Arguments.of("<ipjailmatches>", List.of("ipjailmatches", "some >char< should \\< be[ escap}ed&\r\n"), "", "some \\>char\\< should \\\\\\< be\\[ escap\\}ed\\&\\r\\n", null),
            Arguments.of("Text <xyz> text <ABC> ABC", List.of("HOST", "192.0.2.0", "ABC", "<xyz>", "xyz", "890"), "", "Text 890 text 890 ABC", null),
            Arguments.of("<banaction> '<abc>'", List.of("abc", "123", "abc?family=inet4", "345", "abc?family=inet6", "567", "xyz", "890-<abc>", "banaction", "Text <xyz> text <abc>"), "", "Text 890-123 text 123 '123'", null),
            Arguments.of("<banaction> '<abc>'", List.of("abc", "123", "abc?family=inet4", "345", "abc?family=inet6", "567", "xyz", "890-<abc>", "banaction", "Text <xyz> text <abc>"), "family=inet4", "Text 890-345 text 345 '345'", null),
            Arguments.of("<banaction> '<abc>'", List.of("abc", "123", "abc?family=inet4", "345", "abc?family=inet6", "567", "xyz", "890-<abc>", "banaction", "Text <xyz> text <abc>"), "family=inet6", "Text 890-567 text 567 '567'", null),
            Arguments.of("<a><b>", List.of("a", "<a", "b", "c>", "b?family=inet6", "b>", "ac", "<a><b>", "ab", "<ac>", "x?family=inet6", ""), "family=inet4", null, "properties contain self referencing definitions and cannot be resolved, fail tag: ab, found: ac in {'ac': 26}, value: <ac>"),
            Arguments.of("<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x<x>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>", List.of("a", "<a", "b", "c>", "b?family=inet6", "b>", "ab", "<ac>", "x?family=inet6", ""), "family=inet6", null, "unexpected too long replacement interpolation, possible self referencing definitions in query: <x<x<x<x>>>>"),
            Arguments.of("no tags", List.of(), "", "no tags", null),
            Arguments.of("<unknown> <sp>x<br>", List.of(), "", "<unknown>  x\n", null),
            Arguments.of("<actionban>", List.of("actionban", "<iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>", "iptables", "iptables <lockingopt>", "lockingopt", "-w", "name", "sshd", "blocktype", "REJECT --reject-with icmp-port-unreachable", "blocktype?family=inet6", "REJECT --reject-with icmp6-port-unreachable"), "family=inet6", "iptables -w -I f2b-sshd 1 -s <ip> -j REJECT --reject-with icmp6-port-unreachable", null),
            Arguments.of("<matches> and <ip>", List.of("matches", "<ip> $(rm -rf /)", "ip", "1.2.3.4"), "", "\\<ip\\> \\$\\(rm -rf /\\) and 1.2.3.4", null)
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("replaceCases")
    void replaceTagMatchesPython(String query, List<String> props, String conditional, String expected,
            String error) {
        Map<String, String> properties = OptionListParserTest.pairs(props);
        if (error != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TagResolver.replaceTag(query, properties, conditional, null));
            assertEquals(error, e.getMessage());
            return;
        }
        assertEquals(expected, TagResolver.replaceTag(query, properties, conditional, null));
    }

    @Test
    void replaceTagFallbackServesHostnames() {
        Function<String, String> host = t -> t.equals("fq-hostname") ? "host.example.com" : null;
        assertEquals("on host.example.com <x>", TagResolver.replaceTag("on <fq-hostname> <x>", Map.of(), "", host));
    }

    @Test
    void replaceTagsIsSinglePass() {
        Map<String, String> info = Map.of("A", "0", "B", "<A><A>");
        assertEquals("test=0--<A><A>--0", TagResolver.replaceTags("test=<A>--<B>--<A>", info::get));
        assertEquals("abc", TagResolver.replaceTags("abc", t -> {
            throw new AssertionError("no lookup without tags");
        }));
        assertEquals("<<x>", TagResolver.replaceTags("<<y>", t -> t.equals("y") ? "<x>" : null));
        assertEquals("09 10 11", TagResolver.replaceTags("09 <matches> 11", t -> "10"));
    }

    static Stream<Arguments> escapeCases() {
        return Stream.of(
            Arguments.of("plain", "plain"),
            Arguments.of("some >char< should \\< be[ escap}ed&\n", "some \\>char\\< should \\\\\\< be\\[ escap\\}ed\\&\\n"),
            Arguments.of("a\rb", "a\\rb"),
            Arguments.of("`~|*?^(){}$'\"#;", "\\`\\~\\|\\*\\?\\^\\(\\)\\{\\}\\$\\'\\\"\\#\\;")
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("escapeCases")
    void escapeTagMatchesPython(String value, String expected) {
        assertEquals(expected, TagResolver.escapeTag(value));
    }

    static Stream<Arguments> dynamicCases() {
        return Stream.of(
            Arguments.of("echo <ip>", List.of("ip", "192.0.2.1"), List.of(), "echo 192.0.2.1", List.of()),
            Arguments.of("echo <ip> <matches>", List.of("ip", "192.0.2.1", "matches", "I'm a hacker; && $(echo x)"), List.of(), "f2bV_matches=$0 \necho 192.0.2.1 $f2bV_matches", List.of("I'm a hacker; && $(echo x)")),
            Arguments.of("user=<F-USER> id=<F-ID> port=<F-PORT> miss=<F-NOPE>", List.of("ip", "1.2.3.4"), List.of("user", "root", "fid", "x`y", "fport", "22"), "f2bV_F_fid=$0 \nuser=root id=$f2bV_F_fid port=22 miss=", List.of("x`y")),
            Arguments.of("<a>-<b>-<a><br><sp><unknown>", List.of("a", "x;", "b", "ok"), List.of(), "f2bV_a=$0 \n$f2bV_a-ok-$f2bV_a\n <unknown>", List.of("x;")),
            Arguments.of("<F-USER> <F-USER>", List.of(), List.of("user", "$(x)"), "f2bV_F_user=$0 \n$f2bV_F_user $f2bV_F_user", List.of("$(x)")),
            Arguments.of("<ip-rev>", List.of("ip-rev", "1.2.3.4."), List.of(), "1.2.3.4.", List.of()),
            Arguments.of("<ip-rev> <x.y>", List.of("ip-rev", "a|b", "x.y", "c&d"), List.of(), "f2bV_ip_rev=$0 f2bV_x_y=$1 \n$f2bV_ip_rev $f2bV_x_y", List.of("a|b", "c&d")),
            Arguments.of("no tags", List.of(), List.of(), "no tags", List.of())
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dynamicCases")
    void replaceDynamicTagsMatchesPython(String command, List<String> info, List<String> ticket, String script,
            List<String> args) {
        Map<String, String> aInfo = OptionListParserTest.pairs(info);
        DynamicCommand cmd = DynamicTagResolver.replaceDynamicTags(command, aInfo::get,
                OptionListParserTest.pairs(ticket), null);
        assertEquals(script, cmd.script());
        assertEquals(args, cmd.args());
    }
}
