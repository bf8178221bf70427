package org.fail2ban4j.cli;

import java.io.PrintStream;
import org.fail2ban4j.Version;
import org.fail2ban4j.protocol.CommandHelp;

/** The usage text of upstream's {@code Fail2banCmdLine.dispUsage}. */
final class Usage {
    private Usage() {
    }

    static void print(PrintStream out, String caller) {
        boolean server = caller.endsWith("server");
        out.println("Usage: " + caller + " [OPTIONS]" + (server ? "" : " <COMMAND>"));
        out.println();
        out.println("Fail2Ban v" + Version.FAIL2BAN_VERSION + " reads log file that contains password failure report");
        out.println("and bans the corresponding IP addresses using firewall rules.");
        out.println();
        out.println("Options:");
        out.println("    -c, --conf <DIR>        configuration directory");
        out.println("    -s, --socket <FILE>     socket path");
        out.println("    -p, --pidfile <FILE>    pidfile path");
        out.println("    --pname <NAME>          name of the process (main thread) to identify instance (default fail2ban-server)");
        out.println("    --loglevel <LEVEL>      logging level");
        out.println("    --logtarget <TARGET>    logging target, use file-name or stdout, stderr, syslog or sysout.");
        out.println("    --syslogsocket auto|<FILE>");
        out.println("    -d                      dump configuration. For debugging");
        out.println("    --dp, --dump-pretty     dump the configuration using more human readable representation");
        out.println("    -t, --test              test configuration (can be also specified with start parameters)");
        out.println("    -i                      interactive mode");
        out.println("    -v                      increase verbosity");
        out.println("    -q                      decrease verbosity");
        out.println("    -x                      force execution of the server (remove socket file)");
        out.println("    -b                      start server in background (default)");
        out.println("    -f                      start server in foreground");
        out.println("    --async                 start server in async mode (for internal usage only, don't read configuration)");
        out.println("    --timeout               timeout to wait for the server (for internal usage only, don't read configuration)");
        out.println("    --str2sec <STRING>      convert time abbreviation format to seconds");
        out.println("    -h, --help              display this help message");
        out.println("    -V, --version           print the version (-V returns machine-readable short format)");
        if (!server) {
            out.println();
            out.println("Command:");
            CommandHelp.print(out);
        }
        out.println();
        out.println("Report bugs to https://github.com/fail2ban/fail2ban/issues");
    }
}
