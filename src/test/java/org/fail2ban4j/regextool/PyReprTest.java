package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PyRepr} against Python's {@code repr()} and {@code str()} (values recorded from Python 3.11). */
class PyReprTest {

    @Test
    void dictOfFailureData() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("a", null);
        d.put("b", new LinkedHashSet<>(List.of("x")));
        d.put("c", List.of(new TupleLine("", "d", "e")));
        d.put("d", 1.5);
        d.put("e", 17);
        d.put("f", true);
        d.put("g", "it's");
        d.put("h", new LinkedHashSet<>());
        assertEquals("{'a': None, 'b': {'x'}, 'c': [('', 'd', 'e')], 'd': 1.5, 'e': 17, 'f': True, 'g': \"it's\", "
                + "'h': set()}", PyRepr.repr(d));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1793491200.0|1793491200.0", "1795373442.4085748|1795373442.4085748",
        "0.1|0.1", "1e16|1e+16"})
    void floats(double x, String expected) {
        assertEquals(expected, PyRepr.repr(x));
    }

    @Test
    void stringsAddressesAndNone() {
        assertEquals("'a\\'b\"c'", PyRepr.repr("a'b\"c"));
        assertEquals("'\u00e9\\x7f\\u2028'", PyRepr.repr("\u00e9\u007f\u2028"));
        assertEquals("'192.0.2.1'", PyRepr.repr(IpAddress.parse("192.0.2.1")));
        assertEquals("192.0.2.1", PyRepr.str(IpAddress.parse("192.0.2.1")));
        assertEquals("text", PyRepr.str("text"));
        assertEquals("None", PyRepr.str(null));
        assertEquals("1793491210", PyRepr.repr(1793491210L));
        List<Object> l = new ArrayList<>();
        l.add(null);
        l.add("x");
        assertEquals("[None, 'x']", PyRepr.str(l));
        assertEquals("{'a', 'b'}", PyRepr.str(new LinkedHashSet<>(List.of("a", "b"))));
    }
}
