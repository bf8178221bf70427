package org.fail2ban4j.regex;

import java.util.Objects;

/**
 * A {@link CharSequence} view that counts {@link #charAt(int)} calls and throws
 * {@link RegexBudgetExceededException} once more than {@code budget} characters were read. Handing it to a
 * {@link java.util.regex.Matcher} bounds the work of one match attempt deterministically (no clock), which
 * defuses catastrophic backtracking.
 *
 * <p>Mutable and not thread-safe: a hot path keeps one instance per thread and calls {@link #reset(CharSequence)}
 * or {@link #reset(CharSequence, long)} for each input (then {@code matcher.reset(budgetedText)}).
 * {@link #subSequence(int, int)} and
 * {@link #toString()} read the underlying text directly and are not counted, so extracting groups after a match
 * costs nothing.
 */
public final class BudgetedText implements CharSequence {

    private long budget;
    private CharSequence text;
    private long used;
    private int maxIndex = -1;

    /**
     * Creates a view over an empty text; call {@link #reset(CharSequence)} before use.
     *
     * @param budget the number of character reads allowed per {@link #reset(CharSequence)}, at least 0
     */
    public BudgetedText(long budget) {
        this("", budget);
    }

    /**
     * @param text the text to read, not null
     * @param budget the number of character reads allowed, at least 0
     */
    public BudgetedText(CharSequence text, long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0: " + budget);
        }
        this.text = Objects.requireNonNull(text, "text");
        this.budget = budget;
    }

    /**
     * Points the view at a new text and restores the full budget.
     *
     * @param newText the text to read, not null
     * @return this
     */
    public BudgetedText reset(CharSequence newText) {
        this.text = Objects.requireNonNull(newText, "text");
        this.used = 0;
        this.maxIndex = -1;
        return this;
    }

    /**
     * Points the view at a new text with a new budget.
     *
     * @param newText the text to read, not null
     * @param newBudget the number of character reads allowed, at least 0
     * @return this
     */
    public BudgetedText reset(CharSequence newText, long newBudget) {
        if (newBudget < 0) {
            throw new IllegalArgumentException("budget must be >= 0: " + newBudget);
        }
        this.budget = newBudget;
        return reset(newText);
    }

    /** @return the number of character reads allowed per text */
    public long budget() {
        return budget;
    }

    /** @return the number of character reads done since the last {@link #reset(CharSequence)} */
    public long used() {
        return used;
    }

    /** @return the highest index read through {@link #charAt(int)} since the last reset, -1 when none */
    public int maxIndexRead() {
        return maxIndex;
    }

    /** @return the text this view reads */
    public CharSequence text() {
        return text;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (++used > budget) {
            used = budget;
            throw new RegexBudgetExceededException(budget);
        }
        if (index > maxIndex) {
            maxIndex = index;
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
