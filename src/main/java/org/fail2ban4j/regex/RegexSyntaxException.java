package org.fail2ban4j.regex;

import java.util.Objects;

/**
 * Port of `re:error` (Python 3.11 {@code re/_constants.py}): a pattern that Python refuses, or that this
 * translator cannot reproduce exactly on {@code java.util.regex}.
 *
 * <p>{@link #pythonMessage()} is Python's text: {@code "<reason> at position <n>"}, followed by
 * {@code " (line <l>, column <c>)"} when the pattern has several lines. {@link #getMessage()} adds the pattern:
 * {@code "<python message> in '<pattern>'"}. The original pattern, the position (a code-point index into it,
 * {@code -1} when the error has no position) and the bare reason stay available.
 */
public class RegexSyntaxException extends IllegalArgumentException {

    private final String pattern;
    private final int position;
    private final String reason;
    private final boolean verbatim;

    /**
     * Creates the exception.
     *
     * @param pattern the pattern as given by the caller, not null
     * @param position code-point index of the error in {@code pattern}, or {@code -1} if there is none
     * @param reason what is wrong, not null
     */
    public RegexSyntaxException(String pattern, int position, String reason) {
        this(pattern, position, reason, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param pattern the pattern as given by the caller, not null
     * @param position code-point index of the error in {@code pattern}, or {@code -1} if there is none
     * @param reason what is wrong, not null
     * @param cause the underlying error, may be null
     */
    public RegexSyntaxException(String pattern, int position, String reason, Throwable cause) {
        this(pattern, position, reason, cause, false);
    }

    private RegexSyntaxException(String pattern, int position, String reason, Throwable cause, boolean verbatim) {
        super(message(Objects.requireNonNull(pattern, "pattern"), position, Objects.requireNonNull(reason, "reason"),
                verbatim), cause);
        if (position < -1) {
            throw new IllegalArgumentException("position must be >= -1: " + position);
        }
        this.pattern = pattern;
        this.position = position;
        this.reason = reason;
        this.verbatim = verbatim;
    }

    /**
     * An exception whose message is exactly {@code message} (which already names the pattern), such as
     * fail2ban's "Unable to compile regular expression '...'".
     *
     * @param pattern the pattern, not null
     * @param message the complete message, not null
     * @param cause the underlying error, may be null
     * @return the exception
     */
    public static RegexSyntaxException verbatim(String pattern, String message, Throwable cause) {
        return new RegexSyntaxException(pattern, -1, message, cause, true);
    }

    private static String message(String pattern, int position, String reason, boolean verbatim) {
        if (verbatim) {
            return reason;
        }
        return pythonMessage(pattern, position, reason) + " in " + PyStrings.repr(pattern);
    }

    private static String pythonMessage(String pattern, int position, String reason) {
        if (position < 0) {
            return reason;
        }
        if (pattern.indexOf('\n') >= 0) {
            int offset = pattern.offsetByCodePoints(0, Math.min(position, pattern.codePointCount(0, pattern.length())));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (pattern.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = pattern.codePointCount(lineStart, offset) + 1;
            return reason + " at position " + position + " (line " + line + ", column " + column + ")";
        }
        return reason + " at position " + position;
    }

    /** @return Python's {@code str(re.error)}: the reason and where, without the pattern */
    public String pythonMessage() {
        return verbatim ? reason : pythonMessage(pattern, position, reason);
    }

    /** @return the pattern as the caller gave it */
    public String pattern() {
        return pattern;
    }

    /** @return the code-point index of the error in {@link #pattern()}, or {@code -1} */
    public int position() {
        return position;
    }

    /** @return what is wrong, without the position */
    public String reason() {
        return reason;
    }
}
