package org.fail2ban4j.net;

import org.fail2ban4j.regex.PyStrings;
import java.util.Locale;

/**
 * Port of the {@code usedns} setting of {@code fail2ban/server/filter.py:Filter} ({@code setUseDns}) and its
 * effect in {@code DNSUtils.textToIp}, {@code Regex._resolveHostTag} and {@code Filter.findFailure}.
 *
 * <ul>
 *   <li>{@link #YES}: a host name found by {@code <HOST>} is resolved; every address becomes a failure.</li>
 *   <li>{@link #WARN}: as {@code yes}, and each resolution logs
 *       {@code Determined IP using DNS Lookup: <name> = {'<ip>', ...}} as a warning.</li>
 *   <li>{@link #NO}: {@code <HOST>} matches addresses only; names are never resolved.</li>
 *   <li>{@link #RAW}: {@code <HOST>} matches names too, but the matched text is kept as the raw failure id.</li>
 * </ul>
 */
public enum UseDns {
    /** {@code usedns = yes}. */
    YES("yes"),
    /** {@code usedns = warn} (upstream's default for a new filter). */
    WARN("warn"),
    /** {@code usedns = no}. */
    NO("no"),
    /** {@code usedns = raw}. */
    RAW("raw");

    private final String value;

    UseDns(String value) {
        this.value = value;
    }

    /** The setting text ({@code yes}, {@code warn}, {@code no}, {@code raw}), as {@code get <jail> usedns} shows. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Strict parse (config validation): {@code yes}, {@code warn}, {@code no}, {@code raw} in any case.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static UseDns parse(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        for (UseDns u : values()) {
            if (u.value.equals(v)) {
                return u;
            }
        }
        throw new IllegalArgumentException("Incorrect value " + PyStrings.repr(text)
                + " specified for usedns, expected one of yes, warn, no, raw");
    }

    /**
     * Upstream {@code Filter.setUseDns}: as {@link #parse}, but a wrong value logs
     * {@code Incorrect value 'x' specified for usedns. Using safe 'no'} (error, logger {@code fail2ban.filter})
     * and gives {@link #NO}.
     */
    public static UseDns fromSetting(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        for (UseDns u : values()) {
            if (u.value.equals(v)) {
                return u;
            }
        }
        IpDnsLog.FILTER.error("Incorrect value {} specified for usedns. Using safe 'no'", PyStrings.repr(v));
        return NO;
    }

    /** Upstream {@code setUseDns(True/False)}: {@link #YES} or {@link #NO}. */
    public static UseDns of(boolean value) {
        return value ? YES : NO;
    }

    /** True for the modes in which {@code textToIp} resolves names ({@code yes}, {@code warn}). */
    public boolean resolvesNames() {
        return this == YES || this == WARN;
    }

    /** True if {@code <HOST>} also matches host names (every mode but {@code no}; upstream {@code R_HOST}). */
    public boolean hostTagMatchesNames() {
        return this != NO;
    }

    /**
     * The {@code cidr} argument {@code Filter.findFailure} uses for a failure id: {@link IpAddress#CIDR_RAW} for
     * {@code raw}, {@link IpAddress#CIDR_UNSPEC} otherwise.
     */
    public int defaultCidr() {
        return this == RAW ? IpAddress.CIDR_RAW : IpAddress.CIDR_UNSPEC;
    }
}
