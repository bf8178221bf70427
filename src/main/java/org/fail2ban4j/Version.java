package org.fail2ban4j;

/** The version fail2ban4j reports, and the upstream version whose behaviour it reproduces. */
public final class Version {
    /** The upstream fail2ban release this project is compatible with; printed by {@code -V}. */
    public static final String FAIL2BAN_VERSION = "1.1.1";

    private Version() {
    }
}
