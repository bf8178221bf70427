package org.fail2ban4j.expr;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are Python 3.11's {@code repr(eval(expr))}, taken from the interpreter. */
class PyExpressionTest {

    private static Arguments row(String expr, String pyRepr) {
        return Arguments.of(expr, pyRepr);
    }

    private static Arguments vrow(String expr, long time, long count, Object factor, String pyRepr) {
        return Arguments.of(expr, time, count, factor, pyRepr);
    }

    static Stream<Arguments> constantExpressions() {
        return Stream.of(
            row("1", "1"),
            row("-1", "-1"),
            row("600", "600"),
            row("1_000", "1000"),
            row("0x1f", "31"),
            row("0o17", "15"),
            row("0b101", "5"),
            row("1e3", "1000.0"),
            row(".5", "0.5"),
            row("1.", "1.0"),
            row("1.5e-3", "0.0015"),
            row("1E+2", "100.0"),
            row("2+3", "5"),
            row("2-3.0", "-1.0"),
            row("2*3", "6"),
            row("7/2", "3.5"),
            row("6/3", "2.0"),
            row("1/3", "0.3333333333333333"),
            row("-7//2", "-4"),
            row("7//-2", "-4"),
            row("-7.5//2", "-4.0"),
            row("7.5//-2", "-4.0"),
            row("-7%2", "1"),
            row("7%-2", "-1"),
            row("-7.5%2", "0.5"),
            row("7.5%-2", "-0.5"),
            row("-0.0%5", "0.0"),
            row("5%-0.0 if False else 1", "1"),
            row("2**10", "1024"),
            row("2**-1", "0.5"),
            row("(-2)**3", "-8"),
            row("-2**2", "-4"),
            row("2**0.5", "1.4142135623730951"),
            row("10**18", "1000000000000000000"),
            row("2.0**0.5", "1.4142135623730951"),
            row("1<<10", "1024"),
            row("1<<62", "4611686018427387904"),
            row("1024>>3", "128"),
            row("-1024>>3", "-128"),
            row("-1>>100", "-1"),
            row("5&3", "1"),
            row("5|3", "7"),
            row("5^3", "6"),
            row("~5", "-6"),
            row("~True", "-2"),
            row("True+True", "2"),
            row("-True", "-1"),
            row("+True", "1"),
            row("True&True", "True"),
            row("True|False", "True"),
            row("True^True", "False"),
            row("1 < 2", "True"),
            row("1 < 2 < 3", "True"),
            row("1 < 3 < 2", "False"),
            row("3 > 2 == 2", "True"),
            row("1 == 1.0", "True"),
            row("1 != 1.0", "False"),
            row("2 >= 2", "True"),
            row("2 <= 1", "False"),
            row("9007199254740993 > 9007199254740992.0", "True"),
            row("9007199254740993 == 9007199254740992.0", "False"),
            row("0 or 5", "5"),
            row("0 or 0.0", "0.0"),
            row("2 and 0.0", "0.0"),
            row("2 and 3", "3"),
            row("not 0", "True"),
            row("not 1.5", "False"),
            row("1 if True else 2", "1"),
            row("5 if 0 else 2.0", "2.0"),
            row("1if 1 else 2", "1"),
            row("(1\n+2)", "3"),
            row("min(3, 1, 2)", "1"),
            row("max(3, 1.0, 2)", "3"),
            row("min(1, 1.0)", "1"),
            row("max(1.0, 1)", "1.0"),
            row("abs(-3)", "3"),
            row("abs(-3.5)", "3.5"),
            row("abs(True)", "1"),
            row("float(3)", "3.0"),
            row("float()", "0.0"),
            row("int(-3.9)", "-3"),
            row("int(3.9)", "3"),
            row("int(True)", "1"),
            row("int()", "0"),
            row("round(2.5)", "2"),
            row("round(3.5)", "4"),
            row("round(-2.5)", "-2"),
            row("round(2.675, 2)", "2.67"),
            row("round(-0.4, 0)", "-0.0"),
            row("round(1234, -2)", "1200"),
            row("round(1250, -2)", "1200"),
            row("round(1350, -2)", "1400"),
            row("round(7, 2)", "7"),
            row("round(0.125, 2)", "0.12"),
            row("math.exp(1)", "2.718281828459045"),
            row("math.exp(0)", "1.0"),
            row("math.log(8, 2)", "3.0"),
            row("math.log(100)", "4.605170185988092"),
            row("math.log(1000, 10)", "2.9999999999999996"),
            row("math.log10(1000)", "3.0"),
            row("math.log2(8)", "3.0"),
            row("math.sqrt(16)", "4.0"),
            row("math.sqrt(2)", "1.4142135623730951"),
            row("math.pow(2, 10)", "1024.0"),
            row("math.pow(2, 0.5)", "1.4142135623730951"),
            row("math.floor(-2.5)", "-3"),
            row("math.floor(7)", "7"),
            row("math.ceil(2.1)", "3"),
            row("math.trunc(-2.7)", "-2"),
            row("math.fabs(-3)", "3.0"),
            row("math.pi", "3.141592653589793"),
            row("math.e", "2.718281828459045"),
            row("math.inf", "inf"),
            row("1e400", "inf"),
            row("-1e400", "-inf"),
            row("2*3+4*5", "26"),
            row("(2+3)*4", "20"),
            row("2**3**2", "512"),
            row("10-2-3", "5"),
            row("100/10/5", "2.0"),
            row("2*-3", "-6"),
            row("--3", "3"),
            row("1 + 2 # comment", "3"),
            row("1*86400", "86400"),
            row("1*31557600.0-6*2629800.0", "15778800.0"),
            row("2*.5*31557600.0+1*1*2629800.0-3*1/3*604800+2/2*86400-(2*12*3600+3*20*60+80*1)", "33578920.0"),
            row("600 * math.exp(float(3+1)*1)/math.exp(1*1)", "12051.3221539126"),
            row("600 * (1<<(3 if 3<20 else 20)) * 1", "4800"),
            row("600 * (1<<(30 if 30<20 else 20)) * 2", "1258291200"),
            row("3600 * math.exp(float(5+1)*1.5)/math.exp(1*1.5)", "6508952.692041828"),
            row("1.5*3600", "5400.0"),
            row("0.1+0.2", "0.30000000000000004"),
            row("1/3*3", "1.0"),
            row("100000000000000000000.0", "1e+20"),
            row("0.0001", "0.0001"),
            row("0.00001", "1e-05"),
            row("123456789012345678", "123456789012345678"),
            row("1e16", "1e+16"),
            row("1e15", "1000000000000000.0"),
            row("1.7976931348623157e308", "1.7976931348623157e+308"),
            row("5e-324", "5e-324")
        );
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("constantExpressions")
    void evaluatesLikePython(String expr, String pyRepr) {
        Object v = PyExpression.parse(expr).evaluate(Map.of());
        assertEquals(pyRepr, PyFloats.reprNumber(v), expr);
    }

    static Stream<Arguments> banFormulas() {
        return Stream.of(
            vrow("ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)", 600, 3, 1, "12051.3221539126"),
            vrow("ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)", 600, 1, 1, "1630.9690970754273"),
            vrow("ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)", 3600, 10, 2.5, "259217637614589.12"),
            vrow("ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)", 600, 25, 1, "43202939602431.53"),
            vrow("ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor", 600, 3, 1, "4800"),
            vrow("ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor", 600, 1, 1, "1200"),
            vrow("ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor", 3600, 10, 2.5, "9216000.0"),
            vrow("ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor", 600, 25, 1, "629145600"),
            vrow("ban.Time * banFactor", 600, 3, 1, "600"),
            vrow("ban.Time * banFactor", 600, 1, 1, "600"),
            vrow("ban.Time * banFactor", 3600, 10, 2.5, "9000.0"),
            vrow("ban.Time * banFactor", 600, 25, 1, "600"),
            vrow("ban.Count > 2 and ban.Time or 0", 600, 3, 1, "600"),
            vrow("ban.Count > 2 and ban.Time or 0", 600, 1, 1, "0"),
            vrow("ban.Count > 2 and ban.Time or 0", 3600, 10, 2.5, "3600"),
            vrow("ban.Count > 2 and ban.Time or 0", 600, 25, 1, "600")
        );
    }

    @ParameterizedTest(name = "{0} [Time={1}, Count={2}, factor={3}] -> {4}")
    @MethodSource("banFormulas")
    void evaluatesBanTimeFormulas(String expr, long time, long count, Object factor, String pyRepr) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ban.Time", time);
        vars.put("ban.Count", count);
        vars.put("banFactor", factor instanceof Integer i ? Long.valueOf(i) : factor);
        Object v = PyExpression.parse(expr).evaluate(vars);
        assertEquals(pyRepr, PyFloats.reprNumber(v), expr);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1%0                  | ZeroDivisionError: integer modulo by zero
            1//0                 | ZeroDivisionError: integer division or modulo by zero
            1/0                  | ZeroDivisionError: division by zero
            1.0/0                | ZeroDivisionError: float division by zero
            1.0//0               | ZeroDivisionError: float floor division by zero
            1.0%0                | ZeroDivisionError: float modulo
            0**-1                | ZeroDivisionError: 0.0 cannot be raised to a negative power
            0.0**-1              | ZeroDivisionError: 0.0 cannot be raised to a negative power
            1<<-1                | ValueError: negative shift count
            1.5<<1               | TypeError: unsupported operand type(s) for <<: 'float' and 'int'
            math.exp(1000)       | OverflowError: math range error
            math.log(0)          | ValueError: math domain error
            math.sqrt(-1)        | ValueError: math domain error
            math.pow(0,-1)       | ValueError: math domain error
            int(math.inf)        | OverflowError: cannot convert float infinity to integer
            int(math.nan)        | ValueError: cannot convert float NaN to integer
            round(math.inf)      | OverflowError: cannot convert float infinity to integer
            2.0**10000           | OverflowError: (34, 'Numerical result out of range')
            math.floor(math.inf) | OverflowError: cannot convert float infinity to integer
            x                    | NameError: name 'x' is not defined
            ban.Time + 1         | NameError: name 'ban.Time' is not defined
            1<<64                | OverflowError
            9223372036854775807+1| OverflowError
            2**64                | OverflowError
            (-8)**0.5            | ValueError
            """)
    void evaluationErrorsNameThePythonException(String expr, String reason) {
        PyExpression e = PyExpression.parse(expr);
        PyExpressionException ex = assertThrows(PyExpressionException.class, () -> e.evaluate(Map.of()));
        assertTrue(ex.reason().startsWith(reason), ex.getMessage());
        assertEquals(expr, ex.source());
        assertTrue(ex.getMessage().contains(expr), ex.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "1 +"         | 3
            "1 2"         | 2
            "0123"        | 0
            "1__0"        | 0
            "1e"          | 0
            "0x"          | 0
            "1 $ 2"       | 2
            "(1, 2)"      | 2
            "'a'"         | 0
            "None"        | 0
            "lambda: 1"   | 0
            "foo(1)"      | 0
            "1 in 2"      | 2
            "(1"          | 2
            "1)"          | 1
            "float(1, 2)" | 0
            "max(1)"      | 0
            "1 if 2"      | 6
            "5 mins"      | 2
            "5 mins"      | 2
            "1j"          | 0
            "[1]"         | 0
            "x.1"         | 1
            "1 < 2 is 3"  | 6
            "math.foo(1)" | 0
            """)
    void syntaxErrorsGiveThePosition(String expr, int position) {
        PyExpressionException ex = assertThrows(PyExpressionException.class, () -> PyExpression.parse(expr));
        assertEquals(position, ex.position(), ex.getMessage());
        assertEquals(expr, ex.source());
    }

    @Test
    void newlineOnlyInsideBrackets() {
        assertEquals(3L, PyExpression.parse("(1\n+2)").evaluate());
        assertEquals(1L, PyExpression.parse("  1\n").evaluate());
        assertEquals(3L, PyExpression.parse("1 + \\\n 2").evaluate());
        assertThrows(PyExpressionException.class, () -> PyExpression.parse("1\n+2"));
    }

    @Test
    void shortCircuitSkipsTheOtherBranch() {
        assertEquals(0L, PyExpression.parse("0 and 1/0").evaluate());
        assertEquals(1L, PyExpression.parse("1 or 1/0").evaluate());
        assertEquals(2L, PyExpression.parse("2 if 1 else 1/0").evaluate());
        assertEquals(false, PyExpression.parse("2 < 1 < 1/0").evaluate());
    }

    @Test
    void variablesAcceptBoxedJavaNumbers() {
        Map<String, Object> vars = Map.of("a", 3, "b", 2.5f, "c", true, "d", 4L, "e", 0.5);
        assertEquals(7.0, PyExpression.parse("a + b + c + d*e - 1.5").evaluate(vars));
        PyExpressionException ex = assertThrows(PyExpressionException.class,
                () -> PyExpression.parse("s + 1").evaluate(Map.of("s", "text")));
        assertTrue(ex.reason().startsWith("TypeError"), ex.getMessage());
    }

    @Test
    void parsedExpressionIsReusable() {
        PyExpression e = PyExpression.parse("ban.Time * 2");
        for (long t : List.of(1L, 10L, 600L)) {
            assertEquals(t * 2, e.evaluate(Map.of("ban.Time", t)));
        }
        assertEquals("ban.Time * 2", e.source());
    }
}
