package org.fail2ban4j.regex;

import java.util.Objects;

/**
 * Port of `re:error` (Python 3.11 {@code re/_constants.py}): a pattern that Python refuses, or that this
 * translator cannot reproduce exactly on {@code java.util.regex}.
 *
 * <p>The message reads like Python's: {@code "<reason> at position <n>"}, followed by
 * {@code " (line <l>, column <c>)"} when the pattern has several lines. The original pattern, the position
 * (a code-point index into it, {@code -1} when the error has no position) and the bare reason stay available.
 */
public class RegexSyntaxException extends IllegalArgumentException {

    private final String pattern;
    private final int position;
    private final String reason;

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
        super(format(Objects.requireNonNull(pattern, "pattern"), position, Objects.requireNonNull(reason, "reason")),
                cause);
        if (position < -1) {
            throw new IllegalArgumentException("position must be >= -1: " + position);
        }
        this.pattern = pattern;
        this.position = position;
        this.reason = reason;
    }

    private static String format(String pattern, int position, String reason) {
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
