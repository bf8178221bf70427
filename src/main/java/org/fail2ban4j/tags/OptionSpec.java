package org.fail2ban4j.tags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Port of the result of {@code fail2ban/helpers.py:extractOptions}: a name with its bracketed options, as in
 * {@code iptables-multiport[name=SSH, port="ssh,sftp"]}.
 *
 * @param name the text before the first {@code [}, exactly as written (upstream does not strip it)
 * @param options option name to value, in the order written (a repeated name keeps its first position and its
 *     last value); unmodifiable
 */
public record OptionSpec(String name, Map<String, String> options) {

    /** Copies the options, keeping their order. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
