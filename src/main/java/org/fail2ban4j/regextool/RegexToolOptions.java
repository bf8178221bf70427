package org.fail2ban4j.regextool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.Version;
import org.fail2ban4j.regextool.PyOptionParser.Action;
import org.fail2ban4j.regextool.PyOptionParser.Opt;

/**
 * Port of {@code fail2ban/client/fail2banregex.py:get_opt_parser}: the command line of {@code fail2ban-regex} (the
 * options, their defaults and help), with {@code _f2bOptParser.format_help} (the help text) and the checks of
 * {@code exec_command_line} (two or three arguments, exclusive print options).
 *
 * <p>Immutable once parsed. Options without a value give {@link Optional#empty()}.
 */
public final class RegexToolOptions {

    /** Upstream's module docstring, printed by {@code -h}. */
    static final String DOC = "\nFail2Ban  reads log file that contains password failure report\n"
            + "and bans the corresponding IP addresses using firewall rules.\n\n"
            + "This tools can test regular expressions for \"fail2ban\".\n";

    static final String ARGS_HELP = "\nLOG:\n"
            + "  string                a string representing a log line\n"
            + "  filename              path to a log file (/var/log/auth.log)\n"
            + "  systemd-journal       search systemd journal (systemd-python required),\n"
            + "                        optionally with backend parameters, see `man jail.conf`\n"
            + "                        for usage and examples (systemd-journal[journalflags=1]).\n"
            + "\n"
            + "REGEX:\n"
            + "  string                a string representing a 'failregex'\n"
            + "  filter                name of jail or filter, optionally with options (sshd[mode=aggressive])\n"
            + "  filename              path to a filter file (filter.d/sshd.conf)\n"
            + "\n"
            + "IGNOREREGEX:\n"
            + "  string                a string representing an 'ignoreregex'\n"
            + "\n";

    static final String COPYRIGHT = "Copyright (c) 2004-2008 Cyril Jaquier, 2008- Fail2Ban Contributors\n"
            + "Copyright of modifications held by their respective authors.\n"
            + "Licensed under the GNU General Public License v2 (GPL).\n\n"
            + "Written by Cyril Jaquier <cyril.jaquier@fail2ban.org>.\n"
            + "Many contributions by Yaroslav O. Halchenko, Steven Hiscocks, Sergey G. Brester (sebres).";

    static final List<Opt> OPTIONS = List.of(
            new Opt(List.of("--version"), "version", Action.VERSION, "show program's version number and exit", null),
            new Opt(List.of("-h", "--help"), "help", Action.HELP, "show this help message and exit", null),
            new Opt(List.of("-c", "--config"), "config", Action.STORE, "set alternate config directory", null),
            new Opt(List.of("-d", "--datepattern"), "datepattern", Action.STORE,
                    "set custom pattern used to match date/times", null),
            new Opt(List.of("--timezone", "--TZ"), "timezone", Action.STORE,
                    "set time-zone used by convert time format", null),
            new Opt(List.of("-e", "--encoding"), "encoding", Action.STORE, "File encoding. Default: system locale",
                    null),
            new Opt(List.of("-r", "--raw"), "raw", Action.STORE_TRUE, "Raw hosts, don't resolve dns", null),
            new Opt(List.of("--usedns"), "usedns", Action.STORE, "DNS specified replacement of tags <HOST> in regexp "
                    + "('yes' - matches all form of hosts, 'no' - IP addresses only)", null),
            new Opt(List.of("-L", "--maxlines"), "maxlines", Action.STORE_INT, "maxlines for multi-line regex.",
                    null),
            new Opt(List.of("-m", "--journalmatch"), "journalmatch", Action.STORE,
                    "journalctl style matches overriding filter file. \"systemd-journal\" only", null),
            new Opt(List.of("-l", "--log-level"), "log_level", Action.STORE,
                    "Log level for the Fail2Ban logger to use", null),
            new Opt(List.of("-V"), "V", Action.EXIT_PRINT, "get version in machine-readable short format",
                    Version.FAIL2BAN_VERSION),
            new Opt(List.of("-v", "--verbose"), "verbose", Action.COUNT, "Increase verbosity", null),
            new Opt(List.of("--verbosity"), "verbose", Action.STORE_INT,
                    "Set numerical level of verbosity (0..4)", null),
            new Opt(List.of("--verbose-date", "--VD"), "verbose_date", Action.STORE_TRUE,
                    "Verbose date patterns/regex in output", null),
            new Opt(List.of("-D", "--debuggex"), "debuggex", Action.STORE_TRUE,
                    "Produce debuggex.com urls for debugging there", null),
            new Opt(List.of("--no-check-all"), "checkAllRegex", Action.STORE_FALSE, "Disable check for all regex's",
                    null),
            new Opt(List.of("-o", "--out"), "out", Action.STORE, "Set token to print failure information only "
                    + "(row, id, ip, msg, host, ip4, ip6, dns, matches, ...)", null),
            new Opt(List.of("-i", "--invert"), "invert", Action.STORE_TRUE,
                    "Invert the sense of matching, to output non-matching lines.", null),
            new Opt(List.of("--print-no-missed"), "print_no_missed", Action.STORE_TRUE,
                    "Do not print any missed lines", null),
            new Opt(List.of("--print-no-ignored"), "print_no_ignored", Action.STORE_TRUE,
                    "Do not print any ignored lines", null),
            new Opt(List.of("--print-all-matched"), "print_all_matched", Action.STORE_TRUE,
                    "Print all matched lines", null),
            new Opt(List.of("--print-all-missed"), "print_all_missed", Action.STORE_TRUE,
                    "Print all missed lines, no matter how many", null),
            new Opt(List.of("--print-all-ignored"), "print_all_ignored", Action.STORE_TRUE,
                    "Print all ignored lines, no matter how many", null),
            new Opt(List.of("-t", "--log-traceback"), "log_traceback", Action.STORE_TRUE,
                    "Enrich log-messages with compressed tracebacks", null),
            new Opt(List.of("--full-traceback"), "full_traceback", Action.STORE_TRUE,
                    "Either to make the tracebacks full, not compressed (as by default)", null));

    /** The outcome of reading a command line. */
    public sealed interface Outcome permits Run, Exit {
    }

    /** Run the tool with these options. */
    public record Run(RegexToolOptions options) implements Outcome {
        public Run {
            Objects.requireNonNull(options, "options");
        }
    }

    /** Print {@code stdout} and {@code stderr}, then exit with {@code status} (help, version, usage errors). */
    public record Exit(int status, String stdout, String stderr) implements Outcome {
        public Exit {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }

    private final Map<String, Object> values;
    private final List<String> args;

    private RegexToolOptions(Map<String, Object> values, List<String> args) {
        this.values = Map.copyOf(withoutNulls(values));
        this.args = List.copyOf(args);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Reads a command line as upstream's {@code exec_command_line} does.
     *
     * @param argv the arguments without the program name
     * @param program the program as invoked ({@code sys.argv[0]}), shown in the usage line
     * @param env the environment ({@code COLUMNS} sets the help width; the locale sets the default encoding)
     * @return what to do
     */
    public static Outcome parse(List<String> argv, String program, Map<String, String> env) {
        Objects.requireNonNull(argv, "argv");
        String usage = program + " [OPTIONS] <LOG> <REGEX> [IGNOREREGEX]";
        PyOptionParser[] parser = new PyOptionParser[1];
        parser[0] = new PyOptionParser(OPTIONS, PyPath.basename(program), usage,
                PyPath.basename(program) + " " + Version.FAIL2BAN_VERSION,
                width -> helpText(parser[0], program, width));
        int width = PyOptionParser.helpWidth(env);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("config", "/etc/fail2ban");
        defaults.put("encoding", preferredEncoding(env));
        defaults.put("raw", false);
        defaults.put("maxlines", 0);
        defaults.put("log_level", "critical");
        defaults.put("verbose", 0);
        defaults.put("checkAllRegex", true);
        PyOptionParser.Parsed parsed;
        try {
            parsed = parser[0].parse(argv, defaults, width);
        } catch (PyOptionParser.Exit e) {
            return new Exit(e.status(), e.stdout(), e.stderr());
        }
        RegexToolOptions o = new RegexToolOptions(parsed.values(), parsed.args());
        StringBuilder errors = new StringBuilder();
        if (o.printNoMissed() && o.printAllMissed()) {
            errors.append("\nERROR: --print-no-missed and --print-all-missed are mutually exclusive.");
        }
        if (o.printNoIgnored() && o.printAllIgnored()) {
            errors.append("\nERROR: --print-no-ignored and --print-all-ignored are mutually exclusive.");
        }
        if (o.args.size() != 2 && o.args.size() != 3) {
            errors.append("\nERROR: provide both <LOG> and <REGEX>.");
        }
        if (errors.length() > 0) {
            return new Exit(255, helpText(parser[0], program, width), errors.append('\n').toString());
        }
        return new Run(o);
    }

    /** Upstream's {@code _f2bOptParser.format_help}: usage, docstring, arguments, options, bug address, copyright. */
    static String helpText(PyOptionParser parser, String program, int width) {
        return "Usage: " + program + " [OPTIONS] <LOG> <REGEX> [IGNOREREGEX]\n" + DOC + ARGS_HELP
                + parser.formatOptionHelp(width) + "\n\nReport bugs to https://github.com/fail2ban/fail2ban/issues\n\n"
                + COPYRIGHT + "\n";
    }

    /**
     * Python's {@code locale.getpreferredencoding()} as fail2ban corrects it: the codeset of the locale in
     * {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG}; UTF-8 when none names one (Python coerces the C locale).
     */
    static String preferredEncoding(Map<String, String> env) {
        for (String k : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String v = env.get(k);
            if (v == null || v.isEmpty()) {
                continue;
            }
            int dot = v.indexOf('.');
            if (dot < 0) {
                return "UTF-8";
            }
            String cs = v.substring(dot + 1);
            int at = cs.indexOf('@');
            if (at >= 0) {
                cs = cs.substring(0, at);
            }
            String n = cs.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
            return n.equals("utf8") ? "UTF-8" : cs;
        }
        return "UTF-8";
    }

    /**
     * The number of a log level as {@code -l} takes it (upstream {@code str2LogLevel}): a number, or a name such
     * as {@code critical}, {@code warning}, {@code notice}, {@code debug}, {@code heavydebug}.
     *
     * @throws IllegalArgumentException {@code Invalid log level 'x'}
     */
    public static int logLevelNumber(String level) {
        return ToolLog.parseLevel(level);
    }

    private String str(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    private boolean flag(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    /** {@code LOG}, {@code REGEX} and maybe {@code IGNOREREGEX}. */
    public List<String> args() {
        return args;
    }

    /** {@code -c}: the configuration directory as given (default {@code /etc/fail2ban}). */
    public String config() {
        return str("config");
    }

    /** {@code -d}. */
    public Optional<String> datePattern() {
        return Optional.ofNullable(str("datepattern"));
    }

    /** {@code --timezone}. */
    public Optional<String> timezone() {
        return Optional.ofNullable(str("timezone"));
    }

    /** {@code -e} (default: the locale's encoding). */
    public String encoding() {
        return str("encoding");
    }

    /** {@code -r}. */
    public boolean raw() {
        return flag("raw");
    }

    /** {@code --usedns}. */
    public Optional<String> useDns() {
        return Optional.ofNullable(str("usedns"));
    }

    /** {@code -L} (0: not given). */
    public int maxLines() {
        return ((Number) values.get("maxlines")).intValue();
    }

    /** {@code -m}. */
    public Optional<String> journalMatch() {
        return Optional.ofNullable(str("journalmatch"));
    }

    /** {@code -l} as given (default {@code critical}). */
    public String logLevel() {
        return str("log_level");
    }

    /** {@code -v} count or {@code --verbosity}. */
    public int verbose() {
        return ((Number) values.get("verbose")).intValue();
    }

    /** {@code --verbose-date}. */
    public boolean verboseDate() {
        return flag("verbose_date");
    }

    /** {@code -D}. */
    public boolean debuggex() {
        return flag("debuggex");
    }

    /** Not {@code --no-check-all}. */
    public boolean checkAllRegex() {
        return flag("checkAllRegex");
    }

    /** {@code -o}; an empty value counts as not given, as upstream's truth test. */
    public Optional<String> out() {
        String o = str("out");
        return o == null || o.isEmpty() ? Optional.empty() : Optional.of(o);
    }

    /** {@code -i}. */
    public boolean invert() {
        return flag("invert");
    }

    /** {@code --print-no-missed}. */
    public boolean printNoMissed() {
        return flag("print_no_missed");
    }

    /** {@code --print-no-ignored}. */
    public boolean printNoIgnored() {
        return flag("print_no_ignored");
    }

    /** {@code --print-all-matched}. */
    public boolean printAllMatched() {
        return flag("print_all_matched");
    }

    /** {@code --print-all-missed}. */
    public boolean printAllMissed() {
        return flag("print_all_missed");
    }

    /** {@code --print-all-ignored}. */
    public boolean printAllIgnored() {
        return flag("print_all_ignored");
    }

    /** {@code -t}. */
    public boolean logTraceback() {
        return flag("log_traceback");
    }

    /** {@code --full-traceback}. */
    public boolean fullTraceback() {
        return flag("full_traceback");
    }
}
