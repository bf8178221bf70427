package org.fail2ban4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's launcher named to this JVM ({@link #launcher()}), which a server started in the background runs
 * through, and {@code fail2ban-client -f start} ({@link #exec}): upstream's client becomes the server (it runs it in its own process). A JVM
 * started for the short-lived client has the client's settings (quick compiler only, a small heap), so this process
 * is replaced ({@code execv}, same pid, terminal, signals and exit status) by the server's launcher that
 * {@code bin/launch} names ({@link Fail2banServerMain#SERVER_LAUNCHER}), run in the foreground. Kept apart from
 * the client's main class so that the client's usual commands never load the native-call library.
 */
final class ServerExec {
    private ServerExec() {
    }

    /** The launcher named to this JVM, if it names an executable file. */
    static Optional<Path> launcher() {
        String l = System.getProperty(Fail2banServerMain.SERVER_LAUNCHER, "");
        if (l.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(l);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Replaces this process by {@code launcher args...}; returns only when that failed, with the reason. The caller
     * has flushed its output.
     */
    static String exec(Path launcher, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(launcher.toString());
        argv.addAll(args);
        try {
            jnr.posix.POSIX posix = jnr.posix.POSIXFactory.getNativePOSIX();
            posix.execv(launcher.toString(), argv.toArray(new String[0]));
            return "execv failed (errno " + posix.errno() + ")";
        } catch (RuntimeException | LinkageError e) {
            return String.valueOf(e);
        }
    }
}
