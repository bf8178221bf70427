package org.fail2ban4j.date;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/datetemplate.py:DatePatternRegex}: a template made from a strptime-like date
 * pattern, a regex in which {@code %}-directives ({@link StrptimePattern}) stand for the date fields.
 *
 * <p>Pattern syntax, as upstream: a leading {@code {UNB}} drops both word boundaries; a leading
 * {@code {^LN-BEG}} anchors the date at the start of the line (up to two non-word characters may precede it);
 * {@code **} at the start or the end drops that word boundary; custom named groups with strptime field names
 * ({@code (?P<H>...)}) may be used in place of directives; a pattern with {@code %a %A %b %B %p %c} is matched
 * ignoring case.
 *
 * <p>The regex text is Python syntax and is compiled with {@code java.util.regex} (Unicode classes, Unix lines).
 * Named groups {@code (?P<n>...)}, back-references {@code (?P=n)} and {@code \N}, conditionals
 * {@code (?(n)yes|no)} on an earlier group, {@code \Z}, {@code {,n}} and literal braces are translated; the rest
 * of the user's regex text is passed through as it is. Not supported: the inline flags {@code (?a)} and
 * {@code (?L)}, conditionals on a group that is still open, and the fine points where verbose mode
 * {@code (?x)} differs between the engines. A pattern that does not compile is rejected when the template is
 * made (upstream fails at the first line instead).
 */
public final class PatternDateTemplate extends DateTemplate {

    private static final Pattern RE_ALPHA_PATTERN = Pattern.compile("(?<!%)%[aAbBpc]");

    private final String pattern;
    private final StrptimePattern strptime;
    /** The strptime fields and their Java groups, derived from the compiled regex when first needed. */
    private volatile Fields fields;

    /** The strptime fields in group order (as Python's {@code groupdict()} lists them) and their Java groups. */
    private record Fields(StrptimePattern.Field[] fields, int[] javaGroups) {
    }

    /**
     * Makes a template from a date pattern with upstream's default boundaries (word boundary on both sides).
     *
     * @throws DatePatternException if the pattern has an unknown directive or its regex does not compile
     */
    public PatternDateTemplate(String pattern, StrptimePattern strptime) {
        this(pattern, strptime, false);
    }

    /**
     * @param lazy whether the regex is compiled when first used (only for patterns known to compile: the
     *     default templates)
     */
    PatternDateTemplate(String pattern, StrptimePattern strptime, boolean lazy) {
        this(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(strptime, "strptime"),
                build(pattern, strptime, Begin.WORD, true), lazy);
    }

    private PatternDateTemplate(String pattern, StrptimePattern strptime, Bounded bounded, boolean lazy) {
        super(bounded, pattern, lazy);
        this.pattern = pattern;
        this.strptime = strptime;
    }

    private Fields fields() {
        Fields f = fields;
        if (f == null) {
            Map<Integer, StrptimePattern.Field> byGroup = new TreeMap<>();
            for (Map.Entry<String, Integer> e : compiled().groupNames().entrySet()) {
                StrptimePattern.Field field = StrptimePattern.Field.of(e.getKey());
                if (field != null) {
                    byGroup.put(e.getValue(), field);
                }
            }
            int[] javaGroups = new int[byGroup.size()];
            int i = 0;
            for (Integer py : byGroup.keySet()) {
                javaGroups[i++] = compiled().javaGroup(py);
            }
            f = new Fields(byGroup.values().toArray(new StrptimePattern.Field[0]), javaGroups);
            fields = f;
        }
        return f;
    }

    private static Bounded build(String pattern, StrptimePattern strptime, Begin wordBegin, boolean wordEnd) {
        String p = pattern;
        if (RE_EXLINE_NO_BOUNDS.matcher(p).find()) {
            p = RE_EXLINE_NO_BOUNDS.matcher(p).replaceFirst("");
            wordBegin = Begin.NONE;
            wordEnd = false;
        }
        if (wordBegin != Begin.NONE && RE_EXLINE_BOUND_BEG.matcher(p).find()) {
            p = RE_EXLINE_BOUND_BEG.matcher(p).replaceFirst("");
            wordBegin = Begin.LINE;
        }
        String name = StrptimePattern.describe(p);
        String regex = strptime.toRegex(p);
        if (RE_ALPHA_PATTERN.matcher(p).find()) {
            regex = "(?iu)" + regex;
        }
        return bound(name, regex, wordBegin, wordEnd);
    }

    /** The date pattern as given, e.g. {@code {^LN-BEG}%ExY-%Exm-%Exd %ExH:%ExM:%ExS}. */
    @Override
    public Optional<String> pattern() {
        return Optional.of(pattern);
    }

    @Override
    double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes) {
        return epochSeconds(match, defaultOffsetMinutes, null, null);
    }

    @Override
    double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes, java.time.Instant now,
            StrptimePattern.ClockUse use) {
        Fields f = fields();
        int[] javaGroups = f.javaGroups();
        int n = javaGroups.length;
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = match.javaStart(javaGroups[i]);
            ends[i] = match.javaEnd(javaGroups[i]);
        }
        return strptime.toEpochSeconds(match.line(), f.fields(), starts, ends, defaultOffsetMinutes, now, use);
    }
}
