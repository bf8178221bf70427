package org.fail2ban4j.regex;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Searches with one pattern anchored at the start of the text ({@link CompiledRegex#anchoredAtStart()}) over
 * a stream of texts, such as the date template of log lines: the result of the previous search is reused when the
 * new text agrees with the previous one on every character that search read.
 *
 * <p>Why this is exact: a search of a pattern anchored at index 0 is one match attempt at index 0, and
 * {@code java.util.regex} decides it from the characters it reads and from comparisons of positions with the end
 * of the text; it compares a position with the end only right before reading it, or just after the last character
 * it read (end assertions, a failed read at the end). So two texts that agree on the characters up to the last
 * one read, and are both longer than that by two, give the same result (match or not, and every group span). The
 * characters read are counted during the search; the pattern's static bound ({@link CompiledRegex#anchoredReach()}),
 * where it has one, caps the comparison. One more decision reads nothing: a pattern anchored inside its branches
 * ({@code (?:^a|^b)c}) is tried by {@code java.util.regex} only when the text is at least as long as the shortest
 * match, so a search that read no character is reused for an equal text only.
 *
 * <p>Mutable, for one thread. The group spans are returned as an array shared between the texts that reuse them;
 * callers must not change it.
 */
public final class AnchoredSearchCache {

    private final CompiledRegex regex;
    private final int staticReach;
    /** Counts the characters a search reads (the budget only guards against runaway searches). */
    private final BudgetedText tracker = new BudgetedText(Long.MAX_VALUE);
    private final Matcher matcher;
    private String last;
    private int[] lastSpans;
    /** Leading characters the next text must share with {@link #last} (when both are at least this long). */
    private int decided;

    private AnchoredSearchCache(CompiledRegex regex, int staticReach) {
        this.regex = regex;
        this.staticReach = staticReach;
        this.matcher = regex.matcher("");
    }

    /**
     * @param regex the pattern
     * @return a cache for the pattern; empty when its searches cannot be reused (not anchored at the start)
     */
    public static Optional<AnchoredSearchCache> of(CompiledRegex regex) {
        int reach = Objects.requireNonNull(regex, "regex").anchoredReach();
        if (reach < 0) {
            if (!regex.anchoredAtStart()) {
                return Optional.empty();
            }
            // no static bound (a \s* or .* in it): the characters a search read decide alone
            reach = Integer.MAX_VALUE;
        }
        return Optional.of(new AnchoredSearchCache(regex, reach));
    }

    /** What {@link #search} returns when there is no match. */
    public static final int[] NO_MATCH = new int[0];

    /**
     * Searches {@code text} as a whole ({@code pattern.search(text)}).
     *
     * @param text the text, not null
     * @return the start and end of every Java group ({@code [2j]}, {@code [2j+1]}, -1 when the group did not take
     *     part; group 0 is the match), or {@link #NO_MATCH} (empty) when there is no match; the same array as
     *     for the previous text when that result was reused
     * @throws RegexBudgetExceededException when matching exhausts the thread's stack
     */
    public int[] search(String text) {
        Objects.requireNonNull(text, "text");
        String prev = last;
        if (prev != null && sameStart(prev, text)) {
            return lastSpans;
        }
        tracker.reset(text);
        matcher.reset(tracker);
        boolean found;
        try {
            found = matcher.find();
        } catch (StackOverflowError e) {
            last = null;
            matcher.reset("");
            throw RegexBudgetExceededException.stackExhausted(regex.source(), text.length(), e);
        }
        int[] spans = NO_MATCH;
        if (found) {
            int n = matcher.groupCount();
            spans = new int[2 * (n + 1)];
            for (int j = 0; j <= n; j++) {
                spans[2 * j] = matcher.start(j);
                spans[2 * j + 1] = matcher.end(j);
            }
        }
        matcher.reset("");
        last = text;
        lastSpans = spans;
        int read = tracker.maxIndexRead();
        decided = read < 0 ? Integer.MAX_VALUE : Math.min(staticReach, read + 3);
        tracker.reset("");
        return spans;
    }

    /** Whether {@code text} agrees with {@code prev} on what the search of {@code prev} looked at. */
    private boolean sameStart(String prev, String text) {
        int n = decided;
        if (prev.length() >= n && text.length() >= n) {
            return prev.regionMatches(0, text, 0, n);
        }
        return prev.equals(text);
    }
}
