package org.fail2ban4j.filter;

/**
 * When to make the check of a line's parts ({@link org.fail2ban4j.regex.PrefilterIndex.PartCheck}): it costs about
 * half of what it saves when it rules a line out, so it pays when it rules out at least half of the lines, and
 * pauses while it does not. Mutable, for one thread.
 */
final class PartCheckPace {
    /** Lines the check looks at before deciding whether to pause, and how many it then skips. */
    private static final int WINDOW = 1024;
    private static final int PAUSE = 7 * 1024;
    private int runs;
    private int passed;
    private int pause;

    /** Whether to check this line (a line not checked is taken as one that may match). */
    boolean check() {
        if (pause > 0) {
            pause--;
            return false;
        }
        return true;
    }

    /** What the check said of a line it was made on. */
    void checked(boolean mayMatch) {
        if (mayMatch) {
            passed++;
        }
        if (++runs == WINDOW) {
            if (passed * 2 > WINDOW) {
                pause = PAUSE;
            }
            runs = 0;
            passed = 0;
        }
    }
}
