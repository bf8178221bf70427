package org.fail2ban4j.regextool;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.TemplateHits;
import org.fail2ban4j.filter.FailRegex;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.HostTags;
import org.fail2ban4j.regex.PyStrings;

/**
 * Port of {@code fail2ban/client/fail2banregex.py:Fail2banRegex.printStats} (with {@code printLines},
 * {@code pprint_list} and {@code debuggexURL}): the report of {@code fail2ban-regex} after the lines are tested,
 * the results (prefregex, failregex and ignoreregex hit tables, date template hits, line counts) and the matched,
 * ignored and missed lines, in upstream's text.
 */
final class RegexReport {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy",
            Locale.ROOT);

    private final RegexToolOptions opts;
    private final Consumer<String> out;
    private final InstantSource clock;
    private final ZoneId zone;
    private final int maxLines;

    /**
     * @param opts the options ({@code -v}, {@code --VD}, {@code -D}, the print options)
     * @param out where lines go
     * @param clock "now", for a failure without a date ({@code time.localtime(None)})
     * @param zone the local zone of the times printed with {@code -v}
     * @param maxLines how many lines are printed before "too many to print" ({@code -L}, default 20)
     */
    RegexReport(RegexToolOptions opts, Consumer<String> out, InstantSource clock, ZoneId zone, int maxLines) {
        this.opts = opts;
        this.out = out;
        this.clock = clock;
        this.zone = zone;
        this.maxLines = maxLines;
    }

    /** Upstream {@code pprint_list}: nothing for an empty list. */
    void pprintList(List<String> l, String header) {
        if (l.isEmpty()) {
            return;
        }
        String s = header != null ? "|- " + header + "\n" : "";
        out.accept(s + "|  " + String.join("\n|  ", l) + "\n`-");
    }

    /** The "Results" part, up to the line counts and the processing time. */
    void printStats(FailureMatcher filter, int prefMatched, List<Object> prefGroups, List<RegexTool.RegexStat> fail,
            List<RegexTool.RegexStat> ignore, RegexTool.LineStats stats, Double elapsed) {
        out.accept("");
        out.accept("Results");
        out.accept("=======");
        FailRegex pre = filter.prefRegex();
        if (pre != null) {
            List<String> l = new ArrayList<>();
            l.add(pre.regex());
            if (opts.verbose() > 0) {
                for (Object g : prefGroups) {
                    l.add("    " + PyRepr.str(g));
                }
            }
            out.accept("\nPrefregex: " + prefMatched + " total");
            pprintList(l, null);
        }
        printRegexes("Failregex", fail);
        printRegexes("Ignoreregex", ignore);
        DateDetector dd = filter.dateDetector();
        if (dd != null) {
            out.accept("\nDate template hits:");
            List<String> l = new ArrayList<>();
            for (TemplateHits t : dd.templateHits()) {
                if (opts.verbose() > 0 || t.hits() > 0) {
                    l.add("[" + t.hits() + "] " + t.template().name());
                    if (opts.verboseDate()) {
                        l.add("    # weight: " + fixed3(t.weight()) + " (" + fixed3(t.template().weight())
                                + "), pattern: " + t.template().pattern().orElse(""));
                        l.add("    # regex:   " + t.template().regex());
                    }
                }
            }
            pprintList(l, "[# of hits] date format");
        }
        out.accept("\nLines: " + stats);
        if (elapsed != null) {
            out.accept("[processed in " + fixed(elapsed, 2) + " sec]");
        }
        out.accept("");
    }

    /** Python's {@code "%.3f" % x} (rounded half to even on the exact binary value). */
    static String fixed3(double x) {
        return fixed(x, 3);
    }

    /**
     * Python's {@code "%.Nf" % x} (rounded half to even on the exact binary value), without
     * {@link String#format}: the report is printed once, and {@code java.util.Formatter}'s first use (its parser,
     * the locale's decimal symbols) costs a run several milliseconds.
     */
    static String fixed(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private int printRegexes(String title, List<RegexTool.RegexStat> regexes) {
        int total = 0;
        List<String> l = new ArrayList<>();
        for (int cnt = 0; cnt < regexes.size(); cnt++) {
            RegexTool.RegexStat r = regexes.get(cnt);
            total += r.stats;
            if (r.stats > 0 || opts.verbose() > 0) {
                String n = Integer.toString(cnt + 1);
                l.add((n.length() < 2 ? " " + n : n) + ") [" + r.stats + "] " + r.regex);
            }
            if (opts.verbose() > 0) {
                for (RegexTool.Hit h : r.hits) {
                    Double t = h.failure().time();
                    Instant when = t == null ? clock.instant()
                            : Instant.ofEpochSecond((long) Math.floor(t));
                    l.add("    " + PyRepr.str(h.failure().fid()) + "  " + CTIME.format(when.atZone(zone))
                            + (h.multiple() ? " (multiple regex matched)" : ""));
                }
            }
        }
        out.accept("\n" + title + ": " + total + " total");
        pprintList(l, " #) [# of hits] regular expression");
        return total;
    }

    /** Upstream {@code printLines(ltype)} for "matched", "ignored" or "missed". */
    void printLines(String ltype, RegexTool.LineStats stats, List<RegexTool.RegexStat> fail,
            List<RegexTool.RegexStat> ignore, boolean multiline) {
        int count;
        List<String> lines;
        List<String> extracted;
        boolean printAll;
        switch (ltype) {
            case "matched":
                count = stats.matched;
                lines = stats.matchedLines;
                extracted = stats.matchedLinesTimeExtracted;
                printAll = opts.printAllMatched();
                break;
            case "ignored":
                count = stats.ignored;
                lines = stats.ignoredLines;
                extracted = stats.ignoredLinesTimeExtracted;
                printAll = opts.printAllIgnored();
                break;
            default:
                count = stats.missed;
                lines = stats.missedLines.lines();
                extracted = stats.missedLinesTimeExtracted.lines();
                printAll = opts.printAllMissed();
                break;
        }
        if (count == 0) {
            return;
        }
        String header = Character.toUpperCase(ltype.charAt(0)) + ltype.substring(1) + " line(s):";
        if (count < maxLines || printAll) {
            List<String> l = new ArrayList<>();
            if (opts.debuggex()) {
                List<RegexTool.RegexStat> regexes = ltype.equals("ignored") ? ignore : fail;
                for (String line : extracted) {
                    for (RegexTool.RegexStat r : regexes) {
                        l.add(PyStrings.rstrip(line + " | " + r.regex + " |  "
                                + debuggexUrl(line, r.regex, multiline, opts.useDns().orElse(null))));
                    }
                }
            } else {
                for (String line : lines) {
                    l.add(PyStrings.rstrip(line));
                }
            }
            pprintList(l, header);
        } else {
            out.accept(header + " too many to print.  Use --print-all-" + ltype + " to print all " + count
                    + " lines");
        }
    }

    /** Upstream {@code debuggexURL}: a link that opens the line and the regex on debuggex.com. */
    static String debuggexUrl(String sample, String regex, boolean multiline, String useDns) {
        String re = HostTags.expand(regex, !"no".equals(useDns));
        StringBuilder sb = new StringBuilder("https://www.debuggex.com/?");
        sb.append("re=").append(quotePlus(re.getBytes(StandardCharsets.UTF_8)));
        sb.append("&str=").append(quotePlus(sample.getBytes(StandardCharsets.UTF_8)));
        sb.append("&flavor=python");
        if (multiline) {
            sb.append("&flags=m");
        }
        return sb.toString();
    }

    /** Python's {@code urllib.parse.quote_plus} of bytes. */
    static String quotePlus(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
