package org.fail2ban4j.time;

/** A duration text (a {@code bantime}, {@code findtime}, ... value) is not valid; the message names the value. */
public final class DurationException extends IllegalArgumentException {

    private final String value;

    /**
     * Creates the exception.
     *
     * @param value the rejected text
     * @param detail why it was rejected
     * @param cause the underlying parse or evaluation error, or {@code null}
     */
    public DurationException(String value, String detail, Throwable cause) {
        super("invalid time value '" + value + "': " + detail, cause);
        this.value = value;
    }

    /** The rejected text. */
    public String value() {
        return value;
    }
}
