package org.fail2ban4j.regextool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;

/**
 * Port of {@code fail2ban/client/fail2banregex.py:Fail2banRegex._prepaireOutput}: the output of
 * {@code fail2ban-regex -o FORMAT}, one or more lines per failure.
 *
 * <ul>
 *   <li>{@code id}, {@code fid}: the failure id; {@code ip}: the address ({@code ip} of the data for a complex
 *       id, else the id); {@code msg}: each matched line; {@code row}: {@code [id, time, data]} in Python's
 *       {@code repr} with the data without {@code matches};</li>
 *   <li>any other word: that key of the failure data ({@code None} when absent), as Python's {@code str};</li>
 *   <li>a text with {@code <tags>}: the ban-action tags of the failure substituted once, without recursion, as
 *       {@code CommandAction.replaceDynamicTags} does for a ticket without jail: {@code <ip>}, {@code <fid>},
 *       {@code <family>}, {@code <ip-rev>}, {@code <ip-host>}, {@code <time>}, {@code <matches>},
 *       {@code <failures>}, {@code <restored>}, {@code <bancount>}, {@code <msg>} (the matched lines; a failure
 *       of several lines prints the text once per line), {@code <br>}, {@code <sp>}, and {@code <F-NAME>} for the
 *       failure data. Tags that need a jail or a database ({@code <bantime>}, {@code <ipmatches>},
 *       {@code <jail.name>}...) make upstream stop with a traceback; here they stay as written.</li>
 * </ul>
 */
final class OutputFormat {
    /** {@code TAG_CRE}. */
    private static final Pattern TAG = Pattern.compile("<([^ <>]+)>");
    /** {@code FCUSTAG_CRE}. */
    private static final Pattern FCUSTAG = Pattern.compile("<F-([A-Z0-9_\\-]+)>");
    private static final String MSG_MARK = "\u0000msg\u0000";

    /**
     * One failure as upstream's tool hands it to the output: {@code [failRegexIndex, fid, date, fail]}.
     *
     * @param fid the failure id, null while unknown ({@code ""} for the pseudo-failure of {@code --invert})
     * @param time the date: a Double, a Long (TAI64N dates are integers upstream), or null
     * @param data the failure data
     */
    record Row(Object fid, Object time, Map<String, Object> data) {
        Row {
            Objects.requireNonNull(data, "data");
        }
    }

    private final String format;
    private final DnsResolver dns;
    private final java.time.InstantSource clock;

    /**
     * @param format the {@code -o} value
     * @param dns for {@code <ip-host>}
     * @param clock for {@code <time>} of a failure without date (a ticket made without a time is stamped "now")
     */
    OutputFormat(String format, DnsResolver dns, java.time.InstantSource clock) {
        this.format = Objects.requireNonNull(format, "format");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the lines of the failures of one log line. */
    void write(List<Row> rows, Consumer<String> out) {
        switch (format) {
            case "id":
            case "fid":
                rows.forEach(r -> out.accept(PyRepr.str(r.fid())));
                break;
            case "ip":
                rows.forEach(r -> out.accept(PyRepr.str(r.data().containsKey("ip") ? r.data().get("ip") : r.fid())));
                break;
            case "msg":
                rows.forEach(r -> matches(r).forEach(out));
                break;
            case "row":
                for (Row r : rows) {
                    Map<String, Object> d = new LinkedHashMap<>(r.data());
                    d.remove("matches");
                    out.accept("[" + PyRepr.repr(r.fid()) + ",\t" + PyRepr.repr(r.time()) + ",\t" + PyRepr.repr(d)
                            + "],");
                }
                break;
            default:
                if (format.indexOf('<') < 0) {
                    rows.forEach(r -> out.accept(PyRepr.str(r.data().get(format))));
                } else {
                    writeTags(rows, out);
                }
                break;
        }
    }

    /** The matched lines of a failure, each joined from its parts. */
    private static List<String> matches(Row r) {
        Object m = r.data().get("matches");
        List<String> out = new ArrayList<>();
        if (m instanceof List) {
            for (Object o : (List<?>) m) {
                out.add(o instanceof TupleLine ? ((TupleLine) o).full() : String.valueOf(o));
            }
        }
        return out;
    }

    private void writeTags(List<Row> rows, Consumer<String> out) {
        List<Object[]> wrapped = new ArrayList<>();
        boolean[] nl = {false};
        for (Row r : rows) {
            String v = substitute(r, nl);
            if (nl[0]) {
                wrapped.add(new Object[] {r, v});
                continue;
            }
            out.accept(v);
        }
        for (Object[] rv : wrapped) {
            for (String m : matches((Row) rv[0])) {
                out.accept(((String) rv[1]).replace(MSG_MARK, m));
            }
        }
    }

    private String substitute(Row r, boolean[] nl) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("matches", List.of());
        ticket.put("failures", 0);
        r.data().forEach((k, v) -> {
            if (v != null) {
                ticket.put(k, v);
            }
        });
        StringBuilder sb = new StringBuilder();
        Matcher m = TAG.matcher(format);
        int last = 0;
        while (m.find()) {
            sb.append(format, last, m.start());
            String tag = m.group(1);
            String value = info(tag, r, ticket, nl);
            if (value == null) {
                value = tag.equals("br") ? "\n" : tag.equals("sp") ? " " : m.group();
            } else if (!tag.equals("msg")) {
                value = value.replace("\u0000", "\\x00");
            }
            sb.append(value);
            last = m.end();
        }
        String cmd = sb.append(format, last, format.length()).toString();
        if (cmd.indexOf('<') >= 0) {
            StringBuilder sb2 = new StringBuilder();
            Matcher f = FCUSTAG.matcher(cmd);
            last = 0;
            while (f.find()) {
                sb2.append(cmd, last, f.start());
                String key = f.group(1).toLowerCase(Locale.ROOT);
                key = key.equals("id") ? "fid" : key.equals("port") ? "fport" : key;
                if (ticket.containsKey(key)) {
                    sb2.append(PyRepr.str(ticket.get(key)).replace("\u0000", "\\x00"));
                }
                last = f.end();
            }
            cmd = sb2.append(cmd, last, cmd.length()).toString();
        }
        return cmd;
    }

    /** The value of an action-info tag for a ticket without jail, or null if there is no such tag. */
    private String info(String tag, Row r, Map<String, Object> ticket, boolean[] nl) {
        Object ip = ticket.containsKey("ip") ? ticket.get("ip") : r.fid();
        switch (tag) {
            case "ip":
                return PyRepr.str(ip);
            case "fid":
                return PyRepr.str(r.fid());
            case "family": {
                IpAddress a = address(ip);
                return a == null ? "None" : a.familyStr().orElse("None");
            }
            case "ip-rev": {
                IpAddress a = address(ip);
                return a == null ? "None" : a.getPTR("");
            }
            case "ip-host": {
                IpAddress a = address(ip);
                return a == null ? "None" : dns.ipToName(a).orElse("None");
            }
            case "failures":
                return PyRepr.str(ticket.get("failures"));
            case "time":
                return PyRepr.str(r.time() != null ? r.time() : clock.millis() / 1000.0);
            case "bancount":
            case "restored":
                return "0";
            case "matches":
                return String.join("\n", matches(new Row(r.fid(), r.time(), ticket)));
            case "msg": {
                Object m = r.data().get("matches");
                int n = m instanceof List ? ((List<?>) m).size() : 0;
                if (!nl[0] && n <= 1) {
                    return String.join("\n", matches(new Row(r.fid(), r.time(), ticket)));
                }
                nl[0] = true;
                return MSG_MARK;
            }
            default:
                return null;
        }
    }

    private static IpAddress address(Object ip) {
        if (ip instanceof IpAddress) {
            return (IpAddress) ip;
        }
        return ip == null ? null : IpAddress.parse(ip.toString());
    }
}
