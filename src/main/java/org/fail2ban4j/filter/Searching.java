package org.fail2ban4j.filter;

import java.util.regex.Matcher;
import org.fail2ban4j.regex.Backtracker;
import org.fail2ban4j.regex.BudgetedText;
import org.fail2ban4j.regex.RegexBudgetExceededException;
import org.fail2ban4j.regex.RegexMatch;

/**
 * What one thread needs to search a filter's regexes: our own matcher's scratch ({@link Backtracker}), the budget
 * wrapper for {@code java.util.regex}, and whether our own matcher is used at all. Mutable, for one thread.
 */
final class Searching {
    final Backtracker.Scratch scratch = Backtracker.newScratch();
    final BudgetedText budgeted = new BudgetedText(budgetFor(0));
    /** Whether searches go through our own matcher where it takes the pattern. */
    boolean ownMatcher = true;

    /**
     * Character reads one regex search may do on a buffer of {@code length} characters: generous for any sane
     * expression (they need a few per character), small enough that a catastrophically backtracking one gives up
     * on a line within a fraction of a second.
     */
    static long budgetFor(int length) {
        return 2_000_000L + 400L * length;
    }

    /**
     * The raw match of a regex on a buffer, or null: through our own matcher where it takes the regex (and the
     * buffer: one with characters outside the BMP goes to {@code java.util.regex}), else through {@code matcher}.
     *
     * @param matcher a matcher of {@code regex} that belongs to this thread
     * @throws RegexBudgetExceededException when the search gives up (over budget, or out of stack)
     */
    RegexMatch find(FailRegex regex, Matcher matcher, String buf) {
        if (ownMatcher) {
            Backtracker own = regex.compiled().backtracker().orElse(null);
            if (own != null) {
                try {
                    return own.search(scratch, buf, 0, budgetFor(buf.length()));
                } catch (Backtracker.Fallback e) {
                    // characters outside the BMP: java.util.regex reads code points
                }
            }
        }
        return regex.find(matcher, budgeted.reset(buf, budgetFor(buf.length()))).orElse(null);
    }
}
