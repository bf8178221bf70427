package org.fail2ban4j.server;

/**
 * Port of {@code fail2ban/server/asyncserver.py:AsyncServerException} and {@code ServerInitializationError}: the
 * server cannot start (socket held by a running server, cannot bind, database cannot be opened...).
 */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the reason. */
    public ServerStartException(String message) {
        super(message);
    }
}
