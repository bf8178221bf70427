package org.fail2ban4j.expr;

/**
 * Internal carrier of an evaluation error until {@link PyExpression} attaches the expression source. The reason
 * follows Python's text ({@code ZeroDivisionError: division by zero}); the position is filled in by the innermost
 * node that knows it.
 */
final class EvalError extends RuntimeException {

    private final String reason;
    private int position = -1;

    EvalError(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    int position() {
        return position;
    }

    /** Sets the position if none is set yet, and returns this for rethrowing. */
    EvalError at(int pos) {
        if (position < 0) {
            position = pos;
        }
        return this;
    }

    static EvalError zeroDivision(String msg) {
        return new EvalError("ZeroDivisionError: " + msg);
    }

    static EvalError overflow(String msg) {
        return new EvalError("OverflowError: " + msg);
    }

    static EvalError value(String msg) {
        return new EvalError("ValueError: " + msg);
    }

    static EvalError type(String msg) {
        return new EvalError("TypeError: " + msg);
    }
}
