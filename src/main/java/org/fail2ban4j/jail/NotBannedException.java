package org.fail2ban4j.jail;

/**
 * An unban named ids that are not banned (upstream's {@code ValueError} of {@code removeBannedIP}:
 * {@code 1.2.3.4 is not banned}, or {@code not banned: ['1.2.3.4']} for a list).
 */
public final class NotBannedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message upstream's text
     */
    public NotBannedException(String message) {
        super(message);
    }
}
