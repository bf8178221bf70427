package org.fail2ban4j.date;

/**
 * Port of {@code fail2ban/server/datetemplate.py:DateTai64n}: TAI64N labels as written by qmail/daemontools
 * ({@code @4000000041f4104f00000000}). As upstream, the {@code @4} is dropped and the next 15 hex digits are
 * read as Unix seconds (the TAI-UTC offset is ignored, the nanoseconds too).
 */
public final class Tai64nDateTemplate extends DateTemplate {

    private Tai64nDateTemplate(Bounded bounded) {
        super(bounded, "TAI64N");
    }

    /**
     * The template {@code TAI64N}, or {@code {^LN-BEG}TAI64N} when the label must start the line.
     */
    public static Tai64nDateTemplate of(boolean lineBeginOnly) {
        return new Tai64nDateTemplate(bound("TAI64N", "@[0-9a-f]{24}", lineBeginOnly ? Begin.LINE : Begin.NONE,
                true));
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
