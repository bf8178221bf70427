package org.fail2ban4j.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fail2ban4j.protocol.ControlCommand.ActionSetting;
import org.fail2ban4j.protocol.ControlCommand.JailSetting;
import org.fail2ban4j.protocol.ControlCommand.ReloadOption;
import org.fail2ban4j.protocol.ControlCommand.ServerSetting;

/**
 * Port of the dispatch of {@code fail2ban/server/transmitter.py:Transmitter} ({@code __commandHandler},
 * {@code __commandSet}, {@code __commandGet}, {@code status}): turns a decoded request into one
 * {@link ControlCommand}, checking names and argument counts and converting what upstream's transmitter converts
 * ({@code int()}, {@code float()}). Failures are {@link CommandException}s carrying the exception upstream raises at
 * the same point, so the Python client prints the same text:
 * <ul>
 *   <li>an unknown command: {@code Exception("Invalid command")};</li>
 *   <li>an unknown {@code set}/{@code get} key: {@code Exception("Invalid command 'x' (no set action or not yet
 *       implemented)")} / {@code Exception("Invalid command (no get action or not yet implemented)")};</li>
 *   <li>a bad {@code status}: {@code Exception("Invalid command (no status)")};</li>
 *   <li>a missing element: {@code IndexError("list index out of range")} ("Sorry but the command is invalid");</li>
 *   <li>a number that is none: {@code ValueError("invalid literal for int() with base 10: 'x'")}.</li>
 * </ul>
 * The whole command, including a reload's stream, is parsed before anything is applied (upstream applies a stream's
 * commands one by one and stops at the first bad one). Names are compared exactly, as upstream does; the checks
 * happen in upstream's order (so a jail called {@code loglevel} cannot be configured, as upstream).
 */
public final class ControlCommandParser {
    /** The number syntaxes, compiled on first use (the client's command line seldom needs them). */
    private static final class Numbers {
        static final Pattern FLOAT = Pattern.compile(
                "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.\\d(?:_?\\d)*|\\d(?:_?\\d)*\\.?)(?:[eE][+-]?\\d(?:_?\\d)*)?");
        static final Pattern FLOAT_SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)",
                Pattern.CASE_INSENSITIVE);
        static final Pattern INT = Pattern.compile("[+-]?\\d(?:_?\\d)*");

        private Numbers() {
        }
    }

    private ControlCommandParser() {
    }

    /**
     * Parses one request as the server receives it.
     *
     * @param command the decoded request: a list (or tuple) of plain values, normally strings
     * @return the typed command
     * @throws CommandException when the request is not a valid command, with upstream's exception for the case
     */
    public static ControlCommand parse(Object command) {
        if (command instanceof List || command instanceof PyTuple) {
            return parse(elements(command, "command"), 0);
        }
        throw notACommand(command);
    }

    /** What upstream's {@code command[0]} gives on a request that is not a list: the same error reply. */
    private static CommandException notACommand(Object v) {
        if (v instanceof String || v instanceof byte[]) {
            boolean empty = v instanceof String ? ((String) v).isEmpty() : ((byte[]) v).length == 0;
            if (empty) {
                return new CommandException(PyException.builtin("IndexError",
                        v instanceof String ? "string index out of range" : "index out of range"));
            }
            return new CommandException("Invalid command"); // its first character is no command name
        }
        if (v instanceof Map && !((Map<?, ?>) v).containsKey(0L)) {
            return new CommandException(new PyException(PyException.BUILTINS, "KeyError", List.of(0L)));
        }
        if (v instanceof Map) {
            return CommandException.typeError("command must be a list, not dict");
        }
        return CommandException.typeError("'" + typeName(v) + "' object is not subscriptable");
    }

    private static ControlCommand parse(List<?> c, int depth) {
        if (depth > 8) {
            throw new CommandException(PyException.builtin("RecursionError", "command streams nested too deeply"));
        }
        Object first = at(c, 0);
        String name = first instanceof String ? (String) first : "";
        switch (name) {
            case "ping":
                return new ControlCommand.Ping();
            case "add": {
                String jail = text(c, 1);
                if (jail.equals("--all")) {
                    throw new CommandException("Reserved name " + PyText.reprString(jail));
                }
                return new ControlCommand.AddJail(jail, c.size() > 2 ? text(c, 2) : "auto");
            }
            case "multi-set":
                return parseSet(c.subList(1, c.size()), true, 1);
            case "set":
                return parseSet(c.subList(1, c.size()), false, 1);
            case "start":
                return new ControlCommand.StartJail(text(c, 1));
            case "stop":
                if (c.size() == 1) {
                    return new ControlCommand.StopServer();
                }
                if ("--all".equals(c.get(1))) {
                    return new ControlCommand.StopAllJails();
                }
                return new ControlCommand.StopJail(text(c, 1));
            case "reload":
                return parseReload(c, depth);
            case "unban":
                if (c.size() >= 2) {
                    if (c.size() == 2 && "--all".equals(c.get(1))) {
                        return new ControlCommand.UnbanAll();
                    }
                    return new ControlCommand.Unban(texts(c, 1));
                }
                break;
            case "banned":
                return new ControlCommand.Banned(texts(c, 1));
            case "echo":
                return new ControlCommand.Echo(new ArrayList<Object>(c.subList(1, c.size())));
            case "server-status":
                return new ControlCommand.ServerStatus();
            case "server-stream":
                return new ControlCommand.ServerStream(stream(at(c, 1), 1, depth));
            case "sleep":
                return new ControlCommand.Sleep(pyFloat(at(c, 1), 1));
            case "flushlogs":
                return new ControlCommand.FlushLogs();
            case "get":
                return parseGet(c.subList(1, c.size()), 1);
            case "status":
                return parseStatus(c.subList(1, c.size()), 1);
            case "stats":
            case "statistic":
            case "statistics":
                return new ControlCommand.Stats();
            case "version":
                return new ControlCommand.Version();
            case "config-error":
                return new ControlCommand.ConfigError(text(c, 1));
            default:
                break;
        }
        throw new CommandException("Invalid command");
    }

    private static ControlCommand parseReload(List<?> c, int depth) {
        String target = text(c, 1);
        List<?> opts = elements(at(c, 2), "reload options (element 2)");
        Set<ReloadOption> options = EnumSet.noneOf(ReloadOption.class);
        for (Object o : opts) {
            for (ReloadOption r : ReloadOption.values()) {
                if (r.flag().equals(o)) {
                    options.add(r);
                }
            }
        }
        return new ControlCommand.Reload(target, options, stream(at(c, 3), 3, depth));
    }

    private static List<ControlCommand> stream(Object value, int position, int depth) {
        List<?> items = elements(value, "command stream (element " + position + ")");
        List<ControlCommand> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(parse(elements(item, "stream command"), depth + 1));
        }
        return out;
    }

    /** {@code __commandSet}: {@code c} is the command without its leading {@code set}/{@code multi-set}. */
    private static ControlCommand parseSet(List<?> c, boolean multi, int offset) {
        Object first = at(c, 0, offset);
        if (first instanceof String) {
            switch ((String) first) {
                case "loglevel":
                    return new ControlCommand.SetLogLevel(text(c, 1, offset));
                case "logtarget":
                    return new ControlCommand.SetLogTarget(text(c, 1, offset));
                case "syslogsocket":
                    return new ControlCommand.SetSyslogSocket(text(c, 1, offset));
                case "allowipv6":
                    return new ControlCommand.SetAllowIpv6(text(c, 1, offset));
                case "thread":
                    return new ControlCommand.SetThreadOptions(threadOptions(at(c, 1, offset), offset + 1));
                case "dbfile":
                    return new ControlCommand.SetDbFile(text(c, 1, offset));
                case "dbmaxmatches":
                    return new ControlCommand.SetDbMaxMatches(pyInt(at(c, 1, offset), offset + 1));
                case "dbpurgeage":
                    return new ControlCommand.SetDbPurgeAge(text(c, 1, offset));
                default:
                    break;
            }
        }
        String jail = text(c, 0, offset);
        String key = key(at(c, 1, offset));
        switch (key) {
            case "idle": {
                Object v = at(c, 2, offset);
                if ("on".equals(v)) {
                    return new ControlCommand.SetIdle(jail, true);
                }
                if ("off".equals(v)) {
                    return new ControlCommand.SetIdle(jail, false);
                }
                throw new CommandException("Invalid idle option, must be 'on' or 'off'");
            }
            case "ignoreself":
                return new ControlCommand.SetIgnoreSelf(jail, text(c, 2, offset));
            case "addignoreip":
                return new ControlCommand.AddIgnoreIp(jail, texts(c, 2, offset));
            case "delignoreip":
                return new ControlCommand.DelIgnoreIp(jail, text(c, 2, offset));
            case "ignorecommand":
                return new ControlCommand.SetIgnoreCommand(jail, text(c, 2, offset));
            case "ignorecache":
                return new ControlCommand.SetIgnoreCache(jail, text(c, 2, offset));
            case "addlogpath": {
                String path = text(c, 2, offset);
                boolean tail = false;
                if (c.size() == 4) {
                    String opt = text(c, 3, offset).toLowerCase(Locale.ROOT);
                    if (opt.equals("tail")) {
                        tail = true;
                    } else if (!opt.equals("head")) {
                        throw CommandException.valueError("File option must be 'head' or 'tail'");
                    }
                } else if (c.size() > 4) {
                    throw CommandException.valueError("Only one file can be added at a time");
                }
                return new ControlCommand.AddLogPath(jail, path, tail);
            }
            case "dellogpath":
                return new ControlCommand.DelLogPath(jail, text(c, 2, offset));
            case "logencoding":
                return new ControlCommand.SetLogEncoding(jail, text(c, 2, offset));
            case "addjournalmatch":
                return new ControlCommand.AddJournalMatch(jail, texts(c, 2, offset));
            case "deljournalmatch":
                return new ControlCommand.DelJournalMatch(jail, texts(c, 2, offset));
            case "prefregex":
                return new ControlCommand.SetPrefRegex(jail, text(c, 2, offset));
            case "addfailregex":
                return new ControlCommand.AddFailRegex(jail, regexes(c, multi, offset), multi);
            case "delfailregex":
                return new ControlCommand.DelFailRegex(jail, pyInt(at(c, 2, offset), offset + 2));
            case "addignoreregex":
                return new ControlCommand.AddIgnoreRegex(jail, regexes(c, multi, offset), multi);
            case "delignoreregex":
                return new ControlCommand.DelIgnoreRegex(jail, pyInt(at(c, 2, offset), offset + 2));
            case "usedns":
                return new ControlCommand.SetUseDns(jail, text(c, 2, offset));
            case "findtime":
                return new ControlCommand.SetFindTime(jail, text(c, 2, offset));
            case "datepattern":
                return new ControlCommand.SetDatePattern(jail, text(c, 2, offset));
            case "logtimezone":
                return new ControlCommand.SetLogTimeZone(jail, text(c, 2, offset));
            case "maxmatches":
                return new ControlCommand.SetMaxMatches(jail, pyInt(at(c, 2, offset), offset + 2));
            case "maxretry":
                return new ControlCommand.SetMaxRetry(jail, pyInt(at(c, 2, offset), offset + 2));
            case "maxlines":
                return new ControlCommand.SetMaxLines(jail, pyInt(at(c, 2, offset), offset + 2));
            case "bantime":
                return new ControlCommand.SetBanTime(jail, text(c, 2, offset));
            case "attempt":
                if (c.size() < 3) {
                    throw CommandException.typeError("Filter.addAttempt() missing 1 required positional argument: "
                            + "'ip'");
                }
                return new ControlCommand.AddAttempt(jail, text(c, 2, offset), texts(c, 3, offset));
            case "banip":
                return new ControlCommand.BanIp(jail, texts(c, 2, offset));
            case "unbanip":
                if ("--report-absent".equals(at(c, 2, offset))) {
                    return new ControlCommand.UnbanIp(jail, texts(c, 3, offset), true);
                }
                return new ControlCommand.UnbanIp(jail, texts(c, 2, offset), false);
            case "addaction": {
                String action = text(c, 2, offset);
                if (c.size() > 3) {
                    return new ControlCommand.AddPythonAction(jail, action, text(c, 3, offset), text(c, 4, offset));
                }
                return new ControlCommand.AddAction(jail, action);
            }
            case "delaction":
                return new ControlCommand.DelAction(jail, text(c, 2, offset));
            case "action":
                return parseActionSet(c, jail, multi, offset);
            default:
                if (key.startsWith("bantime.")) {
                    return new ControlCommand.SetBanTimeExtra(jail, key.substring("bantime.".length()),
                            text(c, 2, offset));
                }
                break;
        }
        throw new CommandException("Invalid command " + PyText.reprString(key)
                + " (no set action or not yet implemented)");
    }

    private static List<String> regexes(List<?> c, boolean multi, int offset) {
        if (!multi) {
            return List.of(text(c, 2, offset));
        }
        Object v = at(c, 2, offset);
        return texts(elements(v, "regex list (element " + (offset + 2) + ")"), 0, offset + 2);
    }

    private static ControlCommand parseActionSet(List<?> c, String jail, boolean multi, int offset) {
        String action = text(c, 2, offset);
        List<ActionSetting> settings = new ArrayList<>();
        if (multi) {
            for (Object item : elements(at(c, 3, offset), "action settings (element " + (offset + 3) + ")")) {
                List<?> kv = elements(item, "action setting");
                settings.add(setting(kv, 0, offset + 3));
            }
        } else {
            settings.add(setting(c, 3, offset));
        }
        return new ControlCommand.ActionSet(jail, action, settings, multi);
    }

    private static ActionSetting setting(List<?> c, int keyIndex, int offset) {
        String key = text(c, keyIndex, offset);
        if (c.size() > keyIndex + 1) {
            return new ControlCommand.KeyValue(key, text(c, keyIndex + 1, offset));
        }
        return new ControlCommand.KeyOnly(key);
    }

    /** {@code __commandGet}: {@code c} is the command without its leading {@code get}. */
    private static ControlCommand parseGet(List<?> c, int offset) {
        Object first = at(c, 0, offset);
        if (first instanceof String) {
            for (ServerSetting s : ServerSetting.values()) {
                if (s.wireName().equals(first)) {
                    return new ControlCommand.GetServerSetting(s);
                }
            }
        }
        String jail = text(c, 0, offset);
        String key = key(at(c, 1, offset));
        if (key.equals("banned")) {
            return new ControlCommand.GetBanned(jail, texts(c, 2, offset));
        }
        for (JailSetting s : JailSetting.values()) {
            if (s.wireName().equals(key)) {
                return new ControlCommand.GetJailSetting(jail, s);
            }
        }
        switch (key) {
            case "banip":
                return new ControlCommand.GetBanList(jail, texts(c, 2, offset));
            case "action":
                return new ControlCommand.GetActionProperty(jail, text(c, 2, offset), text(c, 3, offset));
            case "actionproperties":
                return new ControlCommand.GetActionProperties(jail, text(c, 2, offset));
            case "actionmethods":
                return new ControlCommand.GetActionMethods(jail, text(c, 2, offset));
            default:
                if (key.startsWith("bantime.")) {
                    return new ControlCommand.GetBanTimeExtra(jail, key.substring("bantime.".length()));
                }
                break;
        }
        throw new CommandException("Invalid command (no get action or not yet implemented)");
    }

    /**
     * The key of a jail {@code set}/{@code get}: upstream compares it with strings and finally calls
     * {@code key.startswith("bantime.")}, which fails for anything but a string.
     */
    private static String key(Object key) {
        if (key instanceof String) {
            return (String) key;
        }
        throw new CommandException(PyException.builtin("AttributeError",
                "'" + typeName(key) + "' object has no attribute 'startswith'"));
    }

    /** {@code Transmitter.status}: {@code c} is the command without its leading {@code status}. */
    private static ControlCommand parseStatus(List<?> c, int offset) {
        if (c.isEmpty()) {
            return new ControlCommand.Status();
        }
        if (c.size() <= 2) {
            String flavor = c.size() == 2 ? text(c, 1, offset) : "basic";
            if ("--all".equals(c.get(0))) {
                return new ControlCommand.StatusAll(flavor);
            }
            return new ControlCommand.StatusJail(text(c, 0, offset), flavor);
        }
        throw new CommandException("Invalid command (no status)");
    }

    // ---------------------------------------------------------------- client command line

    /**
     * Port of {@code fail2ban/client/fail2banclient.py:Fail2banClient.__processCommand}: what the client does with
     * the command words of its command line. {@code start} and {@code restart} (alone) manage the server;
     * {@code reload} (and {@code restart <JAIL>}, its alias for {@code reload --restart <JAIL>}) reads the
     * configuration and sends it; anything else is sent to the server as given.
     *
     * @param argv the command words, e.g. {@code ["reload", "--unban", "sshd"]}; not empty
     * @return what to do
     * @throws CommandException for unexpected reload arguments ("Unexpected argument(s) for reload: [...]") or a
     *     ping timeout that is not a number
     */
    public static ClientCommand parseClientArgs(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        List<String> cmd = new ArrayList<>(argv);
        String name = cmd.get(0);
        if (cmd.size() == 1 && name.equals("start")) {
            return new ClientCommand.StartServer();
        }
        if (name.equals("restart")) {
            if (cmd.size() == 1) {
                return new ClientCommand.RestartServer();
            }
            cmd.set(0, "--restart");
            cmd.add(0, "reload");
            name = "reload";
        }
        if (name.equals("reload")) {
            Set<ReloadOption> options = EnumSet.noneOf(ReloadOption.class);
            while (cmd.size() >= 2) {
                ReloadOption o = reloadOption(cmd.get(1));
                if (o != null) {
                    options.add(o);
                    cmd.remove(1);
                } else {
                    if (cmd.size() > 2) {
                        throw new CommandException("Unexpected argument(s) for reload: "
                                + PyText.repr(cmd.subList(1, cmd.size())));
                    }
                    break;
                }
            }
            String target = cmd.size() == 1 ? ControlCommand.Reload.ALL : cmd.get(1);
            return new ClientCommand.ReloadJails(target, options);
        }
        if (cmd.size() > 1 && name.equals("ping")) {
            double timeout = pyFloat(cmd.get(1), 1);
            return new ClientCommand.Send(cmd, timeout);
        }
        return new ClientCommand.Send(cmd, -1);
    }

    private static ReloadOption reloadOption(String word) {
        for (ReloadOption o : ReloadOption.values()) {
            if (o.flag().equals(word)) {
                return o;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- Python conversions

    /** Python's {@code command[i]}: {@code IndexError} past the end. */
    private static Object at(List<?> c, int i) {
        return at(c, i, 0);
    }

    private static Object at(List<?> c, int i, int offset) {
        if (i >= c.size()) {
            throw CommandException.indexError(i + offset);
        }
        return c.get(i);
    }

    private static String text(List<?> c, int i) {
        return text(c, i, 0);
    }

    /** Element {@code i} as text; numbers and booleans as Python's {@code str()}. */
    private static String text(List<?> c, int i, int offset) {
        Object v = at(c, i, offset);
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Double
                || v instanceof Boolean) {
            return PyText.str(v);
        }
        throw CommandException.typeError("command element " + (i + offset) + " must be a string, not "
                + typeName(v), i + offset);
    }

    /** Elements from {@code from} on, as text. */
    private static List<String> texts(List<?> c, int from) {
        return texts(c, from, 0);
    }

    private static List<String> texts(List<?> c, int from, int offset) {
        List<String> out = new ArrayList<>(Math.max(0, c.size() - from));
        for (int i = from; i < c.size(); i++) {
            out.add(text(c, i, offset));
        }
        return out;
    }

    private static List<?> elements(Object v, String what) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items();
        }
        throw CommandException.typeError(what + " must be a list, not " + typeName(v));
    }

    private static Map<String, Object> threadOptions(Object v, int position) {
        if (!(v instanceof Map)) {
            throw new CommandException(PyException.builtin("AttributeError",
                    "'" + typeName(v) + "' object has no attribute 'items'"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw CommandException.typeError("thread option names must be strings (element " + position + ")",
                        position);
            }
            out.put((String) e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Python's {@code int(v)} for the values a command can hold: an integer, a float (truncated), a boolean or a
     * decimal text (surrounding whitespace, a sign and single underscores between digits allowed).
     */
    static int pyInt(Object v, int position) {
        if (v instanceof Long || v instanceof Integer) {
            return toInt(((Number) v).longValue(), position);
        }
        if (v instanceof BigInteger) {
            throw CommandException.overflow(position);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                throw CommandException.valueError("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw new CommandException(PyException.builtin("OverflowError",
                        "cannot convert float infinity to integer"));
            }
            if (Math.abs(d) >= 0x1p63) {
                throw CommandException.overflow(position);
            }
            return toInt((long) d, position);
        }
        if (v instanceof String) {
            String s = ((String) v).strip();
            if (Numbers.INT.matcher(s).matches()) {
                BigInteger b = new BigInteger(s.replace("_", "").replace("+", ""));
                if (b.bitLength() >= 64) {
                    throw CommandException.overflow(position);
                }
                return toInt(b.longValue(), position);
            }
            throw CommandException.valueError("invalid literal for int() with base 10: "
                    + PyText.reprString((String) v));
        }
        throw CommandException.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                + typeName(v) + "'", position);
    }

    private static int toInt(long n, int position) {
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw CommandException.overflow(position);
        }
        return (int) n;
    }

    /** Python's {@code float(v)} for a number or a decimal text ({@code inf}, {@code nan} and exponents too). */
    static double pyFloat(Object v, int position) {
        if (v instanceof Number && !(v instanceof BigInteger)) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).doubleValue();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1.0 : 0.0;
        }
        if (v instanceof String) {
            String s = ((String) v).strip();
            if (Numbers.FLOAT.matcher(s).matches()) {
                return Double.parseDouble(s.replace("_", ""));
            }
            if (Numbers.FLOAT_SPECIAL.matcher(s).matches()) {
                String l = s.toLowerCase(Locale.ROOT);
                if (l.endsWith("nan")) {
                    return Double.NaN;
                }
                return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw CommandException.valueError("could not convert string to float: " + PyText.reprString((String) v));
        }
        throw CommandException.typeError("float() argument must be a string or a real number, not '"
                + typeName(v) + "'", position);
    }

    /** Python's type name of a wire value ({@code NoneType}, {@code list}, ...). */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Set) {
            return "set";
        }
        if (v instanceof PyException) {
            return ((PyException) v).name();
        }
        return v.getClass().getSimpleName();
    }
}
