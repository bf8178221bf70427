package org.fail2ban4j.expr;

/**
 * A Python expression could not be parsed or evaluated.
 *
 * <p>Carries the expression source and the 0-based character index where the problem was found, so the message
 * reads like {@code ZeroDivisionError: division by zero at index 4 in expression '1 / 0'}. The reason starts with
 * the name of the Python exception that {@code eval} would have raised ({@code SyntaxError}, {@code NameError},
 * {@code ZeroDivisionError}, {@code OverflowError}, {@code ValueError}, {@code TypeError}).
 */
public final class PyExpressionException extends IllegalArgumentException {

    private final String reason;
    private final String source;
    private final int position;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong, starting with the Python exception name
     * @param source the whole expression text
     * @param position 0-based character index into {@code source}
     */
    public PyExpressionException(String reason, String source, int position) {
        super(reason + " at index " + position + " in expression '" + source + "'");
        this.reason = reason;
        this.source = source;
        this.position = position;
    }

    /** What is wrong, without the location (for example {@code NameError: name 'x' is not defined}). */
    public String reason() {
        return reason;
    }

    /** The expression text that failed. */
    public String source() {
        return source;
    }

    /** The 0-based character index in {@link #source()} where the problem was found. */
    public int position() {
        return position;
    }
}
