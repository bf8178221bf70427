package org.fail2ban4j.date;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/datetemplate.py:DateEpoch}: Unix timestamps.
 *
 * <p>Forms (upstream 1.1.1):
 * <ul>
 *   <li>{@code EPOCH}: 10 or 11 digits with an optional fraction of 3 to 6 digits, at the start of the line, just
 *       after a {@code [} that starts the line ({@code [1138049999.555]}) or after {@code audit(} (SELinux);</li>
 *   <li>{@code {^LN-BEG}EPOCH} / {@code ^EPOCH}: at the start of the line (after up to two non-word characters);
 *       a {@code [} before it needs a {@code ]} after it;</li>
 *   <li>{@code LEPOCH} (and its anchored forms): also milliseconds (13 digits, optional fraction) and
 *       microseconds (16 digits);</li>
 *   <li>a pattern with {@code {EPOCH}} or {@code {LEPOCH}} in it: the rest of the pattern is a plain regex around
 *       the number; group 1 is the date text (the whole match when the pattern has no group of its own).</li>
 * </ul>
 * Epoch values do not depend on the time zone.
 */
public final class EpochDateTemplate extends DateTemplate {

    static final Pattern RE_EPOCH_PATTERN = Pattern.compile("(?<!\\\\)\\{L?EPOCH\\}",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final String EPOCH_RE = "\\d{10,11}\\b(?:\\.\\d{3,6})?";
    private static final String LONG_EPOCH_RE = "\\d{10,11}(?:\\d{3}(?:\\.\\d{1,6}|\\d{3})?)?";

    private final boolean longForm;
    private final int groupIndex;

    private EpochDateTemplate(Bounded bounded, String pattern, boolean longForm, int groupIndex) {
        super(bounded, pattern);
        this.longForm = longForm;
        this.groupIndex = groupIndex;
    }

    /**
     * The plain epoch template ({@code EPOCH}, {@code LEPOCH}) or its line-begin form
     * ({@code {^LN-BEG}EPOCH}, {@code {^LN-BEG}LEPOCH}).
     */
    public static EpochDateTemplate of(boolean lineBeginOnly, boolean longForm) {
        String name = longForm ? "LongEpoch" : "Epoch";
        String epoch = longForm ? LONG_EPOCH_RE : EPOCH_RE;
        Bounded b;
        if (!lineBeginOnly) {
            String regex = "((?:^|(?P<square>(?<=^\\[))|(?P<selinux>(?<=\\baudit\\()))" + epoch
                    + ")(?:(?(selinux)(?=:\\d+\\)))|(?(square)(?=\\])))";
            b = bound(name, regex, Begin.NONE, true);
        } else {
            String regex = "((?P<square>(?<=^\\[))?" + epoch + ")(?(square)(?=\\]))";
            b = bound(name, regex, Begin.LINE, true);
        }
        return new EpochDateTemplate(b, name, longForm, 1);
    }

    /**
     * A template from a pattern containing {@code {EPOCH}} or {@code {LEPOCH}}, e.g.
     * {@code ^type=\S+ msg=audit\(({EPOCH})}.
     *
     * @param longForm whether milliseconds and microseconds are accepted (upstream: the pattern says LEPOCH)
     * @throws DatePatternException if the regex does not compile
     */
    public static EpochDateTemplate ofPattern(String pattern, boolean longForm) {
        Objects.requireNonNull(pattern, "pattern");
        String epoch = longForm ? LONG_EPOCH_RE : EPOCH_RE;
        String regex = RE_EPOCH_PATTERN.matcher(pattern).replaceAll(Matcher.quoteReplacement("(" + epoch + ")"));
        if (!RE_GROUPED.matcher(pattern).find()) {
            regex = "(" + regex + ")";
        }
        return new EpochDateTemplate(bound(pattern, regex, Begin.WORD, true), pattern, longForm, 2);
    }

    /** Whether milliseconds and microseconds are accepted. */
    public boolean isLongForm() {
        return longForm;
    }

    @Override
    double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes) {
        int g = match.javaGroup(groupIndex);
        int s = match.javaStart(g);
        if (s < 0) {
            return Double.NaN;
        }
        String v = match.line().substring(s, match.javaEnd(g));
        double value;
        try {
            value = Double.parseDouble(asciiDigits(v));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        if (longForm && v.length() >= 13) {
            if (v.length() >= 16 && v.indexOf('.') < 0) {
                return value / 1000000;
            }
            return value / 1000;
        }
        return value;
    }

    /** Python's float() reads any Unicode decimal digits. */
    private static String asciiDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > 0x7f) {
                StringBuilder sb = new StringBuilder(v.length());
                for (int k = 0; k < v.length(); k++) {
                    char ch = v.charAt(k);
                    int d = Character.digit(ch, 10);
                    sb.append(ch > 0x7f && d >= 0 ? (char) ('0' + d) : ch);
                }
                return sb.toString();
            }
        }
        return v;
    }
}
