package org.fail2ban4j.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/helpers.py:extractOptions} as {@code server.py:setLogTarget} applies it to a log target:
 * {@code SYSLOG[facility=auth, padding=1]} is the target {@code SYSLOG} with its options; values may be quoted with
 * {@code "} or {@code '} (then they may hold {@code ,} and {@code ]}).
 *
 * @param target the target without options (not trimmed, as upstream)
 * @param options the options in their order, names and values trimmed
 */
record TargetSpec(String target, Map<String, String> options) {
    private static final Pattern OPTION = Pattern.compile("^([^\\[]+)(?:\\[(.*)\\])?\\s*$",
            Pattern.DOTALL | Pattern.UNIX_LINES);
    private static final String NAME = "[\\w\\-_.]+(?:\\?[\\w\\-_.]+=[\\w\\-_.]+)?";
    private static final Pattern EXTRACT = Pattern.compile("\\s*(" + NAME + ")=(?:\"([^\"]*)\"|'([^']*)'|([^,\\]]*))"
            + "(?:,|\\]\\s*\\[|$|(?<wrngA>.+))|,?\\s*$|(?<wrngB>.+)",
            Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);

    TargetSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Splits a target into name and options.
     *
     * @throws IllegalArgumentException with upstream's texts: {@code unexpected option syntax},
     *     {@code unexpected syntax at N after option 'x': ...}, {@code expected option, wrong syntax at N: ...}
     */
    static TargetSpec parse(String value) {
        Matcher m = OPTION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected option syntax");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        String optstr = m.group(2);
        if (optstr != null && !optstr.isEmpty()) {
            Matcher o = EXTRACT.matcher(optstr);
            while (o.find()) {
                if (o.group("wrngA") != null) {
                    throw new IllegalArgumentException("unexpected syntax at " + o.start("wrngA") + " after option "
                            + PyStr.repr(o.group(1)) + ": " + head(o.group("wrngA")));
                }
                if (o.group("wrngB") != null) {
                    throw new IllegalArgumentException("expected option, wrong syntax at " + o.start("wrngB") + ": "
                            + head(o.group("wrngB")));
                }
                String opt = o.group(1);
                if (opt == null || opt.isEmpty()) {
                    continue;
                }
                String v = o.group(2) != null ? o.group(2) : o.group(3) != null ? o.group(3) : o.group(4);
                opts.put(opt.strip(), v.strip());
            }
        }
        return new TargetSpec(m.group(1), opts);
    }

    private static String head(String s) {
        return s.length() > 25 ? s.substring(0, 25) : s;
    }
}
