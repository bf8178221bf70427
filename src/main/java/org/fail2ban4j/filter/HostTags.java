package org.fail2ban4j.filter;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.regex.PyRegex;

/**
 * Port of `fail2ban/server/failregex.py:Regex._resolveHostTag` (with its tables {@code R_HOST}, {@code RH4TAG},
 * {@code R_MAP}): replaces fail2ban's tags in a failregex by Python regular-expression text.
 *
 * <ul>
 * <li>{@code <HOST>}: IPv4, IPv6 or a DNS name (only the two address groups when {@code usedns = no});
 * {@code <ADDR>}, {@code <IP4>}, {@code <IP6>}, {@code <DNS>}, {@code <CIDR>}, {@code <SUBNET>} and their
 * {@code <F-IP4/>}-style spellings; {@code <F-ID/>} ({@code fid}, no spaces) and {@code <F-PORT/>}
 * ({@code fport}).</li>
 * <li>{@code <SKIPLINES>}: {@code \n(?P<skiplinesN>(?:(?:.*\n)*?))}, numbered from 0.</li>
 * <li>{@code <F-NAME>...</F-NAME>}: a named group {@code (?P<name>...)} with the name lower-cased and
 * {@code id}/{@code port} mapped to {@code fid}/{@code fport} ({@code <F-USER>}, {@code <F-ALT_USER1>},
 * {@code <F-MLFID>}, {@code <F-NOFAIL>}, {@code <F-CONTENT>}, {@code <F-MLFFORGET>}, {@code <F-MLFGAINED>},
 * {@code <F-TUPLE_ID>} ...). Like upstream, a {@code -} stays in the name, which Python then refuses; a closing
 * tag that was not opened stays as it is.</li>
 * </ul>
 * Everything else that looks like a tag is left unchanged.
 */
public final class HostTags {

    /** {@code IPAddr.IP_4_RE}. */
    public static final String IP_4_RE = "(?:\\d{1,3}\\.){3}\\d{1,3}";
    /** {@code IPAddr.IP_6_RE}. */
    public static final String IP_6_RE = "(?:[0-9a-fA-F]{1,4}::?|:){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)";

    /** Separated IPv4, group {@code ip4} (an IPv4-mapped IPv6 prefix is skipped). */
    public static final String IPV4 = "(?:::f{4,6}:)?(?P<ip4>" + IP_4_RE + ")";
    /** Separated IPv6, group {@code ip6}. */
    public static final String IPV6 = "(?P<ip6>" + IP_6_RE + ")";
    /** A DNS name, group {@code dns}. */
    public static final String DNS = "(?P<dns>[\\w\\-.^_]*\\w)";
    /** {@code <ADDR>}: IPv4 or IPv6, optionally in brackets. */
    public static final String ADDR = "\\[?(?:" + IPV4 + "|" + IPV6 + ")\\]?";
    /** {@code <HOST>}: an address or a DNS name. */
    public static final String HOST = "(?:" + ADDR + "|" + DNS + ")";
    /** {@code <CIDR>}: a prefix length, group {@code cidr}. */
    public static final String CIDR = "(?P<cidr>\\d+)";
    /** {@code <SUBNET>}: an address with an optional {@code /cidr}. */
    public static final String SUBNET = "\\[?(?:" + IPV4 + "|" + IPV6 + ")(?:/" + CIDR + ")?\\]?";

    private static final Map<String, String> STATIC_TAGS = Map.ofEntries(
            Map.entry("IP4", IPV4), Map.entry("F-IP4/", IPV4),
            Map.entry("IP6", IPV6), Map.entry("F-IP6/", IPV6),
            Map.entry("ADDR", ADDR), Map.entry("F-ADDR/", ADDR),
            Map.entry("CIDR", CIDR), Map.entry("F-CIDR/", CIDR),
            Map.entry("SUBNET", SUBNET), Map.entry("F-SUBNET/", SUBNET),
            Map.entry("DNS", DNS), Map.entry("F-DNS/", DNS),
            Map.entry("F-ID/", "(?P<fid>\\S+)"),
            Map.entry("F-PORT/", "(?P<fport>\\w+)"));

    private static final Map<String, String> NAME_MAP = Map.of("id", "fid", "port", "fport");

    /** {@code FTAG_CRE}. */
    private static final Pattern TAG = PyRegex.compile("</?[\\w\\-]+/?>").pattern();
    /** {@code FCUSTNAME_CRE}. */
    private static final Pattern CUSTOM_NAME = PyRegex.compile("^(/?)F-([A-Z0-9_\\-]+)$").pattern();

    private HostTags() {
    }

    /**
     * Whether {@code <HOST>} may match DNS names for a jail's {@code usedns} value (all but {@code no}).
     *
     * @param useDns the {@code usedns} option ({@code yes}, {@code warn}, {@code no}, {@code raw})
     * @return false only for {@code no}
     */
    public static boolean hostMatchesDns(String useDns) {
        return !"no".equals(useDns);
    }

    /**
     * Port of {@code mapTag2Opt}: the group name of a custom tag.
     *
     * @param tag the part after {@code F-}, e.g. {@code USER} or {@code ID}
     * @return the lower-cased name, {@code fid} for {@code id} and {@code fport} for {@code port}
     */
    public static String groupName(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        return NAME_MAP.getOrDefault(lower, lower);
    }

    /**
     * Replaces the tags of {@code regex}.
     *
     * @param regex a failregex, prefregex or ignoreregex as configured, not null
     * @param hostMatchesDns whether {@code <HOST>} also matches DNS names ({@link #hostMatchesDns(String)})
     * @return the Python regular expression
     */
    public static String expand(String regex, boolean hostMatchesDns) {
        Objects.requireNonNull(regex, "regex");
        Matcher m = TAG.matcher(regex);
        if (!m.find()) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 256);
        Set<String> open = new HashSet<>();
        int skipLines = 0;
        int last = 0;
        do {
            out.append(regex, last, m.start());
            String tag = m.group();
            String name = tag.substring(1, tag.length() - 1);
            String replacement;
            if (name.equals("HOST")) {
                replacement = hostMatchesDns ? HOST : ADDR;
            } else if (name.equals("SKIPLINES")) {
                replacement = "\\n(?P<skiplines" + skipLines + ">(?:(?:.*\\n)*?))";
                skipLines++;
            } else if (STATIC_TAGS.containsKey(name)) {
                replacement = STATIC_TAGS.get(name);
            } else {
                Matcher custom = CUSTOM_NAME.matcher(name);
                if (custom.matches()) {
                    String tagName = custom.group(2);
                    if (!custom.group(1).isEmpty()) {
                        replacement = open.contains(tagName) ? ")" : tag;
                    } else {
                        open.add(tagName);
                        replacement = "(?P<" + groupName(tagName) + ">";
                    }
                } else {
                    replacement = tag;
                }
            }
            out.append(replacement);
            last = m.end();
        } while (m.find());
        out.append(regex, last, regex.length());
        return out.toString();
    }
}
