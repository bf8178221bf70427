package org.fail2ban4j.action;

/** An action command failed (upstream raises {@code RuntimeError} with the same message). */
public class ActionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with upstream's message.
     *
     * @param message for example {@code Error banning 192.0.2.1}
     */
    public ActionException(String message) {
        super(message);
    }
}
