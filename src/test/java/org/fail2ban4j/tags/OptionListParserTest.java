package org.fail2ban4j.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected values were produced by running upstream's 1.1.1 {@code fail2ban.helpers.extractOptions} and
 * {@code splitWithOptions} in Python; the table includes upstream's own cases (clientreadertestcase.py
 * testSplitOption, testSplitWithOptions).
 */
class OptionListParserTest {

    static Map<String, String> pairs(List<String> kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.size(); i += 2) {
            m.put(kv.get(i), kv.get(i + 1));
        }
        return m;
    }

    static Stream<Arguments> extractCases() {
        return Stream.of(
            Arguments.of("mail-whois[name=SSH]", "mail-whois", List.of("name", "SSH"), null),
            Arguments.of("mail.who_is", "mail.who_is", List.of(), null),
            Arguments.of("mail.who_is[a=cat,b=dog]", "mail.who_is", List.of("a", "cat", "b", "dog"), null),
            Arguments.of("mail--ho_is", "mail--ho_is", List.of(), null),
            Arguments.of("mail[a=',']", "mail", List.of("a", ","), null),
            Arguments.of("mail[a=b, ]", "mail", List.of("a", "b"), null),
            Arguments.of("mail-how[", null, null, "unexpected option syntax"),
            Arguments.of("mail[a=\"test with interim (wrong) \"\" quotes\"]", null, null, "unexpected syntax at 30 after option 'a': \" quotes\""),
            Arguments.of("mail[a='test with interim (wrong) '' quotes']", null, null, "unexpected syntax at 30 after option 'a': ' quotes'"),
            Arguments.of("mail[a='x, y, z', b=x, y, z]", null, null, "expected option, wrong syntax at 17:  y, z"),
            Arguments.of("mail['s']", null, null, "expected option, wrong syntax at 0: 's'"),
            Arguments.of("abc[]", "abc", List.of(), null),
            Arguments.of("option[opt01=abc,opt02=\"123\",opt03=\"with=okay?\",opt04=\"andwith,okay...\",opt05=\"how about spaces\",opt06=\"single'in'double\",opt07='double\"in\"single',  opt08= leave some space, opt09=one for luck, opt10=, opt11=]", "option", List.of("opt01", "abc", "opt02", "123", "opt03", "with=okay?", "opt04", "andwith,okay...", "opt05", "how about spaces", "opt06", "single'in'double", "opt07", "double\"in\"single", "opt08", "leave some space", "opt09", "one for luck", "opt10", "", "opt11", ""), null),
            Arguments.of("option[opt01=abc][opt02=\"123\"][opt03=\"with=okay?\"][opt04=\"andwith][okay...\"][opt05=\"how about spaces\"][opt06=\"single'in'double\"][opt07='double\"in\"single'][  opt08= leave some space][ opt09=one for luck][ opt10=][ opt11=]", "option", List.of("opt01", "abc", "opt02", "123", "opt03", "with=okay?", "opt04", "andwith][okay...", "opt05", "how about spaces", "opt06", "single'in'double", "opt07", "double\"in\"single", "opt08", "leave some space", "opt09", "one for luck", "opt10", "", "opt11", ""), null),
            Arguments.of("mail-whois [name=SSH]", "mail-whois ", List.of("name", "SSH"), null),
            Arguments.of(" mail-whois[name=SSH]  ", " mail-whois", List.of("name", "SSH"), null),
            Arguments.of("mail[a=1 b]", "mail", List.of("a", "1 b"), null),
            Arguments.of("mail[\u00e9=1]", "mail", List.of("\u00e9", "1"), null),
            Arguments.of("mail[a=1]x", null, null, "unexpected option syntax"),
            Arguments.of("iptables[port?family=inet6=22, port=ssh]", "iptables", List.of("port?family=inet6", "22", "port", "ssh"), null),
            Arguments.of("iptables[port?family=inet6=22, port=ssh][protocol=tcp]", "iptables", List.of("port?family=inet6", "22", "port", "ssh", "protocol", "tcp"), null),
            Arguments.of("a[x=1,\n  y=\"2\n3\"]", "a", List.of("x", "1", "y", "2\n3"), null),
            Arguments.of("a[b=1, b=2, c=3]", "a", List.of("b", "2", "c", "3"), null),
            Arguments.of("a[ k = v ]", null, null, "expected option, wrong syntax at 0:  k = v "),
            Arguments.of("sshd[mode=aggressive]", "sshd", List.of("mode", "aggressive"), null),
            Arguments.of("name[x=\"quoted ]\"]", "name", List.of("x", "quoted ]"), null),
            Arguments.of("name[x=1]\n", "name", List.of("x", "1"), null),
            Arguments.of("[x=1]", null, null, "unexpected option syntax"),
            Arguments.of("", null, null, "unexpected option syntax"),
            Arguments.of("  ", "  ", List.of(), null),
            Arguments.of("name[x=1, !bad=2]", null, null, "expected option, wrong syntax at 4:  !bad=2"),
            Arguments.of("name[x=1, y]", null, null, "expected option, wrong syntax at 4:  y"),
            Arguments.of("name[x=\"a\"junk and more junk after it ok]", null, null, "unexpected syntax at 5 after option 'x': junk and more junk after "),
            Arguments.of("name[x='\u00fc\u00fc'junk]", null, null, "unexpected syntax at 6 after option 'x': junk"),
            Arguments.of("name[\u00e4=1, \u00fc]", null, null, "expected option, wrong syntax at 4:  \u00fc"),
            Arguments.of("n[a=1][b=2]   ", "n", List.of("a", "1", "b", "2"), null),
            Arguments.of("n[a=\"1\"  ,  b='2'  ]", null, null, "unexpected syntax at 5 after option 'a':   ,  b='2'  "),
            Arguments.of("n[a=1]]", null, null, "unexpected syntax at 3 after option 'a': ]"),
            Arguments.of("action[name=%(__name__)s, bantime=\"%(bantime)s\", port=\"%(port)s\", protocol=\"%(protocol)s\", chain=\"%(chain)s\"]", "action", List.of("name", "%(__name__)s", "bantime", "%(bantime)s", "port", "%(port)s", "protocol", "%(protocol)s", "chain", "%(chain)s"), null)
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("extractCases")
    void extractOptionsMatchesPython(String option, String name, List<String> options, String error) {
        if (error != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptionListParser.extractOptions(option));
            assertEquals(error, e.getMessage());
            return;
        }
        OptionSpec spec = OptionListParser.extractOptions(option);
        assertEquals(name, spec.name());
        assertEquals(pairs(options), spec.options());
        assertEquals(List.copyOf(pairs(options).keySet()), List.copyOf(spec.options().keySet()), "order");
    }

    static Stream<Arguments> splitCases() {
        return Stream.of(
            Arguments.of("a\nb", List.of("a", "b")),
            Arguments.of("a[x=y]\nb", List.of("a[x=y]", "b")),
            Arguments.of("a[x=y][z=z]\nb", List.of("a[x=y][z=z]", "b")),
            Arguments.of("a[x=\"y][z\"]\nb", List.of("a[x=\"y][z\"]", "b")),
            Arguments.of("a[x=\"y z\"]\nb", List.of("a[x=\"y z\"]", "b")),
            Arguments.of("a[x=\"y\tz\"]\nb", List.of("a[x=\"y\tz\"]", "b")),
            Arguments.of("a[x=\"y\nz\"]\nb", List.of("a[x=\"y\nz\"]", "b")),
            Arguments.of("a\tb", List.of("a", "b")),
            Arguments.of("a[x=y]\tb", List.of("a[x=y]", "b")),
            Arguments.of("a[x=y][z=z]\tb", List.of("a[x=y][z=z]", "b")),
            Arguments.of("a[x=\"y][z\"]\tb", List.of("a[x=\"y][z\"]", "b")),
            Arguments.of("a[x=\"y z\"]\tb", List.of("a[x=\"y z\"]", "b")),
            Arguments.of("a[x=\"y\tz\"]\tb", List.of("a[x=\"y\tz\"]", "b")),
            Arguments.of("a[x=\"y\nz\"]\tb", List.of("a[x=\"y\nz\"]", "b")),
            Arguments.of("a b", List.of("a", "b")),
            Arguments.of("a[x=y] b", List.of("a[x=y]", "b")),
            Arguments.of("a[x=y][z=z] b", List.of("a[x=y][z=z]", "b")),
            Arguments.of("a[x=\"y][z\"] b", List.of("a[x=\"y][z\"]", "b")),
            Arguments.of("a[x=\"y z\"] b", List.of("a[x=\"y z\"]", "b")),
            Arguments.of("a[x=\"y\tz\"] b", List.of("a[x=\"y\tz\"]", "b")),
            Arguments.of("a[x=\"y\nz\"] b", List.of("a[x=\"y\nz\"]", "b")),
            Arguments.of("iptables-multiport[name=SSH, port=ssh, protocol=tcp]\n sendmail-whois[name=SSH, dest=you@example.com, sender=fail2ban@example.com, sendername=\"Fail2Ban\"]", List.of("iptables-multiport[name=SSH, port=ssh, protocol=tcp]\n", "sendmail-whois[name=SSH, dest=you@example.com, sender=fail2ban@example.com, sendername=\"Fail2Ban\"]")),
            Arguments.of("%(action_)s\n%(mta)s-whois[sender=\"%(sender)s\", dest=\"%(destemail)s\", chain=\"%(chain)s\"]", List.of("%(action_)s", "%(mta)s-whois[sender=\"%(sender)s\", dest=\"%(destemail)s\", chain=\"%(chain)s\"]")),
            Arguments.of("  a  \n\n  b[x=1,\n y=2]  \n c", List.of("a  \n\n ", "b[x=1,\n y=2]  \n", "c")),
            Arguments.of("", List.of()),
            Arguments.of("single", List.of("single")),
            Arguments.of("a[x=1] [y=2]", List.of("a[x=1] [y=2]")),
            Arguments.of("a [x=1]", List.of("a [x=1]")),
            Arguments.of("a[x=unclosed", List.of("a[x=unclosed")),
            Arguments.of("a[x=1]b c", List.of("a[x=1]b", "c")),
            Arguments.of("a[x=\"1\"]\n\tb[y='2',\n\t  z=\"3 4\"]\n", List.of("a[x=\"1\"]\n", "b[y='2',\n\t  z=\"3 4\"]\n"))
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("splitCases")
    void splitWithOptionsMatchesPython(String value, List<String> expected) {
        assertEquals(expected, OptionListParser.splitWithOptions(value));
    }

    @Test
    void optionSpecIsImmutableAndOrdered() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("z", "1");
        m.put("a", "2");
        OptionSpec spec = new OptionSpec("x", m);
        m.put("b", "3");
        assertEquals(List.of("z", "a"), List.copyOf(spec.options().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> spec.options().put("c", "4"));
    }
}
