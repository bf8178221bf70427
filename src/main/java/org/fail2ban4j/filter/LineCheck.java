package org.fail2ban4j.filter;

import org.fail2ban4j.regex.PrefilterIndex;

/**
 * The literal check of a {@link FailureMatcher} over a whole line, for another thread than the one that matches
 * (fail2ban-regex's reader thread runs it on each line as it decodes it, on the second core): whether any
 * failregex may match some part of the line. Its answer, handed to {@link FailureMatcher#processCheckedLine}, saves
 * the matching thread that check, and a line it rules out skips the prefregex and failregexes, whatever share of
 * the lines the check rules out (the matching thread's own check pauses while it rules out too few to pay).
 *
 * <p>A line's date is cut out before the failregexes see it; every part of what remains is a part of the whole
 * line unless the date had text on both sides, so the answer for the whole line holds for every line with its
 * date at the start or the end (or none); the matching thread checks the others itself. Mutable, for the one
 * thread that uses it; made by {@link FailureMatcher#newLineCheck()}.
 */
public final class LineCheck {
    private final PrefilterIndex index;
    private final PrefilterIndex.PartCheck check;

    LineCheck(PrefilterIndex index, PrefilterIndex.PartCheck check) {
        this.index = index;
        this.check = check;
    }

    /** The index the check was made from (an answer is used only while the filter still has it). */
    PrefilterIndex index() {
        return index;
    }

    /**
     * @param line a line
     * @param to the end of the line's text (before its line end)
     * @return false when no failregex can match any part of {@code line[0, to)} (nor such a part followed by
     *     {@code "\n"})
     */
    public boolean mayMatch(String line, int to) {
        check.reset();
        check.scan(line, 0, to);
        return check.anyMayMatch();
    }
}
