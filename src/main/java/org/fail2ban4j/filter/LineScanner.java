package org.fail2ban4j.filter;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.TemplateMatch;
import org.fail2ban4j.regex.PrefilterIndex;
import org.fail2ban4j.regex.RegexBudgetExceededException;
import org.fail2ban4j.regex.RegexMatch;

/**
 * Scans lines ahead of the thread that processes them ({@link FailureMatcher#newLineScanner}): on another thread,
 * in the order the lines will be processed, it detects each line's date (the date detector then belongs to this
 * scanner until the last line is scanned) and makes the searches that depend on the line alone, so that the
 * processing thread keeps only what depends on the lines before (the date fallbacks, the multi-line failure
 * state, the counts). {@code fail2ban-regex} scans on its reader thread: the two cores of a small machine then share
 * a line's work. Every search gives what the processing thread's own search would give (same regexes, same
 * prefilters, same budget); a search over its budget is left for the processing thread, which reports it.
 * Mutable, for one thread.
 */
public final class LineScanner {
    /** Lines per clock reading, as {@code fail2ban-regex} reads the clock once per batch. */
    private static final int CLOCK_BATCH = 1024;

    private final DateDetector dateDetector;
    private final InstantSource clock;
    private final boolean clockShared;
    private final FailRegex prefRegex;
    private final PrefSearch prefSearch;
    private final List<FailRegex> failRegexes;
    private final Matcher[] failMatchers;
    private final PrefilterIndex.Candidates candidates;
    /** The part check where the processing thread makes it (one line per buffer...), else null. */
    private final PrefilterIndex.PartCheck partCheck;
    private final boolean resolvePrefOnSkip;
    private final Searching searching = new Searching();
    private final int[] found;
    private final PartCheckPace partCheckPace = new PartCheckPace();
    private Instant reading;
    private int clockLines;

    LineScanner(DateDetector dateDetector, InstantSource clock, boolean clockShared, PrefSearch prefSearch,
            List<FailRegex> failRegexes, PrefilterIndex index, PrefilterIndex.PartCheck partCheck, boolean ownMatcher,
            boolean resolvePrefOnSkip) {
        this.dateDetector = dateDetector;
        this.clock = clock;
        this.clockShared = clockShared;
        this.prefRegex = prefSearch == null ? null : prefSearch.regex;
        this.prefSearch = prefSearch == null ? null : prefSearch.forAnotherThread();
        this.failRegexes = List.copyOf(failRegexes);
        this.failMatchers = new Matcher[failRegexes.size()];
        for (int i = 0; i < failMatchers.length; i++) {
            failMatchers[i] = failRegexes.get(i).newMatcher();
        }
        this.candidates = index.newCandidates();
        this.partCheck = partCheck;
        this.searching.ownMatcher = ownMatcher;
        this.resolvePrefOnSkip = resolvePrefOnSkip;
        this.found = new int[failRegexes.size()];
    }

    /**
     * Scans the next line to be processed.
     *
     * @param search whether to make the searches too (else only the date is detected, which must be done here)
     */
    public LineScan scan(String line, boolean search) {
        LineScan s = new LineScan(line);
        if (dateDetector != null) {
            TemplateMatch m;
            try {
                if (clockShared) {
                    if (--clockLines < 0) {
                        reading = clock.instant();
                        clockLines = CLOCK_BATCH;
                    }
                    m = dateDetector.matchTimeOrNull(line, reading);
                } else {
                    m = dateDetector.matchTime(line).orElse(null);
                }
                if (m != null && m.dateStart() < 0) {
                    s.cutStart = line.length();
                    s.cutEnd = s.cutStart;
                } else if (m != null) {
                    s.cutStart = m.dateStart();
                    s.cutEnd = m.dateEnd();
                    if (s.cutEnd > s.cutStart) {
                        s.seconds = dateDetector.epochSecondsOf(m);
                    }
                }
            } catch (RuntimeException e) {
                s.dateError = e;
                return s;
            }
            s.date = m;
        }
        if (!search) {
            return s;
        }
        try {
            searchParts(s);
        } catch (RuntimeException e) {
            // left to the processing thread, which meets it again (the date stays scanned: it is detected once)
            LineScan d = new LineScan(line);
            d.date = s.date;
            d.seconds = s.seconds;
            d.cutStart = s.cutStart;
            d.cutEnd = s.cutEnd;
            return d;
        }
        return s;
    }

    /** The searches of a line whose date is known. */
    private void searchParts(LineScan s) {
        String line = s.line;
        if (partCheck != null) {
            s.partChecked = true;
            if (!partCheckPace.check()) {
                s.mayMatch = true;
            } else {
                s.mayMatch = FailureMatcher.partsMayMatch(partCheck, line, s.cutStart, s.cutEnd);
                partCheckPace.checked(s.mayMatch);
            }
            if (!s.mayMatch) {
                if (resolvePrefOnSkip && prefRegex != null
                        && !FailureMatcher.matchesWithoutSearch(prefSearch, line, s.cutStart, s.cutEnd)) {
                    String buf = line.substring(0, s.cutStart).concat(line.substring(s.cutEnd)).concat("\n");
                    searchPref(s, buf);
                }
                return;
            }
        }
        TupleLine tuple = new TupleLine(line.substring(0, s.cutStart),
                s.cutEnd > s.cutStart ? line.substring(s.cutStart, s.cutEnd) : "", line.substring(s.cutEnd));
        s.tuple = tuple;
        String buf = tuple.withoutDate().concat("\n");
        s.buf = buf;
        String failBuf = buf;
        if (prefRegex != null) {
            if (!searchPref(s, buf) || s.preMatch == null) {
                return;
            }
            String repl = prefRegex.groupOrNull(s.preMatch, "content");
            if (Failure.truthy(repl)) {
                s.content = repl;
                failBuf = repl.concat("\n");
            }
        }
        s.failBuf = failBuf;
        candidates.update(failBuf);
        int n = 0;
        for (int i = candidates.next(0); i >= 0; i = candidates.next(i + 1)) {
            found[n++] = i;
        }
        int[] c = new int[n];
        Object[] r = new Object[n];
        for (int k = 0; k < n; k++) {
            int i = found[k];
            c[k] = i;
            try {
                r[k] = searching.find(failRegexes.get(i), failMatchers[i], failBuf);
            } catch (RegexBudgetExceededException e) {
                r[k] = LineScan.UNKNOWN;
            }
        }
        s.candidates = c;
        s.results = r;
    }

    /** The prefregex's match on {@code buf} into the scan; false when the search went over its budget. */
    private boolean searchPref(LineScan s, String buf) {
        try {
            s.preMatch = prefRegex.compiled().prefilter().mayMatch(buf) ? prefSearch.find(buf, true, searching) : null;
        } catch (RegexBudgetExceededException e) {
            return false;
        }
        s.prefKnown = true;
        return true;
    }
}
