package org.fail2ban4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The shared {@code main} of the command-line tools: UTF-8 standard streams, run, flush, exit with the status. */
final class Mains {
    /** A tool: arguments and streams in, exit status out. */
    @FunctionalInterface
    interface Tool {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    private Mains() {
    }

    static void exit(Tool tool, String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(tool, args, out, err));
    }

    /** Runs the tool on the given streams and flushes them; returns the exit status. */
    static int run(Tool tool, String[] args, PrintStream out, PrintStream err) {
        int rc = tool.run(Arrays.asList(args), out, err);
        out.flush();
        err.flush();
        return rc;
    }
}
