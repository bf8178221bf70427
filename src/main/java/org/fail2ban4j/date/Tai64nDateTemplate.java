package org.fail2ban4j.date;

/**
 * Port of {@code fail2ban/server/datetemplate.py:DateTai64n}: TAI64N labels as written by qmail/daemontools
 * ({@code @4000000041f4104f00000000}). As upstream, the {@code @4} is dropped and the next 15 hex digits are
 * read as Unix seconds (the TAI-UTC offset is ignored, the nanoseconds too).
 */
public final class Tai64nDateTemplate extends DateTemplate {

    /** Whether the label must start the line ({@code {^LN-BEG}TAI64N}). */
    private final boolean lineBeginOnly;

    private Tai64nDateTemplate(Bounded bounded, boolean lineBeginOnly) {
        super(bounded, "TAI64N");
        this.lineBeginOnly = lineBeginOnly;
    }

    /**
     * The template {@code TAI64N}, or {@code {^LN-BEG}TAI64N} when the label must start the line.
     */
    public static Tai64nDateTemplate of(boolean lineBeginOnly) {
        return new Tai64nDateTemplate(bound("TAI64N", "@[0-9a-f]{24}", lineBeginOnly ? Begin.LINE : Begin.NONE,
                true), lineBeginOnly);
    }

    /**
     * A line that starts with a label ({@code @}, 24 lower-case hex digits) followed by the end or an ASCII
     * character that is not a word character: the line-anchored regex
     * {@code ^(?:\W{0,2})?(@[0-9a-f]{24})(?=\b|\W|$)} matches exactly the label there (its optional
     * {@code \W{0,2}} cannot take the {@code @}, as a hex digit follows it), so the match is made without the regex
     * (labels differ in their last digits from line to line, so the detector's reuse of the last search never
     * applies to them).
     */
    @Override
    TemplateMatch quickMatch(String line) {
        if (!lineBeginOnly || line.length() < 25 || line.charAt(0) != '@') {
            return null;
        }
        for (int i = 1; i < 25; i++) {
            char c = line.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        if (line.length() > 25) {
            char c = line.charAt(25);
            if (c >= 128 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                return null;
            }
        }
        return matched(line, new int[] {0, 25, 0, 25});
    }

    @Override
    double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes) {
        String value = match.group(1).orElse("");
        if (value.length() < 17) {
            return Double.NaN;
        }
        return Long.parseLong(value.substring(2, 17), 16);
    }
}
