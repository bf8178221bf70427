package org.fail2ban4j.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/action.py:CommandAction.replaceDynamicTags} with
 * {@code fail2ban/server/utils.py:Utils.buildShellCmd}: fills the ban-time tags ({@code <ip>}, {@code <matches>},
 * {@code <F-USER>} ...) into a command once, without recursion, and moves every value that contains a shell
 * special character into a positional argument.
 *
 * <p>Steps, as upstream: (1) each {@code <tag>} found by the info lookup is replaced; a tag the info does not
 * have becomes {@code "\n"} for {@code <br>}, {@code " "} for {@code <sp>}, else the fallback's value, else stays.
 * (2) If a {@code <} is left, each {@code <F-NAME>} (upper case, digits, {@code _}, {@code -}) is replaced by the
 * ticket data value for the lower-cased name ({@code id} maps to {@code fid}, {@code port} to {@code fport}), or
 * by nothing if there is none. A value containing any of {@code \ # & ; ` | * ? ~ < > ^ ( ) [ ] { } $ ' "}, a
 * newline or a carriage return is not inserted: the text {@code $f2bV_<tag>} is (with non-word characters of
 * the tag name turned into {@code _}, and {@code F_<name>} for ticket data), and the value becomes an argument.
 */
public final class DynamicTagResolver {

    private static final Pattern FCUSTAG = Pattern.compile("<F-([A-Z0-9_\\-]+)>");
    private static final Pattern ESCAPE = Pattern.compile("[\\\\#&;`|*?~<>\\^\\(\\)\\[\\]{}$'\"\n\r]");
    private static final Pattern NON_WORD = Pattern.compile("\\W", Pattern.UNICODE_CHARACTER_CLASS);

    private DynamicTagResolver() {
    }

    /**
     * Replaces the dynamic tags of a command.
     *
     * @param command the command after static interpolation ({@link TagResolver#replaceTag})
     * @param info the ban info lookup (tag name to value; {@code null} if the ban has no such tag)
     * @param ticketData the failure's captured groups by lower-case name ({@code user}, {@code fid} ...)
     * @param fallback values for tags the info lacks, such as {@code fq-hostname}; may be {@code null}
     * @return the script and its positional arguments
     */
    public static DynamicCommand replaceDynamicTags(String command, Function<String, String> info,
            Map<String, String> ticketData, Function<String, String> fallback) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(ticketData, "ticketData");
        Map<String, String> vars = new LinkedHashMap<>();
        String cmd = TagResolver.replaceTags(command, tag -> {
            String v = info.apply(tag);
            if (v == null) {
                return TagResolver.additional(tag, fallback);
            }
            return escapeVal(tag, v, vars);
        });
        if (cmd.indexOf('<') >= 0) {
            Matcher m = FCUSTAG.matcher(cmd);
            StringBuilder sb = new StringBuilder(cmd.length());
            int last = 0;
            while (m.find()) {
                String tag = mapTag2Opt(m.group(1));
                String v = ticketData.get(tag);
                sb.append(cmd, last, m.start()).append(v == null ? "" : escapeVal("F_" + tag, v, vars));
                last = m.end();
            }
            cmd = sb.append(cmd, last, cmd.length()).toString();
        }
        if (vars.isEmpty()) {
            return new DynamicCommand(cmd, List.of());
        }
        StringBuilder stat = new StringBuilder();
        List<String> args = new ArrayList<>(vars.size());
        int i = 0;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            stat.append(e.getKey()).append("=$").append(i++).append(' ');
            args.add(e.getValue());
        }
        return new DynamicCommand(stat.append('\n').append(cmd).toString(), args);
    }

    /**
     * Upstream's {@code failregex.mapTag2Opt}: lower case, {@code id} to {@code fid}, {@code port} to
     * {@code fport}.
     */
    static String mapTag2Opt(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        switch (t) {
            case "id":
                return "fid";
            case "port":
                return "fport";
            default:
                return t;
        }
    }

    private static String escapeVal(String tag, String value, Map<String, String> vars) {
        if (!ESCAPE.matcher(value).find()) {
            return value;
        }
        String name = "f2bV_" + NON_WORD.matcher(tag).replaceAll("_");
        vars.put(name, value);
        return "$" + name;
    }
}
