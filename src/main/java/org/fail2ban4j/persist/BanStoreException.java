package org.fail2ban4j.persist;

import org.fail2ban4j.ban.BanHistoryException;

/**
 * The fail2ban database could not be opened, read or written. The message names the database file and what
 * failed (for example {@code Error writing fail2ban persistent database '/var/lib/fail2ban/fail2ban.sqlite3':
 * database or disk is full}).
 */
public final class BanStoreException extends BanHistoryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the file
     * @param cause the underlying error, may be {@code null}
     */
    public BanStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
