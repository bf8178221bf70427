/**
 * Python-re syntax and semantics on top of java.util.regex.
 *
 * <p>{@link org.fail2ban4j.regex.PyRegex#compile(String, int)} parses a pattern with Python 3.11's grammar and
 * errors ({@link org.fail2ban4j.regex.RegexSyntaxException}), rewrites it for {@code java.util.regex} and returns
 * an immutable {@link org.fail2ban4j.regex.CompiledRegex} that maps Python group numbers and names to Java ones;
 * matches come back as {@link org.fail2ban4j.regex.RegexMatch} in Python numbering.
 * {@link org.fail2ban4j.regex.BudgetedText} bounds the work of one match. The few constructs that cannot be
 * reproduced exactly are refused, never changed silently.
 *
 * <p>Speed without changing results: {@link org.fail2ban4j.regex.LiteralPrefilter} (the literals every match
 * contains, from the parsed pattern) and {@link org.fail2ban4j.regex.PrefilterIndex} (those of many patterns
 * combined: a trie of anchored prefixes, one-pass {@link org.fail2ban4j.regex.LiteralSet}s) skip searches that
 * cannot match; {@link org.fail2ban4j.regex.AnchoredSearchCache} reuses the search of a pattern anchored at the
 * start for texts that start the same way; {@link org.fail2ban4j.regex.RestOfLineSearch} searches
 * {@code ...(?P<content>.+)$} without matching the rest of the line, and its
 * {@link org.fail2ban4j.regex.RestOfLineSearch.Searcher} reuses that search for lines of the same shape (the same
 * characters where the pattern looks, up to letters and digits it does not name);
 * {@link org.fail2ban4j.regex.DotStarLiteralSearch} searches {@code ^...(?P<g>.*)LITERAL...} by trying the ends of
 * the group where the literal starts instead of every character.
 *
 * <p>{@link org.fail2ban4j.regex.Backtracker} is a matcher of our own for the same parsed patterns: a small program
 * run by one interpreter loop in the order Python's {@code sre} tries things, which the hot paths (failregexes,
 * prefregexes, date templates) use where it takes the pattern (all but those with characters outside the BMP);
 * {@code java.util.regex} stays the reference it is tested against, and searches a text whose match reads a
 * character outside the BMP (or above Latin-1 in a case-insensitive item). It is two to three times as fast on
 * the filters' patterns: their many patterns make {@code java.util.regex}'s node calls megamorphic, and it backs
 * runs off only to where the next literal starts.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.regex;
