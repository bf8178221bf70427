package org.fail2ban4j.exec;

/**
 * Upstream's {@code fail2ban/server/utils.py:signame}: signal number to the name Python's {@code signal} module
 * gives it on Linux, including its quirks (0, 1 and 2 are named after {@code SIG_DFL}, {@code SIG_IGN} and
 * {@code SIGINT} because later entries of the module overwrite earlier ones; 29 is {@code SIGPOLL}).
 */
final class Signals {

    private static final String[] NAMES = new String[65];

    static {
        String[] known = {
            "SIG_DFL", "SIG_IGN", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
            "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR", "SIGSYS",
        };
        System.arraycopy(known, 0, NAMES, 0, known.length);
        NAMES[34] = "SIGRTMIN";
        NAMES[64] = "SIGRTMAX";
    }

    /** Linux {@code SIGKILL}. */
    static final int SIGKILL = 9;
    /** Linux {@code SIGTERM}. */
    static final int SIGTERM = 15;

    private Signals() {
    }

    /**
     * Upstream's {@code signame.get(n, "signal %i" % n)}.
     *
     * @param n the signal number
     * @return for example {@code SIGTERM}, or {@code signal 40}
     */
    static String name(int n) {
        if (n >= 0 && n < NAMES.length && NAMES[n] != null) {
            return NAMES[n];
        }
        return "signal " + n;
    }
}
