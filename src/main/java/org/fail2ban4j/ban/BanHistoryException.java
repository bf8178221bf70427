package org.fail2ban4j.ban;

/**
 * The ban history (or a store behind it) could not be read or written; the message names the store (for the
 * database its file) and what failed.
 */
public class BanHistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the store
     * @param cause the underlying error, may be {@code null}
     */
    public BanHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
