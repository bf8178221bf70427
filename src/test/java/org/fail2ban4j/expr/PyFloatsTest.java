package org.fail2ban4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PyFloatsTest {

    /** {@code float-repr.csv}: random and edge doubles with the repr CPython 3.11 printed for them. */
    static Stream<Arguments> pythonReprs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(PyFloatsTest.class.getResourceAsStream("float-repr.csv")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                long bits = Long.parseUnsignedLong(line.substring(0, comma), 16);
                out.add(Arguments.of(Double.longBitsToDouble(bits), line.substring(comma + 1)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pythonReprs")
    void reprMatchesPython(double value, String expected) {
        assertEquals(expected, PyFloats.repr(value));
    }

    @ParameterizedTest
    @CsvSource({
        "5400.0, 5400.0", "1e16, 1e+16", "1.5e-5, 1.5e-05", "0.0001, 0.0001", "15778800.0, 15778800.0",
        "Infinity, inf", "-Infinity, -inf", "NaN, nan", "-0.0, -0.0", "1e-7, 1e-07", "123.456, 123.456"
    })
    void reprExamples(double value, String expected) {
        assertEquals(expected, PyFloats.repr(value));
    }

    @Test
    void reprNumberByType() {
        assertEquals("86400", PyFloats.reprNumber(86400L));
        assertEquals("86400", PyFloats.reprNumber(86400));
        assertEquals("86400.0", PyFloats.reprNumber(86400.0));
        assertEquals("0.5", PyFloats.reprNumber(0.5f));
        assertEquals("True", PyFloats.reprNumber(true));
        assertThrows(IllegalArgumentException.class, () -> PyFloats.reprNumber("1"));
    }
}
