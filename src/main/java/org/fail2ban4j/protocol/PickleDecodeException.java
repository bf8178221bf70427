package org.fail2ban4j.protocol;

/**
 * A request or reply that cannot be unpickled. The message follows Python's {@code pickle.loads} where the cause
 * is one Python reports the same way ("Ran out of input", "pickle data was truncated", "invalid load key, 'x'.",
 * "unpickling stack underflow", "unsupported pickle protocol: 6"); upstream's server answers such a request with
 * the plain string {@code "ERROR: " + message} (see {@link ControlReply.ProtocolError}).
 */
public final class PickleDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A decoding failure with Python's text for it. */
    public PickleDecodeException(String message) {
        super(message);
    }

    /** A decoding failure with Python's text for it and the underlying cause. */
    public PickleDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
