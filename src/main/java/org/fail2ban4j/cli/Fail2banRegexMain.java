package org.fail2ban4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.SystemDnsResolver;
import org.fail2ban4j.regextool.RegexTool;
import org.fail2ban4j.regextool.RegexToolOptions;

/**
 * {@code fail2ban-regex}: command line as upstream's {@code fail2ban/client/fail2banregex.py:exec_command_line}.
 * Wires the real clock, the system zone and the system DNS resolver into {@link RegexTool}. Exit status 0 on
 * success (also for {@code -h}, {@code --version}, {@code -V}), 2 for an unknown option or a missing option value
 * (optparse), 255 for a wrong number of arguments or any error while testing.
 */
public final class Fail2banRegexMain {
    /** The program name shown in the usage line ({@code sys.argv[0]} upstream); the launcher may set it. */
    static final String PROGRAM_PROPERTY = "fail2ban4j.program";

    private Fail2banRegexMain() {
    }

    public static void main(String[] args) {
        engineLogs(Arrays.asList(args));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int rc = run(Arrays.asList(args), out, err);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    /**
     * The engine (matcher, date detector, DNS) logs through slf4j; upstream's tool shows the {@code fail2ban}
     * loggers on standard output from the level of {@code -l} on (default critical: nothing). The simple binding
     * is set up accordingly before the first logger is made (its line format is its own, not upstream's).
     */
    private static void engineLogs(List<String> args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") != null) {
            return;
        }
        String level = "off";
        RegexToolOptions.Outcome o = RegexToolOptions.parse(args, "fail2ban-regex", Map.of());
        if (o instanceof RegexToolOptions.Run) {
            level = slf4jLevel(((RegexToolOptions.Run) o).options().logLevel());
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
    }

    /** The slf4j-simple level for a Python level name or number ({@code critical} and above: off). */
    static String slf4jLevel(String pythonLevel) {
        int n;
        try {
            n = RegexToolOptions.logLevelNumber(pythonLevel);
        } catch (IllegalArgumentException e) {
            return "off";
        }
        if (n >= 50) {
            return "off";
        }
        if (n >= 40) {
            return "error";
        }
        if (n >= 25) {
            return "warn";
        }
        if (n >= 18) {
            return "info";
        }
        return n >= 10 ? "debug" : "trace";
    }

    /** Runs {@code fail2ban-regex} with the given arguments (without the program name); returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        String program = System.getProperty(PROGRAM_PROPERTY, "fail2ban-regex");
        RegexToolOptions.Outcome o = RegexToolOptions.parse(args, program, env);
        if (o instanceof RegexToolOptions.Exit) {
            RegexToolOptions.Exit e = (RegexToolOptions.Exit) o;
            out.print(e.stdout());
            out.flush();
            err.print(e.stderr());
            err.flush();
            return e.status();
        }
        RegexToolOptions opts = ((RegexToolOptions.Run) o).options();
        InstantSource clock = InstantSource.system();
        RegexTool.Environment environment = new RegexTool.Environment(clock, ZoneId.systemDefault(),
                new CachingDnsResolver(new SystemDnsResolver(), clock), ProcessHandle.current().pid());
        int rc = new RegexTool(opts, environment, out).run();
        out.flush();
        return rc;
    }
}
