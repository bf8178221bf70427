package org.fail2ban4j.filter;

import java.util.regex.Matcher;
import org.fail2ban4j.regex.DotStarLiteralSearch;
import org.fail2ban4j.regex.RegexBudgetExceededException;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RestOfLineSearch;

/**
 * The searches of one prefregex for one thread: its matcher, and where the prefregex has their form, the
 * rest-of-line search with its cache of results ({@link RestOfLineSearch}) and the search of a group of
 * {@code .*} before a literal ({@link DotStarLiteralSearch}). Mutable, for one thread.
 */
final class PrefSearch {
    final FailRegex regex;
    private final Matcher matcher;
    /** The prefregex's search without matching its {@code <F-CONTENT>.+</F-CONTENT>$} tail, or null. */
    final RestOfLineSearch rest;
    private final RestOfLineSearch.Searcher restSearcher;
    /** The prefregex's search through {@link DotStarLiteralSearch} where it has that form (nginx), else null. */
    private final DotStarLiteralSearch dotStar;
    private final Matcher[] dotStarMatchers;

    PrefSearch(FailRegex regex) {
        this(regex, RestOfLineSearch.of(regex.compiled()).orElse(null));
    }

    private PrefSearch(FailRegex regex, RestOfLineSearch rest) {
        this(regex, rest, rest != null ? null : DotStarLiteralSearch.of(regex.compiled()).orElse(null));
    }

    private PrefSearch(FailRegex regex, RestOfLineSearch rest, DotStarLiteralSearch dotStar) {
        this.regex = regex;
        this.matcher = regex.newMatcher();
        this.rest = rest;
        this.restSearcher = rest == null ? null : rest.newSearcher();
        this.dotStar = dotStar;
        this.dotStarMatchers = dotStar == null ? null : dotStar.newMatchers();
    }

    /** The same searches for another thread (the analyses of the prefregex are shared, the matchers are not). */
    PrefSearch forAnotherThread() {
        return new PrefSearch(regex, rest, dotStar);
    }

    /**
     * The prefregex's match on a buffer, as {@link Searching#find} gives it: through the rest-of-line search if it
     * applies (one line only; its cache of results beats any search), or the search of a group of {@code .*}
     * before a literal where our own matcher does not take the prefregex (it backs such a group off only to where
     * the literal starts, and is about twice as fast).
     *
     * @param shortcuts whether the rest-of-line and {@code .*} searches may be used (tests turn them off with the
     *     literal prefilters)
     * @throws RegexBudgetExceededException when the search gives up
     */
    RegexMatch find(String buf, boolean shortcuts, Searching searching) {
        boolean useRest = rest != null && shortcuts && RestOfLineSearch.applies(buf);
        if (!useRest && (dotStar == null || !shortcuts
                || (searching.ownMatcher && regex.compiled().backtracker().isPresent()))) {
            return searching.find(regex, matcher, buf);
        }
        searching.budgeted.reset(buf, Searching.budgetFor(buf.length()));
        return (useRest ? restSearcher.find(searching.budgeted) : dotStar.find(dotStarMatchers, searching.budgeted))
                .orElse(null);
    }
}
