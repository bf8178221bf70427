package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PyTextTest {

    static Stream<Arguments> reprs() {
        return Stream.of(
                Arguments.of(null, "None"),
                Arguments.of(true, "True"),
                Arguments.of(5L, "5"),
                Arguments.of(BigInteger.TWO.pow(70), "1180591620717411303424"),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("a'b\"c", "'a\\'b\"c'"),
                Arguments.of("t\tn\nr\r\\ \u0001 \u00e9 \u00a0 \u2603 \uD83D\uDE00",
                        "'t\\tn\\nr\\r\\\\ \\x01 \u00e9 \\xa0 \u2603 \uD83D\uDE00'"),
                Arguments.of(new byte[] {'a', 0, (byte) 0xff, '\''}, "b\"a\\x00\\xff'\""),
                Arguments.of(List.of("a", 1L), "['a', 1]"),
                Arguments.of(PyTuple.of(), "()"),
                Arguments.of(PyTuple.of("x"), "('x',)"),
                Arguments.of(PyTuple.of("x", Arrays.asList(null, 2.5)), "('x', [None, 2.5])"),
                Arguments.of(Fixtures.dict("b", 1L, "a", PyTuple.of()), "{'b': 1, 'a': ()}"),
                Arguments.of(Set.of(), "set()"),
                Arguments.of(Set.of("x"), "{'x'}"),
                Arguments.of(PyException.builtin("IndexError", "list index out of range"),
                        "IndexError('list index out of range')"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("reprs")
    void repr(Object value, String expected) {
        assertEquals(expected, PyText.repr(value));
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "600.0, 600.0", "0.1, 0.1", "1e16, 1e+16", "1.5e-05, 1.5e-05", "0.0001, 0.0001",
            "123456789012345.6, 123456789012345.6", "1e100, 1e+100", "-2.5, -2.5", "1e22, 1e+22",
            "9999999999999998.0, 9999999999999998.0", "5e-324, 5e-324"})
    void floatsAsPython(double value, String expected) {
        assertEquals(expected, PyText.reprFloat(value));
    }

    @Test
    void str() {
        assertEquals("text", PyText.str("text"));
        assertEquals("None", PyText.str(null));
        assertEquals("['a']", PyText.str(List.of("a")));
        assertEquals("'sshd'", PyText.str(PyException.unknownJail("sshd")));
        assertEquals("Invalid command", PyText.str(PyException.exception("Invalid command")));
        assertEquals("", new PyException("builtins", "Exception", List.of()).message());
        assertEquals("('a', 1)", new PyException("builtins", "Exception", List.of("a", 1L)).message());
    }
}
