package org.fail2ban4j.filter;

import org.fail2ban4j.date.TemplateMatch;
import org.fail2ban4j.regex.RegexMatch;

/**
 * What {@link LineScanner} found for one line ahead of the thread that processes it: the date, whether any
 * failregex may match, the buffers, the prefregex's match and the candidate failregexes' matches. Each of these
 * depends only on the line (and, for the date, on the lines the same detector saw before), so
 * {@link FailureMatcher#processLine(String, LineScan)} takes them instead of searching again; what the scan could not
 * settle (a search over its budget, which the processing thread reports itself) is left {@link #UNKNOWN}. Written
 * by the scanning thread, read by the processing thread after a hand-over that orders the two (a blocking queue).
 */
public final class LineScan {
    /** A result the scan did not settle: the processing thread searches itself. */
    static final Object UNKNOWN = new Object();
    private static final int[] NO_CANDIDATES = {};
    private static final Object[] NO_RESULTS = {};

    /** The line scanned (the processing thread checks it is the one it processes). */
    final String line;
    /** What the date detection threw, rethrown by the processing thread at the same step; else null. */
    RuntimeException dateError;
    /** The winning date template's match, or null. */
    TemplateMatch date;
    /** The date's time when its text is not empty (NaN when it does not convert). */
    double seconds = Double.NaN;
    /** The line without {@code [cutStart, cutEnd)} is what the regexes see. */
    int cutStart;
    int cutEnd;
    /** Whether {@link #mayMatch} was found (the matcher's part check applies). */
    boolean partChecked;
    /** Whether some failregex may match a part of the line (meaningful when {@link #partChecked}). */
    boolean mayMatch;
    /** The line split around its date, and the buffer the prefregex (or the failregexes) search; null if skipped. */
    TupleLine tuple;
    String buf;
    /** Whether {@link #preMatch} is the prefregex's result on {@link #buf} (false: not searched, or over budget). */
    boolean prefKnown;
    RegexMatch preMatch;
    /** The prefregex's content ({@code <F-CONTENT>}) when it has one that is not empty, else null. */
    String content;
    /** The buffer the failregexes were searched on: {@code content + "\n"}, or {@link #buf}; null if not. */
    String failBuf;
    /** The candidate failregexes (ascending indexes) and each one's match (null: none; or {@link #UNKNOWN}). */
    int[] candidates = NO_CANDIDATES;
    Object[] results = NO_RESULTS;

    LineScan(String line) {
        this.line = line;
    }

    /** The first candidate failregex from {@code from} on, or -1. */
    int nextCandidate(int from) {
        for (int c : candidates) {
            if (c >= from) {
                return c;
            }
        }
        return -1;
    }

    /** The match of candidate failregex {@code index} (null: none), or {@link #UNKNOWN}. */
    Object result(int index) {
        int[] c = candidates;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == index) {
                return results[i];
            }
        }
        return UNKNOWN;
    }
}
