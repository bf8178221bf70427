package org.fail2ban4j.regex;

import java.util.Optional;

/**
 * A match attempt that was abandoned because it did too much work: either {@link BudgetedText} counted more
 * character reads than its budget allows (which bounds catastrophic backtracking deterministically, without a
 * clock), or {@code java.util.regex}, which recurses once per iteration of most repeats, exhausted the thread's
 * stack on a long input ({@link #stackExhausted()}; run matching on threads with a large stack, e.g. 64 MB, to
 * make this rare).
 */
public class RegexBudgetExceededException extends RuntimeException {

    private final long budget;
    private final String pattern;
    private final boolean stackExhausted;

    /**
     * @param budget the number of character reads that was allowed
     */
    public RegexBudgetExceededException(long budget) {
        this(budget, null);
    }

    /**
     * @param budget the number of character reads that was allowed
     * @param pattern the pattern that used it up, may be null when not known where the budget ran out
     */
    public RegexBudgetExceededException(long budget, String pattern) {
        super(pattern == null
                ? "regular expression matching exceeded its budget of " + budget + " character reads"
                : "regular expression '" + pattern + "' exceeded its budget of " + budget + " character reads");
        this.budget = budget;
        this.pattern = pattern;
        this.stackExhausted = false;
    }

    private RegexBudgetExceededException(String pattern, int inputLength, StackOverflowError cause) {
        super("regular expression '" + pattern + "' ran out of stack on an input of " + inputLength
                + " characters (java.util.regex recurses once per repeat iteration; match on a thread with a "
                + "larger stack)", cause);
        this.budget = -1;
        this.pattern = pattern;
        this.stackExhausted = true;
    }

    /**
     * The exception for a match that exhausted the thread's stack.
     *
     * @param pattern the pattern being matched, not null
     * @param inputLength the length of the input
     * @param cause the error
     * @return the exception to throw
     */
    public static RegexBudgetExceededException stackExhausted(String pattern, int inputLength,
            StackOverflowError cause) {
        return new RegexBudgetExceededException(pattern, inputLength, cause);
    }

    /** @return the number of character reads that was allowed, or -1 when the stack ran out */
    public long budget() {
        return budget;
    }

    /** @return the pattern that used up the budget, when known */
    public Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }

    /** @return whether the thread's stack ran out (rather than a character-read budget) */
    public boolean stackExhausted() {
        return stackExhausted;
    }
}
