package org.fail2ban4j.jail;

import java.util.Objects;

/** Port of {@code fail2ban/exceptions.py:UnknownJailException}: no jail has that name. */
public final class UnknownJailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jailName;

    /**
     * @param jailName the name asked for
     */
    public UnknownJailException(String jailName) {
        super("'" + Objects.requireNonNull(jailName, "jailName") + "'");
        this.jailName = jailName;
    }

    /** The name asked for. */
    public String jailName() {
        return jailName;
    }
}
