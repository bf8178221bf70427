package org.fail2ban4j.date;

/**
 * A date pattern ({@code datepattern} of a filter or jail) that cannot be used: an unknown {@code %}-directive, a
 * regex that does not compile, a template name used twice. The message names the pattern, with upstream's
 * wording ({@code Failed to set datepattern '...' (may be an invalid format or unescaped percent char): ...}).
 */
public final class DatePatternException extends IllegalArgumentException {

    private final String pattern;

    /** A pattern that cannot be turned into a template, and why. */
    public DatePatternException(String pattern, String reason) {
        super("Failed to set datepattern '" + pattern + "' (may be an invalid format or unescaped percent char): "
                + reason);
        this.pattern = pattern;
    }

    private DatePatternException(String message, String pattern, boolean plain) {
        super(message);
        this.pattern = pattern;
    }

    /** An error whose message is given as is (not about the pattern's format). */
    static DatePatternException withMessage(String pattern, String message) {
        return new DatePatternException(message, pattern, true);
    }

    /** The pattern as it was given. */
    public String pattern() {
        return pattern;
    }
}
