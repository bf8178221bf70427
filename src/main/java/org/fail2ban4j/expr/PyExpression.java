package org.fail2ban4j.expr;

import java.util.Map;
import java.util.Objects;

/**
 * Port of the Python {@code eval} calls in {@code fail2ban/server/mytime.py:MyTime.str2seconds} and
 * {@code fail2ban/server/jail.py:Jail.setBanTimeExtra} ({@code bantime.formula}, {@code bantime.factor}): a parsed,
 * immutable Python expression over numbers.
 *
 * <p>Supported: integer literals (decimal with {@code _}, {@code 0x}, {@code 0o}, {@code 0b}), float literals
 * ({@code 1e3}, {@code .5}, {@code 1.}), {@code True}/{@code False}; {@code + - * / // % **}, unary
 * {@code + - ~}, {@code << >> & | ^}, comparisons including chains ({@code 1 < x <= 3}), {@code and}, {@code or},
 * {@code not}, {@code x if c else y}, parentheses; names and dotted names ({@code ban.Time}) looked up in the
 * variables under the full dotted text; calls of {@code float int abs min max round} and {@code math.exp log log10
 * log2 sqrt pow floor ceil trunc fabs}; constants {@code math.pi e tau inf nan}; {@code #} comments.
 *
 * <p>Semantics are Python 3's: {@code int} op {@code int} stays {@code int} (a {@code Long}), mixing in a
 * {@code float} gives a {@code Double}, {@code /} always gives a {@code Double}, {@code //} and {@code %} floor
 * with the divisor's sign, {@code int ** negative int} is a float, {@code and}/{@code or} return an operand.
 * One deliberate difference: Python integers are unbounded, ours are 64-bit; a result that does not fit raises
 * {@code OverflowError} rather than being silently wrong. Strings, tuples, lists, lambdas and other calls are
 * rejected at parse time.
 *
 * <p>Instances are thread-safe; parse once, evaluate many times.
 */
public final class PyExpression {

    private final String source;
    private final Node root;

    private PyExpression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @param source Python expression text (not {@code null}); leading whitespace is ignored as by {@code eval}
     * @return the parsed expression
     * @throws PyExpressionException with the source and the index of the offending token if it is not valid
     */
    public static PyExpression parse(String source) {
        Objects.requireNonNull(source, "source");
        return new PyExpression(source, Parser.parse(source));
    }

    /**
     * Evaluates the expression.
     *
     * @param variables values of the names used in the expression, keyed by their (dotted) name; values must be
     *     {@code Long}, {@code Integer}, {@code Double}, {@code Float}, {@code Boolean} (a {@code null} value
     *     counts as absent)
     * @return a {@code Long}, {@code Double} or {@code Boolean}
     * @throws PyExpressionException on an unknown name or an error Python would raise (division by zero,
     *     math domain error, integer overflow beyond 64 bits...)
     */
    public Object evaluate(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        try {
            return root.eval(variables);
        } catch (EvalError e) {
            throw new PyExpressionException(e.reason(), source, Math.max(e.position(), 0));
        }
    }

    /** Evaluates an expression that uses no variables. */
    public Object evaluate() {
        return evaluate(Map.of());
    }

    /** The expression text as given to {@link #parse}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
