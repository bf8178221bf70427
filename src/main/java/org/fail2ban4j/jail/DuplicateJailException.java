package org.fail2ban4j.jail;

import java.util.Objects;

/** Port of {@code fail2ban/exceptions.py:DuplicateJailException}: a jail with that name exists already. */
public final class DuplicateJailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jailName;

    /**
     * @param jailName the name of the existing jail
     */
    public DuplicateJailException(String jailName) {
        super(Objects.requireNonNull(jailName, "jailName"));
        this.jailName = jailName;
    }

    /** The name of the existing jail. */
    public String jailName() {
        return jailName;
    }
}
