package org.fail2ban4j.protocol;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/protocol.py:protocol} and {@code printFormatted}: the command list that
 * {@code fail2ban-client -h} prints after its options, in upstream's exact layout (4 spaces, the command padded to
 * 41 columns, the description wrapped at 34 columns by Python's {@code textwrap}).
 */
public final class CommandHelp {
    private static final int INDENT = 4;
    private static final int MARGIN = 41;
    private static final int WIDTH = 34;

    /** One line of the table: a heading has an empty command. */
    public record Entry(String command, String description) {
        /** Requires both (the command is empty for a heading). */
        public Entry {
            java.util.Objects.requireNonNull(command, "command");
            java.util.Objects.requireNonNull(description, "description");
        }

        /** Whether this is a section heading ("BASIC", "LOGGING" ...). */
        public boolean isHeading() {
            return command.isEmpty();
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            heading("BASIC"),
            entry("start",
                    "starts the server and the jails"),
            entry("restart",
                    "restarts the server"),
            entry("restart [--unban] [--if-exists] <JAIL>",
                    "restarts the jail <JAIL> (alias for 'reload --restart ... <JAIL>')"),
            entry("reload [--restart] [--unban] [--all]",
                    "reloads the configuration without restarting of the server, the option '--restart' activates "
                            + "completely restarting of affected jails, thereby can unban IP addresses (if option "
                            + "'--unban' specified)"),
            entry("reload [--restart] [--unban] [--if-exists] <JAIL>",
                    "reloads the jail <JAIL>, or restarts it (if option '--restart' specified)"),
            entry("stop",
                    "stops all jails and terminate the server"),
            entry("unban --all",
                    "unbans all IP addresses (in all jails and database)"),
            entry("unban <IP> ... <IP>",
                    "unbans <IP> (in all jails and database)"),
            entry("banned",
                    "return jails with banned IPs as dictionary"),
            entry("banned <IP> ... <IP>]",
                    "return list(s) of jails where given IP(s) are banned"),
            entry("status",
                    "gets the current status of the server"),
            entry("status --all [FLAVOR]",
                    "gets the current status of all jails, with optional output style [FLAVOR]. Flavors: 'basic' "
                            + "(default), 'cymru', 'short', 'stats'"),
            entry("stat[istic]s",
                    "gets the current statistics of all jails as table"),
            entry("ping",
                    "tests if the server is alive"),
            entry("echo",
                    "for internal usage, returns back and outputs a given string"),
            entry("version",
                    "return the server version"),
            heading("LOGGING"),
            entry("set loglevel <LEVEL>",
                    "sets logging level to <LEVEL>. Levels: CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG, "
                            + "TRACEDEBUG, HEAVYDEBUG or corresponding numeric value (50-5)"),
            entry("get loglevel",
                    "gets the logging level"),
            entry("set logtarget <TARGET>",
                    "sets logging target to <TARGET>. Can be STDOUT, STDERR, SYSLOG, SYSTEMD-JOURNAL or a file"),
            entry("get logtarget",
                    "gets logging target"),
            entry("set syslogsocket auto|<SOCKET>",
                    "sets the syslog socket path to auto or <SOCKET>. Only used if logtarget is SYSLOG"),
            entry("get syslogsocket",
                    "gets syslog socket path"),
            entry("flushlogs",
                    "flushes the logtarget if a file and reopens it. For log rotation."),
            heading("DATABASE"),
            entry("set dbfile <FILE>",
                    "set the location of fail2ban persistent datastore. Set to \"None\" to disable"),
            entry("get dbfile",
                    "get the location of fail2ban persistent datastore"),
            entry("set dbmaxmatches <INT>",
                    "sets the max number of matches stored in database per ticket"),
            entry("get dbmaxmatches",
                    "gets the max number of matches stored in database per ticket"),
            entry("set dbpurgeage <SECONDS>",
                    "sets the max age in <SECONDS> that history of bans will be kept"),
            entry("get dbpurgeage",
                    "gets the max age in seconds that history of bans will be kept"),
            heading("JAIL CONTROL"),
            entry("add <JAIL> <BACKEND>",
                    "creates <JAIL> using <BACKEND>"),
            entry("start <JAIL>",
                    "starts the jail <JAIL>"),
            entry("stop <JAIL>",
                    "stops the jail <JAIL>. The jail is removed"),
            entry("status <JAIL> [FLAVOR]",
                    "gets the current status of <JAIL>, with optional output style [FLAVOR]. Flavors: 'basic' "
                            + "(default), 'cymru', 'short', 'stats'"),
            heading("JAIL CONFIGURATION"),
            entry("set <JAIL> idle on|off",
                    "sets the idle state of <JAIL>"),
            entry("set <JAIL> ignoreself true|false",
                    "allows the ignoring of own IP addresses"),
            entry("set <JAIL> addignoreip <IP>",
                    "adds <IP> to the ignore list of <JAIL>"),
            entry("set <JAIL> delignoreip <IP>",
                    "removes <IP> from the ignore list of <JAIL>"),
            entry("set <JAIL> ignorecommand <VALUE>",
                    "sets ignorecommand of <JAIL>"),
            entry("set <JAIL> ignorecache <VALUE>",
                    "sets ignorecache of <JAIL>"),
            entry("set <JAIL> addlogpath <FILE> ['tail']",
                    "adds <FILE> to the monitoring list of <JAIL>, optionally starting at the 'tail' of the file "
                            + "(default 'head')."),
            entry("set <JAIL> dellogpath <FILE>",
                    "removes <FILE> from the monitoring list of <JAIL>"),
            entry("set <JAIL> logencoding <ENCODING>",
                    "sets the <ENCODING> of the log files for <JAIL>"),
            entry("set <JAIL> addjournalmatch <MATCH>",
                    "adds <MATCH> to the journal filter of <JAIL>"),
            entry("set <JAIL> deljournalmatch <MATCH>",
                    "removes <MATCH> from the journal filter of <JAIL>"),
            entry("set <JAIL> addfailregex <REGEX>",
                    "adds the regular expression <REGEX> which must match failures for <JAIL>"),
            entry("set <JAIL> delfailregex <INDEX>",
                    "removes the regular expression at <INDEX> for failregex"),
            entry("set <JAIL> addignoreregex <REGEX>",
                    "adds the regular expression <REGEX> which should match pattern to exclude for <JAIL>"),
            entry("set <JAIL> delignoreregex <INDEX>",
                    "removes the regular expression at <INDEX> for ignoreregex"),
            entry("set <JAIL> findtime <TIME>",
                    "sets the number of seconds <TIME> for which the filter will look back for <JAIL>"),
            entry("set <JAIL> bantime <TIME>",
                    "sets the number of seconds <TIME> a host will be banned for <JAIL>"),
            entry("set <JAIL> datepattern <PATTERN>",
                    "sets the <PATTERN> used to match date/times for <JAIL>"),
            entry("set <JAIL> usedns <VALUE>",
                    "sets the usedns mode for <JAIL>"),
            entry("set <JAIL> attempt <IP> [<failure1> ... <failureN>]",
                    "manually notify about <IP> failure"),
            entry("set <JAIL> banip <IP> ... <IP>",
                    "manually Ban <IP> for <JAIL>"),
            entry("set <JAIL> unbanip [--report-absent] <IP> ... <IP>",
                    "manually Unban <IP> in <JAIL>"),
            entry("set <JAIL> maxretry <RETRY>",
                    "sets the number of failures <RETRY> before banning the host for <JAIL>"),
            entry("set <JAIL> maxmatches <INT>",
                    "sets the max number of matches stored in memory per ticket in <JAIL>"),
            entry("set <JAIL> maxlines <LINES>",
                    "sets the number of <LINES> to buffer for regex search for <JAIL>"),
            entry("set <JAIL> addaction <ACT>[ <PYTHONFILE> <JSONKWARGS>]",
                    "adds a new action named <ACT> for <JAIL>. Optionally for a Python based action, a <PYTHONFILE> "
                            + "and <JSONKWARGS> can be specified, else will be a Command Action"),
            entry("set <JAIL> delaction <ACT>",
                    "removes the action <ACT> from <JAIL>"),
            heading("COMMAND ACTION CONFIGURATION"),
            entry("set <JAIL> action <ACT> actionstart <CMD>",
                    "sets the start command <CMD> of the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> actionstop <CMD>",
                    "sets the stop command <CMD> of the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> actioncheck <CMD>",
                    "sets the check command <CMD> of the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> actionban <CMD>",
                    "sets the ban command <CMD> of the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> actionunban <CMD>",
                    "sets the unban command <CMD> of the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> timeout <TIMEOUT>",
                    "sets <TIMEOUT> as the command timeout in seconds for the action <ACT> for <JAIL>"),
            heading("GENERAL ACTION CONFIGURATION"),
            entry("set <JAIL> action <ACT> <PROPERTY> <VALUE>",
                    "sets the <VALUE> of <PROPERTY> for the action <ACT> for <JAIL>"),
            entry("set <JAIL> action <ACT> <METHOD>[ <JSONKWARGS>]",
                    "calls the <METHOD> with <JSONKWARGS> for the action <ACT> for <JAIL>"),
            heading("JAIL INFORMATION"),
            entry("get <JAIL> banned",
                    "return banned IPs of <JAIL>"),
            entry("get <JAIL> banned <IP> ... <IP>]",
                    "return 1 if IP is banned in <JAIL> otherwise 0, or a list of 1/0 for multiple IPs"),
            entry("get <JAIL> logpath",
                    "gets the list of the monitored files for <JAIL>"),
            entry("get <JAIL> logencoding",
                    "gets the encoding of the log files for <JAIL>"),
            entry("get <JAIL> journalmatch",
                    "gets the journal filter match for <JAIL>"),
            entry("get <JAIL> ignoreself",
                    "gets the current value of the ignoring the own IP addresses"),
            entry("get <JAIL> ignoreip",
                    "gets the list of ignored IP addresses for <JAIL>"),
            entry("get <JAIL> ignorecommand",
                    "gets ignorecommand of <JAIL>"),
            entry("get <JAIL> failregex",
                    "gets the list of regular expressions which matches the failures for <JAIL>"),
            entry("get <JAIL> ignoreregex",
                    "gets the list of regular expressions which matches patterns to ignore for <JAIL>"),
            entry("get <JAIL> findtime",
                    "gets the time for which the filter will look back for failures for <JAIL>"),
            entry("get <JAIL> bantime",
                    "gets the time a host is banned for <JAIL>"),
            entry("get <JAIL> datepattern",
                    "gets the pattern used to match date/times for <JAIL>"),
            entry("get <JAIL> usedns",
                    "gets the usedns setting for <JAIL>"),
            entry("get <JAIL> banip [<SEP>|--with-time]",
                    "gets the list of of banned IP addresses for <JAIL>. Optionally the separator character ('<SEP>', "
                            + "default is space) or the option '--with-time' (printing the times of ban) may be "
                            + "specified. The IPs are ordered by end of ban."),
            entry("get <JAIL> maxretry",
                    "gets the number of failures allowed for <JAIL>"),
            entry("get <JAIL> maxmatches",
                    "gets the max number of matches stored in memory per ticket in <JAIL>"),
            entry("get <JAIL> maxlines",
                    "gets the number of lines to buffer for <JAIL>"),
            entry("get <JAIL> actions",
                    "gets a list of actions for <JAIL>"),
            heading("COMMAND ACTION INFORMATION"),
            entry("get <JAIL> action <ACT> actionstart",
                    "gets the start command for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> actionstop",
                    "gets the stop command for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> actioncheck",
                    "gets the check command for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> actionban",
                    "gets the ban command for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> actionunban",
                    "gets the unban command for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> timeout",
                    "gets the command timeout in seconds for the action <ACT> for <JAIL>"),
            heading("GENERAL ACTION INFORMATION"),
            entry("get <JAIL> actionproperties <ACT>",
                    "gets a list of properties for the action <ACT> for <JAIL>"),
            entry("get <JAIL> actionmethods <ACT>",
                    "gets a list of methods for the action <ACT> for <JAIL>"),
            entry("get <JAIL> action <ACT> <PROPERTY>",
                    "gets the value of <PROPERTY> for the action <ACT> for <JAIL>"));

    private CommandHelp() {
    }

    /** The table of commands and headings, in upstream's order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The formatted lines, as {@code printFormatted} prints them. */
    public static List<String> formatted() {
        List<String> out = new ArrayList<>();
        boolean firstHeading = false;
        for (Entry m : ENTRIES) {
            if (m.isHeading() && firstHeading) {
                out.add("");
            }
            firstHeading = true;
            String text = m.command().length() >= MARGIN ? " ".repeat(WIDTH) + m.description() : m.description();
            boolean first = true;
            for (String n : TextWrap.wrap(text, WIDTH)) {
                if (first) {
                    out.add(" ".repeat(INDENT) + m.command() + " ".repeat(Math.max(0, MARGIN - m.command().length()))
                            + n.strip());
                    first = false;
                } else {
                    out.add(" ".repeat(INDENT + MARGIN) + n.strip());
                }
            }
        }
        return out;
    }

    /** Prints the formatted lines. */
    public static void print(PrintStream out) {
        for (String line : formatted()) {
            out.println(line);
        }
    }

    private static Entry heading(String title) {
        return new Entry("", title);
    }

    private static Entry entry(String command, String description) {
        return new Entry(command, description);
    }

    /**
     * Python's {@code textwrap.wrap(text, width, drop_whitespace=False)} for text without tabs: chunks split by
     * {@code TextWrapper.wordsep_re} (words, runs of whitespace, hyphenated parts), lines filled greedily, long
     * words broken (after a hyphen where possible).
     */
    static final class TextWrap {
        private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
        private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
        private static final String WP = "[\\w!\"'&.,?]";
        private static final String LT = "[^\\d\\W]";
        private static final Pattern WORDSEP = Pattern.compile(
                "(" + WS + "+"
                + "|(?<=" + WP + ")-{2,}(?=\\w)"
                + "|" + NWS + "+?(?:-(?:(?<=" + LT + "{2}-)|(?<=" + LT + "-" + LT + "-))(?=" + LT + "-?" + LT + ")"
                + "|(?=" + WS + "|\\z)"
                + "|(?<=" + WP + ")(?=-{2,}\\w)))",
                Pattern.UNICODE_CHARACTER_CLASS);

        private TextWrap() {
        }

        static List<String> wrap(String text, int width) {
            String t = text.replaceAll("[\\t\\n\\x0b\\x0c\\r]", " ");
            List<String> chunks = split(t);
            List<String> lines = new ArrayList<>();
            int next = 0;
            while (next < chunks.size()) {
                List<String> cur = new ArrayList<>();
                int curLen = 0;
                while (next < chunks.size() && curLen + chunks.get(next).length() <= width) {
                    curLen += chunks.get(next).length();
                    cur.add(chunks.get(next++));
                }
                if (next < chunks.size() && chunks.get(next).length() > width) {
                    String chunk = chunks.get(next);
                    int spaceLeft = width - curLen;
                    int end = spaceLeft;
                    int hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
                    if (hyphen > 0 && !chunk.substring(0, hyphen).chars().allMatch(c -> c == '-')) {
                        end = hyphen + 1;
                    }
                    cur.add(chunk.substring(0, end));
                    chunks.set(next, chunk.substring(end));
                }
                if (!cur.isEmpty()) {
                    lines.add(String.join("", cur));
                }
            }
            return lines;
        }

        private static List<String> split(String text) {
            List<String> out = new ArrayList<>();
            Matcher m = WORDSEP.matcher(text);
            int last = 0;
            while (m.find()) {
                if (m.start() > last) {
                    out.add(text.substring(last, m.start()));
                }
                if (!m.group().isEmpty()) {
                    out.add(m.group());
                }
                last = m.end();
            }
            if (last < text.length()) {
                out.add(text.substring(last));
            }
            return out;
        }
    }
}
