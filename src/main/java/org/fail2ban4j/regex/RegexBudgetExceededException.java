package org.fail2ban4j.regex;

import java.util.Optional;

/**
 * Thrown by {@link BudgetedText} when a match reads more characters than its budget allows, which bounds the
 * work a pathological (catastrophically backtracking) pattern can do on one input. Deterministic: the budget
 * counts character reads, not time.
 */
public class RegexBudgetExceededException extends RuntimeException {

    private final long budget;
    private final String pattern;

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
    }

    /** @return the number of character reads that was allowed */
    public long budget() {
        return budget;
    }

    /** @return the pattern that used up the budget, when known */
    public Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }
}
