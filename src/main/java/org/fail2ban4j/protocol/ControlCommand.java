package org.fail2ban4j.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Port of the command vocabulary of {@code fail2ban/server/transmitter.py:Transmitter} (listed for users in
 * {@code fail2ban/protocol.py}): one command of the control protocol, parsed once from its wire form by
 * {@link ControlCommandParser}. Each record names its wire form in its comment; {@link #toWire()} gives it back,
 * and parsing that yields an equal record. Values that the server converts itself (durations such as
 * {@code findtime}, booleans such as {@code ignoreself}, log levels) stay text here; values upstream's transmitter
 * converts with {@code int()} are {@code int}. Commands about one jail implement {@link JailCommand}.
 */
public sealed interface ControlCommand {

    /** The command as a list of plain values, as the Python client sends it. */
    List<Object> toWire();

    /** A command addressed to one jail. */
    sealed interface JailCommand extends ControlCommand {
        /** The jail's name. */
        String jail();
    }

    // ---------------------------------------------------------------- server

    /** {@code ["ping"]} (any further elements, such as the client's timeout, are ignored): replies "pong". */
    record Ping() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("ping");
        }
    }

    /** {@code ["echo", args...]}: replies with the arguments. */
    record Echo(List<Object> args) implements ControlCommand {
        /** Copies the arguments ({@code null} items allowed). */
        public Echo {
            args = copyAllowingNull(args, "args");
        }

        @Override
        public List<Object> toWire() {
            List<Object> w = new ArrayList<>();
            w.add("echo");
            w.addAll(args);
            return Collections.unmodifiableList(w);
        }
    }

    /** {@code ["version"]}: replies with the server's version. */
    record Version() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("version");
        }
    }

    /** {@code ["server-status"]}: replies "Server ready". */
    record ServerStatus() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("server-status");
        }
    }

    /** {@code ["server-stream", [command...]]}: applies a command stream quietly (the client's start). */
    record ServerStream(List<ControlCommand> commands) implements ControlCommand {
        /** Copies the commands. */
        public ServerStream {
            commands = List.copyOf(commands);
        }

        @Override
        public List<Object> toWire() {
            return wire("server-stream", wires(commands));
        }
    }

    /** {@code ["sleep", seconds]}: a test helper of upstream's server. */
    record Sleep(double seconds) implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("sleep", seconds);
        }
    }

    /** {@code ["flushlogs"]}: reopens a log file (log rotation). */
    record FlushLogs() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("flushlogs");
        }
    }

    /** {@code ["stop"]}: stops all jails and the server. */
    record StopServer() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("stop");
        }
    }

    /** {@code ["stop", "--all"]}: stops all jails, the server keeps running. */
    record StopAllJails() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("stop", "--all");
        }
    }

    /** {@code ["status"]}: number of jails and their names. */
    record Status() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("status");
        }
    }

    /** {@code ["status", "--all", flavor]}: the server status plus every jail's (flavor {@code basic} if absent). */
    record StatusAll(String flavor) implements ControlCommand {
        /** Requires a flavor. */
        public StatusAll {
            Objects.requireNonNull(flavor, "flavor");
        }

        @Override
        public List<Object> toWire() {
            return wire("status", "--all", flavor);
        }
    }

    /** {@code ["stats"]} (also {@code statistic}, {@code statistics}): the per-jail statistics table. */
    record Stats() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("stats");
        }
    }

    /** {@code ["banned", ip...]}: jails with their banned addresses, or for each given address its jails. */
    record Banned(List<String> addresses) implements ControlCommand {
        /** Copies the addresses. */
        public Banned {
            addresses = List.copyOf(addresses);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("banned"), addresses);
        }
    }

    /** {@code ["unban", ip...]}: unbans the addresses in every jail and the database. */
    record Unban(List<String> addresses) implements ControlCommand {
        /** Copies the addresses (at least one). */
        public Unban {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("unban needs at least one address");
            }
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("unban"), addresses);
        }
    }

    /** {@code ["unban", "--all"]}: unbans everything. */
    record UnbanAll() implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("unban", "--all");
        }
    }

    /** The options of a reload ({@code reload [--restart] [--unban] [--if-exists]}). */
    enum ReloadOption {
        /** {@code --restart}: stop the affected jails first. */
        RESTART("--restart"),
        /** {@code --unban}: unban all their addresses first. */
        UNBAN("--unban"),
        /** {@code --if-exists}: a missing jail is not an error. */
        IF_EXISTS("--if-exists");

        private final String flag;

        ReloadOption(String flag) {
            this.flag = flag;
        }

        /** The command-line flag, e.g. {@code --restart}. */
        public String flag() {
            return flag;
        }
    }

    /**
     * {@code ["reload", target, [option...], [command...]]}: reloads one jail or, with target {@code --all}, all
     * jails, applying the new configuration stream in between.
     */
    record Reload(String target, Set<ReloadOption> options, List<ControlCommand> stream) implements ControlCommand {
        /** The target of a reload of every jail. */
        public static final String ALL = "--all";

        /** Copies options and stream. */
        public Reload {
            Objects.requireNonNull(target, "target");
            options = options.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(options));
            stream = List.copyOf(stream);
        }

        /** Whether all jails are reloaded. */
        public boolean allJails() {
            return target.equals(ALL);
        }

        @Override
        public List<Object> toWire() {
            List<Object> flags = new ArrayList<>();
            for (ReloadOption o : ReloadOption.values()) {
                if (options.contains(o)) {
                    flags.add(o.flag());
                }
            }
            return wire("reload", target, Collections.unmodifiableList(flags), wires(stream));
        }
    }

    /** {@code ["config-error", message]}: the client reports a configuration error; the server logs it. */
    record ConfigError(String message) implements ControlCommand {
        /** Requires a message. */
        public ConfigError {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public List<Object> toWire() {
            return wire("config-error", message);
        }
    }

    /** {@code ["set", "loglevel", level]}. */
    record SetLogLevel(String level) implements ControlCommand {
        /** Requires a level. */
        public SetLogLevel {
            Objects.requireNonNull(level, "level");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "loglevel", level);
        }
    }

    /** {@code ["set", "logtarget", target]}: a file, STDOUT, STDERR, SYSLOG or SYSTEMD-JOURNAL (with options). */
    record SetLogTarget(String target) implements ControlCommand {
        /** Requires a target. */
        public SetLogTarget {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "logtarget", target);
        }
    }

    /** {@code ["set", "syslogsocket", socket]}: {@code auto} or a path. */
    record SetSyslogSocket(String socket) implements ControlCommand {
        /** Requires a socket. */
        public SetSyslogSocket {
            Objects.requireNonNull(socket, "socket");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "syslogsocket", socket);
        }
    }

    /** {@code ["set", "allowipv6", value]}: {@code auto} or a boolean text. */
    record SetAllowIpv6(String value) implements ControlCommand {
        /** Requires a value. */
        public SetAllowIpv6 {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "allowipv6", value);
        }
    }

    /** {@code ["set", "thread", {option: value}]}: thread options ({@code stacksize} in KiB). */
    record SetThreadOptions(Map<String, Object> options) implements ControlCommand {
        /** Copies the options. */
        public SetThreadOptions {
            options = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "thread", options);
        }
    }

    /** {@code ["set", "dbfile", file]}: a path, {@code :memory:} or {@code None} (no database). */
    record SetDbFile(String file) implements ControlCommand {
        /** Requires a file. */
        public SetDbFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "dbfile", file);
        }
    }

    /** {@code ["set", "dbmaxmatches", n]}. */
    record SetDbMaxMatches(int maxMatches) implements ControlCommand {
        @Override
        public List<Object> toWire() {
            return wire("set", "dbmaxmatches", (long) maxMatches);
        }
    }

    /** {@code ["set", "dbpurgeage", age]}: a duration text such as {@code 1d}. */
    record SetDbPurgeAge(String age) implements ControlCommand {
        /** Requires an age. */
        public SetDbPurgeAge {
            Objects.requireNonNull(age, "age");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", "dbpurgeage", age);
        }
    }

    /** The server settings {@code get} reads. */
    enum ServerSetting {
        /** {@code get loglevel}. */
        LOGLEVEL,
        /** {@code get logtarget}. */
        LOGTARGET,
        /** {@code get syslogsocket}. */
        SYSLOGSOCKET,
        /** {@code get thread}. */
        THREAD,
        /** {@code get dbfile}. */
        DBFILE,
        /** {@code get dbmaxmatches}. */
        DBMAXMATCHES,
        /** {@code get dbpurgeage}. */
        DBPURGEAGE;

        /** The name on the wire, e.g. {@code loglevel}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code ["get", setting]} for a server setting. */
    record GetServerSetting(ServerSetting setting) implements ControlCommand {
        /** Requires a setting. */
        public GetServerSetting {
            Objects.requireNonNull(setting, "setting");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", setting.wireName());
        }
    }

    // ---------------------------------------------------------------- jail control

    /** {@code ["add", jail, backend]}: creates a jail (backend {@code auto} if absent; {@code --all} is reserved). */
    record AddJail(String jail, String backend) implements JailCommand {
        /** Requires both names. */
        public AddJail {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(backend, "backend");
        }

        @Override
        public List<Object> toWire() {
            return wire("add", jail, backend);
        }
    }

    /** {@code ["start", jail]}. */
    record StartJail(String jail) implements JailCommand {
        /** Requires a jail. */
        public StartJail {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("start", jail);
        }
    }

    /** {@code ["stop", jail]}: stops and removes the jail. */
    record StopJail(String jail) implements JailCommand {
        /** Requires a jail. */
        public StopJail {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("stop", jail);
        }
    }

    /** {@code ["status", jail, flavor]}: the jail's status (flavor {@code basic} if absent). */
    record StatusJail(String jail, String flavor) implements JailCommand {
        /** Requires both. */
        public StatusJail {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(flavor, "flavor");
        }

        @Override
        public List<Object> toWire() {
            return wire("status", jail, flavor);
        }
    }

    // ---------------------------------------------------------------- jail configuration (set)

    /** {@code ["set", jail, "idle", "on"|"off"]}. */
    record SetIdle(String jail, boolean idle) implements JailCommand {
        /** Requires a jail. */
        public SetIdle {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "idle", idle ? "on" : "off");
        }
    }

    /** {@code ["set", jail, "ignoreself", value]}: a boolean text (true, yes, on, 1). */
    record SetIgnoreSelf(String jail, String value) implements JailCommand {
        /** Requires both. */
        public SetIgnoreSelf {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "ignoreself", value);
        }
    }

    /** {@code ["set", jail, "addignoreip", ip...]}. */
    record AddIgnoreIp(String jail, List<String> addresses) implements JailCommand {
        /** Copies the addresses. */
        public AddIgnoreIp {
            Objects.requireNonNull(jail, "jail");
            addresses = List.copyOf(addresses);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("set", jail, "addignoreip"), addresses);
        }
    }

    /** {@code ["set", jail, "delignoreip", ip]}. */
    record DelIgnoreIp(String jail, String address) implements JailCommand {
        /** Requires both. */
        public DelIgnoreIp {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "delignoreip", address);
        }
    }

    /** {@code ["set", jail, "ignorecommand", command]}. */
    record SetIgnoreCommand(String jail, String command) implements JailCommand {
        /** Requires both. */
        public SetIgnoreCommand {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(command, "command");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "ignorecommand", command);
        }
    }

    /** {@code ["set", jail, "ignorecache", options]}: e.g. {@code key="<ip>", max-count=100, max-time=5m}. */
    record SetIgnoreCache(String jail, String options) implements JailCommand {
        /** Requires both. */
        public SetIgnoreCache {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(options, "options");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "ignorecache", options);
        }
    }

    /** {@code ["set", jail, "addlogpath", file, "head"|"tail"]}. */
    record AddLogPath(String jail, String path, boolean tail) implements JailCommand {
        /** Requires jail and path. */
        public AddLogPath {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "addlogpath", path, tail ? "tail" : "head");
        }
    }

    /** {@code ["set", jail, "dellogpath", file]}. */
    record DelLogPath(String jail, String path) implements JailCommand {
        /** Requires both. */
        public DelLogPath {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "dellogpath", path);
        }
    }

    /** {@code ["set", jail, "logencoding", encoding]}. */
    record SetLogEncoding(String jail, String encoding) implements JailCommand {
        /** Requires both. */
        public SetLogEncoding {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(encoding, "encoding");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "logencoding", encoding);
        }
    }

    /** {@code ["set", jail, "addjournalmatch", term...]}: one match, its terms joined by {@code +} for "or". */
    record AddJournalMatch(String jail, List<String> match) implements JailCommand {
        /** Copies the terms. */
        public AddJournalMatch {
            Objects.requireNonNull(jail, "jail");
            match = List.copyOf(match);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("set", jail, "addjournalmatch"), match);
        }
    }

    /** {@code ["set", jail, "deljournalmatch", term...]}. */
    record DelJournalMatch(String jail, List<String> match) implements JailCommand {
        /** Copies the terms. */
        public DelJournalMatch {
            Objects.requireNonNull(jail, "jail");
            match = List.copyOf(match);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("set", jail, "deljournalmatch"), match);
        }
    }

    /** {@code ["set", jail, "prefregex", regex]}. */
    record SetPrefRegex(String jail, String regex) implements JailCommand {
        /** Requires both. */
        public SetPrefRegex {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "prefregex", regex);
        }
    }

    /**
     * {@code ["set", jail, "addfailregex", regex]} or, with {@code multi}, {@code ["multi-set", jail,
     * "addfailregex", [regex...]]} (the reply is then {@code True} instead of the regex list).
     */
    record AddFailRegex(String jail, List<String> regexes, boolean multi) implements JailCommand {
        /** Copies the regexes; a single set has exactly one. */
        public AddFailRegex {
            Objects.requireNonNull(jail, "jail");
            regexes = List.copyOf(regexes);
            checkSingle(regexes, multi, "addfailregex");
        }

        @Override
        public List<Object> toWire() {
            return multi ? wire("multi-set", jail, "addfailregex", regexes)
                    : wire("set", jail, "addfailregex", regexes.get(0));
        }
    }

    /** {@code ["set", jail, "delfailregex", index]}. */
    record DelFailRegex(String jail, int index) implements JailCommand {
        /** Requires a jail. */
        public DelFailRegex {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "delfailregex", (long) index);
        }
    }

    /** {@code ["set", jail, "addignoreregex", regex]} or the {@code multi-set} form, as {@link AddFailRegex}. */
    record AddIgnoreRegex(String jail, List<String> regexes, boolean multi) implements JailCommand {
        /** Copies the regexes; a single set has exactly one. */
        public AddIgnoreRegex {
            Objects.requireNonNull(jail, "jail");
            regexes = List.copyOf(regexes);
            checkSingle(regexes, multi, "addignoreregex");
        }

        @Override
        public List<Object> toWire() {
            return multi ? wire("multi-set", jail, "addignoreregex", regexes)
                    : wire("set", jail, "addignoreregex", regexes.get(0));
        }
    }

    /** {@code ["set", jail, "delignoreregex", index]}. */
    record DelIgnoreRegex(String jail, int index) implements JailCommand {
        /** Requires a jail. */
        public DelIgnoreRegex {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "delignoreregex", (long) index);
        }
    }

    /** {@code ["set", jail, "usedns", mode]}: yes, warn, no or raw. */
    record SetUseDns(String jail, String mode) implements JailCommand {
        /** Requires both. */
        public SetUseDns {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "usedns", mode);
        }
    }

    /** {@code ["set", jail, "findtime", time]}: a duration text ({@code 600}, {@code 10m}). */
    record SetFindTime(String jail, String time) implements JailCommand {
        /** Requires both. */
        public SetFindTime {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(time, "time");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "findtime", time);
        }
    }

    /** {@code ["set", jail, "datepattern", pattern]}. */
    record SetDatePattern(String jail, String pattern) implements JailCommand {
        /** Requires both. */
        public SetDatePattern {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "datepattern", pattern);
        }
    }

    /** {@code ["set", jail, "logtimezone", zone]}. */
    record SetLogTimeZone(String jail, String zone) implements JailCommand {
        /** Requires both. */
        public SetLogTimeZone {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "logtimezone", zone);
        }
    }

    /** {@code ["set", jail, "maxmatches", n]}. */
    record SetMaxMatches(String jail, int maxMatches) implements JailCommand {
        /** Requires a jail. */
        public SetMaxMatches {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "maxmatches", (long) maxMatches);
        }
    }

    /** {@code ["set", jail, "maxretry", n]}. */
    record SetMaxRetry(String jail, int maxRetry) implements JailCommand {
        /** Requires a jail. */
        public SetMaxRetry {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "maxretry", (long) maxRetry);
        }
    }

    /** {@code ["set", jail, "maxlines", n]}. */
    record SetMaxLines(String jail, int maxLines) implements JailCommand {
        /** Requires a jail. */
        public SetMaxLines {
            Objects.requireNonNull(jail, "jail");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "maxlines", (long) maxLines);
        }
    }

    /** {@code ["set", jail, "bantime", time]}: a duration text, {@code -1} for permanent. */
    record SetBanTime(String jail, String time) implements JailCommand {
        /** Requires both. */
        public SetBanTime {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(time, "time");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "bantime", time);
        }
    }

    /** {@code ["set", jail, "bantime.<option>", value]}: an empty value removes the option. */
    record SetBanTimeExtra(String jail, String option, String value) implements JailCommand {
        /** Requires all three. */
        public SetBanTimeExtra {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "bantime." + option, value);
        }
    }

    /** {@code ["set", jail, "attempt", ip, failure...]}: reports a failure of the address by hand. */
    record AddAttempt(String jail, String address, List<String> matches) implements JailCommand {
        /** Copies the matches. */
        public AddAttempt {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(address, "address");
            matches = List.copyOf(matches);
        }

        @Override
        public List<Object> toWire() {
            List<Object> head = new ArrayList<>(List.of("set", jail, "attempt", address));
            return wireWith(head, matches);
        }
    }

    /** {@code ["set", jail, "banip", ip...]}: bans the addresses; replies with the number of new bans. */
    record BanIp(String jail, List<String> addresses) implements JailCommand {
        /** Copies the addresses. */
        public BanIp {
            Objects.requireNonNull(jail, "jail");
            addresses = List.copyOf(addresses);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("set", jail, "banip"), addresses);
        }
    }

    /**
     * {@code ["set", jail, "unbanip", ["--report-absent"], ip...]}: unbans the addresses; with {@code reportAbsent}
     * an address that is not banned is an error.
     */
    record UnbanIp(String jail, List<String> addresses, boolean reportAbsent) implements JailCommand {
        /** Copies the addresses. */
        public UnbanIp {
            Objects.requireNonNull(jail, "jail");
            addresses = List.copyOf(addresses);
        }

        @Override
        public List<Object> toWire() {
            List<Object> head = new ArrayList<>(List.of("set", jail, "unbanip"));
            if (reportAbsent) {
                head.add("--report-absent");
            }
            return wireWith(head, addresses);
        }
    }

    /** {@code ["set", jail, "addaction", name]}: adds a command action. */
    record AddAction(String jail, String action) implements JailCommand {
        /** Requires both. */
        public AddAction {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "addaction", action);
        }
    }

    /** {@code ["set", jail, "addaction", name, file.py, json-kwargs]}: adds a Python action. */
    record AddPythonAction(String jail, String action, String file, String jsonKwargs) implements JailCommand {
        /** Requires all four. */
        public AddPythonAction {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(jsonKwargs, "jsonKwargs");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "addaction", action, file, jsonKwargs);
        }
    }

    /** {@code ["set", jail, "delaction", name]}. */
    record DelAction(String jail, String action) implements JailCommand {
        /** Requires both. */
        public DelAction {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public List<Object> toWire() {
            return wire("set", jail, "delaction", action);
        }
    }

    /**
     * One element of an action setting: a key with a value, or a key alone. Whether the key names a property
     * (the value is assigned; a key alone is an error) or a method (called with the value as JSON keyword arguments,
     * {@code {}} when alone) depends on the action, so only the handler can tell.
     */
    sealed interface ActionSetting {
        /** The property or method name. */
        String key();

        /** The key and value as they appear on the wire. */
        List<Object> toWire();
    }

    /** A key with a value. */
    record KeyValue(String key, String value) implements ActionSetting {
        /** Requires both. */
        public KeyValue {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Object> toWire() {
            return wire(key, value);
        }
    }

    /** A key alone (a method call without arguments). */
    record KeyOnly(String key) implements ActionSetting {
        /** Requires a key. */
        public KeyOnly {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public List<Object> toWire() {
            return wire(key);
        }
    }

    /**
     * {@code ["set", jail, "action", name, key, value]} (exactly one setting; the reply is the property's new value
     * or the method's result), or with {@code multi} {@code ["multi-set", jail, "action", name, [[key, value]...]]}
     * (any number; the reply is {@code True}). The action's own properties and methods are whitelisted by the
     * handler.
     */
    record ActionSet(String jail, String action, List<ActionSetting> settings, boolean multi) implements JailCommand {
        /** Copies the settings; a single set has exactly one. */
        public ActionSet {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
            settings = List.copyOf(settings);
            checkSingle(settings, multi, "action");
        }

        @Override
        public List<Object> toWire() {
            if (multi) {
                List<Object> items = new ArrayList<>();
                for (ActionSetting s : settings) {
                    items.add(s.toWire());
                }
                return wire("multi-set", jail, "action", action, Collections.unmodifiableList(items));
            }
            return wireWith(List.of("set", jail, "action", action), settings.get(0).toWire());
        }
    }

    // ---------------------------------------------------------------- jail information (get)

    /** The jail settings {@code get <JAIL> ...} reads without further arguments. */
    enum JailSetting {
        /** {@code logpath}. */
        LOGPATH,
        /** {@code logencoding}. */
        LOGENCODING,
        /** {@code journalmatch}. */
        JOURNALMATCH,
        /** {@code ignoreself}. */
        IGNORESELF,
        /** {@code ignoreip}. */
        IGNOREIP,
        /** {@code ignorecommand}. */
        IGNORECOMMAND,
        /** {@code ignorecache}. */
        IGNORECACHE,
        /** {@code prefregex}. */
        PREFREGEX,
        /** {@code failregex}. */
        FAILREGEX,
        /** {@code ignoreregex}. */
        IGNOREREGEX,
        /** {@code usedns}. */
        USEDNS,
        /** {@code findtime}. */
        FINDTIME,
        /** {@code datepattern}. */
        DATEPATTERN,
        /** {@code logtimezone}. */
        LOGTIMEZONE,
        /** {@code maxmatches}. */
        MAXMATCHES,
        /** {@code maxretry}. */
        MAXRETRY,
        /** {@code maxlines}. */
        MAXLINES,
        /** {@code bantime}. */
        BANTIME,
        /** {@code actions}: the action names. */
        ACTIONS;

        /** The name on the wire, e.g. {@code maxretry}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code ["get", jail, setting]}. */
    record GetJailSetting(String jail, JailSetting setting) implements JailCommand {
        /** Requires both. */
        public GetJailSetting {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(setting, "setting");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", jail, setting.wireName());
        }
    }

    /** {@code ["get", jail, "banned", ip...]}: the banned addresses, or 1/0 per given address. */
    record GetBanned(String jail, List<String> addresses) implements JailCommand {
        /** Copies the addresses. */
        public GetBanned {
            Objects.requireNonNull(jail, "jail");
            addresses = List.copyOf(addresses);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("get", jail, "banned"), addresses);
        }
    }

    /**
     * {@code ["get", jail, "banip", [separator | "--with-time"]]}: the banned addresses ordered by end of ban. The
     * server only looks for {@code --with-time}; the separator is for the client's printing.
     */
    record GetBanList(String jail, List<String> options) implements JailCommand {
        /** The option asking for the times of each ban. */
        public static final String WITH_TIME = "--with-time";

        /** Copies the options. */
        public GetBanList {
            Objects.requireNonNull(jail, "jail");
            options = List.copyOf(options);
        }

        /** Whether the ban times are asked for. */
        public boolean withTime() {
            return !options.isEmpty() && options.get(0).equals(WITH_TIME);
        }

        @Override
        public List<Object> toWire() {
            return wireWith(List.of("get", jail, "banip"), options);
        }
    }

    /** {@code ["get", jail, "bantime.<option>"]}. */
    record GetBanTimeExtra(String jail, String option) implements JailCommand {
        /** Requires both. */
        public GetBanTimeExtra {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(option, "option");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", jail, "bantime." + option);
        }
    }

    /** {@code ["get", jail, "action", name, property]}. */
    record GetActionProperty(String jail, String action, String property) implements JailCommand {
        /** Requires all three. */
        public GetActionProperty {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(property, "property");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", jail, "action", action, property);
        }
    }

    /** {@code ["get", jail, "actionproperties", name]}. */
    record GetActionProperties(String jail, String action) implements JailCommand {
        /** Requires both. */
        public GetActionProperties {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", jail, "actionproperties", action);
        }
    }

    /** {@code ["get", jail, "actionmethods", name]}. */
    record GetActionMethods(String jail, String action) implements JailCommand {
        /** Requires both. */
        public GetActionMethods {
            Objects.requireNonNull(jail, "jail");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public List<Object> toWire() {
            return wire("get", jail, "actionmethods", action);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<Object> wire(Object... items) {
        return Collections.unmodifiableList(new ArrayList<>(java.util.Arrays.asList(items)));
    }

    private static List<Object> wireWith(List<?> head, List<?> tail) {
        List<Object> w = new ArrayList<>(head);
        w.addAll(tail);
        return Collections.unmodifiableList(w);
    }

    private static List<Object> wires(List<ControlCommand> commands) {
        List<Object> out = new ArrayList<>(commands.size());
        for (ControlCommand c : commands) {
            out.add(c.toWire());
        }
        return Collections.unmodifiableList(out);
    }

    private static List<Object> copyAllowingNull(List<?> items, String what) {
        Objects.requireNonNull(items, what);
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static void checkSingle(List<?> items, boolean multi, String what) {
        if (!multi && items.size() != 1) {
            throw new IllegalArgumentException("a single set " + what + " takes exactly one value, got "
                    + items.size());
        }
    }
}
