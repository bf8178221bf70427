package org.fail2ban4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code data} column bytes, compared with Python's {@code _json_dumps_safe} output for the same values. */
class TicketDataJsonTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String written(Map<String, Object> m) {
        return new String(TicketDataJson.write(m), StandardCharsets.UTF_8);
    }

    @Test
    void writesLikePython() {
        assertEquals("{\"matches\": [\"abc\\n\"], \"failures\": 0}",
                written(map("matches", List.of("abc\n"), "failures", 0)));
        assertEquals("{\"matches\": [], \"failures\": 3, \"user\": \"root\"}",
                written(map("matches", List.of(), "failures", 3, "user", "root")));
        assertEquals("{\"matches\": [\"line \u00e9 \\u001b x\\n\", \"tab\\there \\\"q\\\" back\\\\slash /\", "
                + "\"\u2028 \u007f \\u0000\"], \"failures\": 1}",
                written(map("matches", List.of("line \u00e9 \u001b x\n", "tab\there \"q\" back\\slash /",
                        "\u2028 \u007f \u0000"), "failures", 1)));
        assertEquals("{\"x\": 1.5e+16, \"f\": 0.1, \"i\": 10, \"n\": null, \"b\": true, \"c\": false, "
                + "\"big\": 12345678901234567890}",
                written(map("x", 1.5e16, "f", 0.1, "i", 10L, "n", null, "b", true, "c", false, "big",
                        new BigInteger("12345678901234567890"))));
        assertEquals("{\"nested\": {\"a\": [1, 2.5, \"s\"], \"e\": {}}, \"l\": []}",
                written(map("nested", map("a", List.of(1, 2.5, "s"), "e", map()), "l", List.of())));
        Set<String> users = new LinkedHashSet<>(List.of("root"));
        assertEquals("{\"users\": \"['root']\"}", written(map("users", users)));
        assertEquals("{\"users\": [\"a\", [\"b\", \"c\"]]}", written(map("users", List.of("a", List.of("b", "c")))));
        List<Object> fl = new ArrayList<>(Arrays.asList(1e-05, 100.0, 123456789012345678.0, -0.0,
                Double.POSITIVE_INFINITY, Double.NaN));
        assertEquals("{\"fl\": [1e-05, 100.0, 1.2345678901234568e+17, -0.0, Infinity, NaN]}", written(map("fl", fl)));
    }

    @Test
    void pythonReprOfSetElements() {
        assertEquals("[\"it's\", 'say \"hi\"', 'both \\' and \"', '\\x01\\n', '\u00e9\\u2028']",
                TicketDataJson.pyRepr(List.of("it's", "say \"hi\"", "both ' and \"", "\u0001\n", "\u00e9\u2028")));
    }

    @Test
    void loneSurrogateBecomesQuestionMark() {
        assertEquals("{\"m\": \"a?b\"}", written(map("m", "a\ud800b")));
    }

    @Test
    void readsPythonText() {
        Map<String, Object> m = TicketDataJson.read(("{\"matches\": [\"abc\\n\", [\"a\", \"b\"]], \"failures\": 3, "
                + "\"f\": NaN, \"x\": 1.5e+16}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("matches", "failures", "f", "x"), new ArrayList<>(m.keySet()));
        assertEquals(List.of("abc\n", List.of("a", "b")), m.get("matches"));
        assertEquals(3, ((Number) m.get("failures")).intValue());
        assertEquals(Double.NaN, m.get("f"));
        assertEquals(1.5e16, m.get("x"));
    }

    @Test
    void readFailuresGiveEmptyData() {
        assertEquals(Map.of(), TicketDataJson.read("{broken".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(), TicketDataJson.read("[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(), TicketDataJson.read(null));
        // invalid UTF-8 is replaced, not fatal
        byte[] bad = {'{', '"', 'a', '"', ':', ' ', '"', (byte) 0xd1, (byte) 0xe2, '"', '}'};
        assertEquals("\ufffd\ufffd", TicketDataJson.read(bad).get("a"));
    }

    @Test
    void roundTrip() {
        Map<String, Object> m = map("matches", List.of("x\ty", "\u00fc"), "failures", 2, "user", "admin");
        Map<String, Object> back = TicketDataJson.read(TicketDataJson.write(m));
        assertEquals(m.keySet(), back.keySet());
        assertEquals(m.get("matches"), back.get("matches"));
        assertEquals(2, ((Number) back.get("failures")).intValue());
    }
}
