package org.fail2ban4j.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code fail2ban-server}: upstream's command line ({@code fail2ban/client/fail2banserver.py}, sharing
 * {@code Fail2banCmdLine} with the client). The configuration test ({@code -t}), dump ({@code -d}),
 * {@code --str2sec}, {@code -V} and {@code -h} work; the daemon itself comes with the server packages.
 */
public final class Fail2banServerMain {
    private Fail2banServerMain() {
    }

    public static void main(String[] args) {
        Mains.exit(Fail2banServerMain::run, args);
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new Fail2banClientMain("fail2ban-server", out, err).start(args);
    }
}
