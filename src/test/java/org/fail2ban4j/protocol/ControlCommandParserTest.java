package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fail2ban4j.protocol.ControlCommand.ActionSet;
import org.fail2ban4j.protocol.ControlCommand.AddAction;
import org.fail2ban4j.protocol.ControlCommand.AddAttempt;
import org.fail2ban4j.protocol.ControlCommand.AddFailRegex;
import org.fail2ban4j.protocol.ControlCommand.AddIgnoreIp;
import org.fail2ban4j.protocol.ControlCommand.AddIgnoreRegex;
import org.fail2ban4j.protocol.ControlCommand.AddJail;
import org.fail2ban4j.protocol.ControlCommand.AddJournalMatch;
import org.fail2ban4j.protocol.ControlCommand.AddLogPath;
import org.fail2ban4j.protocol.ControlCommand.AddPythonAction;
import org.fail2ban4j.protocol.ControlCommand.BanIp;
import org.fail2ban4j.protocol.ControlCommand.Banned;
import org.fail2ban4j.protocol.ControlCommand.ConfigError;
import org.fail2ban4j.protocol.ControlCommand.DelAction;
import org.fail2ban4j.protocol.ControlCommand.DelFailRegex;
import org.fail2ban4j.protocol.ControlCommand.DelIgnoreIp;
import org.fail2ban4j.protocol.ControlCommand.DelIgnoreRegex;
import org.fail2ban4j.protocol.ControlCommand.DelJournalMatch;
import org.fail2ban4j.protocol.ControlCommand.DelLogPath;
import org.fail2ban4j.protocol.ControlCommand.Echo;
import org.fail2ban4j.protocol.ControlCommand.FlushLogs;
import org.fail2ban4j.protocol.ControlCommand.GetActionMethods;
import org.fail2ban4j.protocol.ControlCommand.GetActionProperties;
import org.fail2ban4j.protocol.ControlCommand.GetActionProperty;
import org.fail2ban4j.protocol.ControlCommand.GetBanList;
import org.fail2ban4j.protocol.ControlCommand.GetBanTimeExtra;
import org.fail2ban4j.protocol.ControlCommand.GetBanned;
import org.fail2ban4j.protocol.ControlCommand.GetJailSetting;
import org.fail2ban4j.protocol.ControlCommand.GetServerSetting;
import org.fail2ban4j.protocol.ControlCommand.JailSetting;
import org.fail2ban4j.protocol.ControlCommand.KeyOnly;
import org.fail2ban4j.protocol.ControlCommand.KeyValue;
import org.fail2ban4j.protocol.ControlCommand.Ping;
import org.fail2ban4j.protocol.ControlCommand.Reload;
import org.fail2ban4j.protocol.ControlCommand.ReloadOption;
import org.fail2ban4j.protocol.ControlCommand.ServerSetting;
import org.fail2ban4j.protocol.ControlCommand.ServerStatus;
import org.fail2ban4j.protocol.ControlCommand.ServerStream;
import org.fail2ban4j.protocol.ControlCommand.SetAllowIpv6;
import org.fail2ban4j.protocol.ControlCommand.SetBanTime;
import org.fail2ban4j.protocol.ControlCommand.SetBanTimeExtra;
import org.fail2ban4j.protocol.ControlCommand.SetDatePattern;
import org.fail2ban4j.protocol.ControlCommand.SetDbFile;
import org.fail2ban4j.protocol.ControlCommand.SetDbMaxMatches;
import org.fail2ban4j.protocol.ControlCommand.SetDbPurgeAge;
import org.fail2ban4j.protocol.ControlCommand.SetFindTime;
import org.fail2ban4j.protocol.ControlCommand.SetIdle;
import org.fail2ban4j.protocol.ControlCommand.SetIgnoreCache;
import org.fail2ban4j.protocol.ControlCommand.SetIgnoreCommand;
import org.fail2ban4j.protocol.ControlCommand.SetIgnoreSelf;
import org.fail2ban4j.protocol.ControlCommand.SetLogEncoding;
import org.fail2ban4j.protocol.ControlCommand.SetLogLevel;
import org.fail2ban4j.protocol.ControlCommand.SetLogTarget;
import org.fail2ban4j.protocol.ControlCommand.SetLogTimeZone;
import org.fail2ban4j.protocol.ControlCommand.SetMaxLines;
import org.fail2ban4j.protocol.ControlCommand.SetMaxMatches;
import org.fail2ban4j.protocol.ControlCommand.SetMaxRetry;
import org.fail2ban4j.protocol.ControlCommand.SetPrefRegex;
import org.fail2ban4j.protocol.ControlCommand.SetSyslogSocket;
import org.fail2ban4j.protocol.ControlCommand.SetThreadOptions;
import org.fail2ban4j.protocol.ControlCommand.SetUseDns;
import org.fail2ban4j.protocol.ControlCommand.Sleep;
import org.fail2ban4j.protocol.ControlCommand.StartJail;
import org.fail2ban4j.protocol.ControlCommand.Stats;
import org.fail2ban4j.protocol.ControlCommand.Status;
import org.fail2ban4j.protocol.ControlCommand.StatusAll;
import org.fail2ban4j.protocol.ControlCommand.StatusJail;
import org.fail2ban4j.protocol.ControlCommand.StopAllJails;
import org.fail2ban4j.protocol.ControlCommand.StopJail;
import org.fail2ban4j.protocol.ControlCommand.StopServer;
import org.fail2ban4j.protocol.ControlCommand.Unban;
import org.fail2ban4j.protocol.ControlCommand.UnbanAll;
import org.fail2ban4j.protocol.ControlCommand.UnbanIp;
import org.fail2ban4j.protocol.ControlCommand.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCommandParserTest {

    private static List<Object> w(Object... items) {
        return Arrays.asList(items);
    }

    /** Every command form: its wire list and the record it parses to. */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(w("ping"), new Ping()),
                Arguments.of(w("ping", 0.5), new Ping()),
                Arguments.of(w("echo", "a", 1L), new Echo(w("a", 1L))),
                Arguments.of(w("version"), new Version()),
                Arguments.of(w("server-status"), new ServerStatus()),
                Arguments.of(w("server-stream", w(w("add", "j", "auto"), w("start", "j"))),
                        new ServerStream(List.of(new AddJail("j", "auto"), new StartJail("j")))),
                Arguments.of(w("sleep", "0.25"), new Sleep(0.25)),
                Arguments.of(w("flushlogs"), new FlushLogs()),
                Arguments.of(w("stop"), new StopServer()),
                Arguments.of(w("stop", "--all"), new StopAllJails()),
                Arguments.of(w("stop", "sshd"), new StopJail("sshd")),
                Arguments.of(w("start", "sshd"), new StartJail("sshd")),
                Arguments.of(w("status"), new Status()),
                Arguments.of(w("status", "--all"), new StatusAll("basic")),
                Arguments.of(w("status", "--all", "short"), new StatusAll("short")),
                Arguments.of(w("status", "sshd"), new StatusJail("sshd", "basic")),
                Arguments.of(w("status", "sshd", "cymru"), new StatusJail("sshd", "cymru")),
                Arguments.of(w("stats"), new Stats()),
                Arguments.of(w("statistics"), new Stats()),
                Arguments.of(w("banned"), new Banned(List.of())),
                Arguments.of(w("banned", "192.0.2.1"), new Banned(List.of("192.0.2.1"))),
                Arguments.of(w("unban", "192.0.2.1", "192.0.2.2"), new Unban(List.of("192.0.2.1", "192.0.2.2"))),
                Arguments.of(w("unban", "--all"), new UnbanAll()),
                Arguments.of(w("reload", "--all", w(), w()), new Reload("--all", Set.of(), List.of())),
                Arguments.of(
                        w("reload", "sshd", w("--unban", "--restart", "--if-exists"), w(w("add", "sshd", "polling"))),
                        new Reload("sshd", EnumSet.allOf(ReloadOption.class), List.of(new AddJail("sshd", "polling")))),
                Arguments.of(w("config-error", "Jail 'x' skipped"), new ConfigError("Jail 'x' skipped")),
                Arguments.of(w("add", "sshd"), new AddJail("sshd", "auto")),
                Arguments.of(w("add", "sshd", "systemd"), new AddJail("sshd", "systemd")),
                Arguments.of(w("set", "loglevel", "INFO"), new SetLogLevel("INFO")),
                Arguments.of(w("set", "logtarget", "STDOUT"), new SetLogTarget("STDOUT")),
                Arguments.of(w("set", "syslogsocket", "auto"), new SetSyslogSocket("auto")),
                Arguments.of(w("set", "allowipv6", "auto"), new SetAllowIpv6("auto")),
                Arguments.of(w("set", "thread", Map.of("stacksize", 32L)),
                        new SetThreadOptions(Map.of("stacksize", 32L))),
                Arguments.of(w("set", "dbfile", ":memory:"), new SetDbFile(":memory:")),
                Arguments.of(w("set", "dbmaxmatches", 10L), new SetDbMaxMatches(10)),
                Arguments.of(w("set", "dbpurgeage", "1d"), new SetDbPurgeAge("1d")),
                Arguments.of(w("get", "loglevel"), new GetServerSetting(ServerSetting.LOGLEVEL)),
                Arguments.of(w("get", "dbpurgeage"), new GetServerSetting(ServerSetting.DBPURGEAGE)),
                Arguments.of(w("set", "j", "idle", "on"), new SetIdle("j", true)),
                Arguments.of(w("set", "j", "idle", "off"), new SetIdle("j", false)),
                Arguments.of(w("set", "j", "ignoreself", "false"), new SetIgnoreSelf("j", "false")),
                Arguments.of(w("set", "j", "addignoreip", "127.0.0.1/8", "::1"),
                        new AddIgnoreIp("j", List.of("127.0.0.1/8", "::1"))),
                Arguments.of(w("set", "j", "delignoreip", "::1"), new DelIgnoreIp("j", "::1")),
                Arguments.of(w("set", "j", "ignorecommand", ""), new SetIgnoreCommand("j", "")),
                Arguments.of(w("set", "j", "ignorecache", "key=\"<ip>\""), new SetIgnoreCache("j", "key=\"<ip>\"")),
                Arguments.of(w("set", "j", "addlogpath", "/var/log/auth.log"),
                        new AddLogPath("j", "/var/log/auth.log", false)),
                Arguments.of(w("set", "j", "addlogpath", "/var/log/auth.log", "head"),
                        new AddLogPath("j", "/var/log/auth.log", false)),
                Arguments.of(w("set", "j", "addlogpath", "/var/log/auth.log", "Tail"),
                        new AddLogPath("j", "/var/log/auth.log", true)),
                Arguments.of(w("set", "j", "dellogpath", "/x"), new DelLogPath("j", "/x")),
                Arguments.of(w("set", "j", "logencoding", "auto"), new SetLogEncoding("j", "auto")),
                Arguments.of(w("set", "j", "addjournalmatch", "_COMM=sshd", "+", "_COMM=sshd-session"),
                        new AddJournalMatch("j", List.of("_COMM=sshd", "+", "_COMM=sshd-session"))),
                Arguments.of(w("set", "j", "deljournalmatch", "_COMM=sshd"),
                        new DelJournalMatch("j", List.of("_COMM=sshd"))),
                Arguments.of(w("set", "j", "prefregex", "^x"), new SetPrefRegex("j", "^x")),
                Arguments.of(w("set", "j", "addfailregex", "^a <HOST>"),
                        new AddFailRegex("j", List.of("^a <HOST>"), false)),
                Arguments.of(w("multi-set", "j", "addfailregex", w("^a", "^b")),
                        new AddFailRegex("j", List.of("^a", "^b"), true)),
                Arguments.of(w("set", "j", "delfailregex", "1"), new DelFailRegex("j", 1)),
                Arguments.of(w("set", "j", "addignoreregex", "^i"), new AddIgnoreRegex("j", List.of("^i"), false)),
                Arguments.of(w("multi-set", "j", "addignoreregex", w("^i")),
                        new AddIgnoreRegex("j", List.of("^i"), true)),
                Arguments.of(w("set", "j", "delignoreregex", 0L), new DelIgnoreRegex("j", 0)),
                Arguments.of(w("set", "j", "usedns", "warn"), new SetUseDns("j", "warn")),
                Arguments.of(w("set", "j", "findtime", "10m"), new SetFindTime("j", "10m")),
                Arguments.of(w("set", "j", "findtime", 600L), new SetFindTime("j", "600")),
                Arguments.of(w("set", "j", "datepattern", "{^LN-BEG}"), new SetDatePattern("j", "{^LN-BEG}")),
                Arguments.of(w("set", "j", "logtimezone", "UTC"), new SetLogTimeZone("j", "UTC")),
                Arguments.of(w("set", "j", "maxmatches", 5L), new SetMaxMatches("j", 5)),
                Arguments.of(w("set", "j", "maxretry", " 3 "), new SetMaxRetry("j", 3)),
                Arguments.of(w("set", "j", "maxretry", "1_000"), new SetMaxRetry("j", 1000)),
                Arguments.of(w("set", "j", "maxretry", 2.9), new SetMaxRetry("j", 2)),
                Arguments.of(w("set", "j", "maxlines", "2"), new SetMaxLines("j", 2)),
                Arguments.of(w("set", "j", "bantime", "-1"), new SetBanTime("j", "-1")),
                Arguments.of(w("set", "j", "bantime.increment", "true"), new SetBanTimeExtra("j", "increment", "true")),
                Arguments.of(w("set", "j", "attempt", "192.0.2.1"), new AddAttempt("j", "192.0.2.1", List.of())),
                Arguments.of(w("set", "j", "attempt", "192.0.2.1", "line one"),
                        new AddAttempt("j", "192.0.2.1", List.of("line one"))),
                Arguments.of(w("set", "j", "banip", "192.0.2.1"), new BanIp("j", List.of("192.0.2.1"))),
                Arguments.of(w("set", "j", "unbanip", "192.0.2.1"), new UnbanIp("j", List.of("192.0.2.1"), false)),
                Arguments.of(w("set", "j", "unbanip", "--report-absent", "192.0.2.1"),
                        new UnbanIp("j", List.of("192.0.2.1"), true)),
                Arguments.of(w("set", "j", "addaction", "iptables"), new AddAction("j", "iptables")),
                Arguments.of(w("set", "j", "addaction", "smtp", "/etc/fail2ban/action.d/smtp.py", "{\"a\": 1}"),
                        new AddPythonAction("j", "smtp", "/etc/fail2ban/action.d/smtp.py", "{\"a\": 1}")),
                Arguments.of(w("set", "j", "delaction", "iptables"), new DelAction("j", "iptables")),
                Arguments.of(w("set", "j", "action", "a", "actionban", "echo <ip>"),
                        new ActionSet("j", "a", List.of(new KeyValue("actionban", "echo <ip>")), false)),
                Arguments.of(w("set", "j", "action", "a", "flush"),
                        new ActionSet("j", "a", List.of(new KeyOnly("flush")), false)),
                Arguments.of(w("multi-set", "j", "action", "a", w(w("port", "ssh"), w("flush"))),
                        new ActionSet("j", "a", List.of(new KeyValue("port", "ssh"), new KeyOnly("flush")), true)),
                Arguments.of(w("multi-set", "j", "maxretry", "4"), new SetMaxRetry("j", 4)),
                Arguments.of(w("get", "j", "banned"), new GetBanned("j", List.of())),
                Arguments.of(w("get", "j", "banned", "192.0.2.1"), new GetBanned("j", List.of("192.0.2.1"))),
                Arguments.of(w("get", "j", "maxretry"), new GetJailSetting("j", JailSetting.MAXRETRY)),
                Arguments.of(w("get", "j", "actions"), new GetJailSetting("j", JailSetting.ACTIONS)),
                Arguments.of(w("get", "j", "banip"), new GetBanList("j", List.of())),
                Arguments.of(w("get", "j", "banip", "--with-time"), new GetBanList("j", List.of("--with-time"))),
                Arguments.of(w("get", "j", "bantime.maxtime"), new GetBanTimeExtra("j", "maxtime")),
                Arguments.of(w("get", "j", "action", "a", "actionban"), new GetActionProperty("j", "a", "actionban")),
                Arguments.of(w("get", "j", "actionproperties", "a"), new GetActionProperties("j", "a")),
                Arguments.of(w("get", "j", "actionmethods", "a"), new GetActionMethods("j", "a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parsesEachCommandForm(List<Object> wire, ControlCommand expected) {
        assertEquals(expected, ControlCommandParser.parse(wire));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("commands")
    void toWireParsesBackToTheSameCommand(List<Object> wire, ControlCommand expected) {
        assertEquals(expected, ControlCommandParser.parse(expected.toWire()));
    }

    @Test
    void everyCommandTypeIsInTheTable() {
        Set<Class<?>> seen = new HashSet<>();
        commands().forEach(a -> seen.add(a.get()[1].getClass()));
        List<String> missing = new ArrayList<>();
        collectRecords(ControlCommand.class, seen, missing);
        assertEquals(List.of(), missing);
    }

    private static void collectRecords(Class<?> sealed, Set<Class<?>> seen, List<String> missing) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                collectRecords(c, seen, missing);
            } else if (!seen.contains(c)) {
                missing.add(c.getSimpleName());
            }
        }
    }

    @Test
    void jailCommandsNameTheirJail() {
        ControlCommand c = ControlCommandParser.parse(w("set", "sshd", "maxretry", "3"));
        assertTrue(c instanceof ControlCommand.JailCommand);
        assertEquals("sshd", ((ControlCommand.JailCommand) c).jail());
        assertFalse(ControlCommandParser.parse(w("status")) instanceof ControlCommand.JailCommand);
    }

    @Test
    void banListOptions() {
        assertTrue(new GetBanList("j", List.of("--with-time")).withTime());
        assertFalse(new GetBanList("j", List.of(",")).withTime());
        assertFalse(new GetBanList("j", List.of()).withTime());
    }

    /** Upstream 1.1.1's transmitter, run on a server that accepts everything (gen-transmitter-cases.py). */
    static Stream<Arguments> transmitterCases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String line : Fixtures.lines("transmitter-cases.txt")) {
            String[] p = line.split("\t");
            Object command = PickleCodec.decode(Fixtures.hex(p[0]));
            out.add(Arguments.of(PyText.repr(command), command, p[1].equals("ok") ? null : p[2],
                    p[1].equals("ok") ? null : p[3]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("transmitterCases")
    void acceptsAndRejectsWhatUpstreamDoes(String repr, Object command, String errorClass, String message) {
        if (errorClass == null) {
            ControlCommand c = ControlCommandParser.parse(command);
            assertEquals(c, ControlCommandParser.parse(c.toWire()));
        } else {
            CommandException e = assertThrows(CommandException.class, () -> ControlCommandParser.parse(command));
            assertEquals(errorClass, e.toPython().name());
            assertEquals(message, e.getMessage());
        }
    }

    /** A request that is not a list fails as upstream's {@code command[0]} does (recorded from 1.0.2's server). */
    static Stream<Arguments> notALists() {
        return Stream.of(Arguments.of(42L, "TypeError", "'int' object is not subscriptable"),
                Arguments.of(null, "TypeError", "'NoneType' object is not subscriptable"),
                Arguments.of(Map.of(), "KeyError", "0"),
                Arguments.of(Set.of("status"), "TypeError", "'set' object is not subscriptable"),
                Arguments.of("status", "Exception", "Invalid command"),
                Arguments.of("", "IndexError", "string index out of range"),
                Arguments.of(new byte[0], "IndexError", "index out of range"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("notALists")
    void aRequestThatIsNoListFailsAsUpstream(Object request, String errorClass, String message) {
        CommandException e = assertThrows(CommandException.class, () -> ControlCommandParser.parse(request));
        assertEquals(errorClass, e.toPython().name());
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorsNameTheBadElement() {
        CommandException e = assertThrows(CommandException.class,
                () -> ControlCommandParser.parse(w("set", "sshd", "maxretry")));
        assertEquals(3, e.position().getAsInt());
        e = assertThrows(CommandException.class,
                () -> ControlCommandParser.parse(w("set", "sshd", "addignoreip", "1.2.3.4", w("x"))));
        assertEquals("command element 4 must be a string, not list", e.getMessage());
        assertEquals(4, e.position().getAsInt());
        e = assertThrows(CommandException.class,
                () -> ControlCommandParser.parse(w("set", "sshd", "maxretry", "99999999999")));
        assertEquals("OverflowError", e.toPython().name());
        assertEquals("number too large (command element 3)", e.getMessage());
    }

    @Test
    void streamsAreParsedWhole() {
        CommandException e = assertThrows(CommandException.class,
                () -> ControlCommandParser.parse(w("reload", "--all", w(), w(w("add", "j"), w("nosuch")))));
        assertEquals("Invalid command", e.getMessage());
    }

    static Stream<Arguments> clientArgs() {
        return Stream.of(
                Arguments.of(List.of("start"), new ClientCommand.StartServer()),
                Arguments.of(List.of("restart"), new ClientCommand.RestartServer()),
                Arguments.of(List.of("restart", "sshd"),
                        new ClientCommand.ReloadJails("sshd", EnumSet.of(ReloadOption.RESTART))),
                Arguments.of(List.of("restart", "--unban", "--if-exists", "sshd"),
                        new ClientCommand.ReloadJails("sshd", EnumSet.allOf(ReloadOption.class))),
                Arguments.of(List.of("reload"), new ClientCommand.ReloadJails("--all", Set.of())),
                Arguments.of(List.of("reload", "--all"), new ClientCommand.ReloadJails("--all", Set.of())),
                Arguments.of(List.of("reload", "--restart", "--all"),
                        new ClientCommand.ReloadJails("--all", EnumSet.of(ReloadOption.RESTART))),
                Arguments.of(List.of("reload", "--unban"),
                        new ClientCommand.ReloadJails("--all", EnumSet.of(ReloadOption.UNBAN))),
                Arguments.of(List.of("reload", "sshd"), new ClientCommand.ReloadJails("sshd", Set.of())),
                Arguments.of(List.of("start", "sshd"), new ClientCommand.Send(List.of("start", "sshd"), -1)),
                Arguments.of(List.of("status"), new ClientCommand.Send(List.of("status"), -1)),
                Arguments.of(List.of("ping"), new ClientCommand.Send(List.of("ping"), -1)),
                Arguments.of(List.of("ping", "0.5"), new ClientCommand.Send(List.of("ping", "0.5"), 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientArgs")
    void clientCommandLine(List<String> argv, ClientCommand expected) {
        assertEquals(expected, ControlCommandParser.parseClientArgs(argv));
    }

    @Test
    void clientCommandLineErrors() {
        CommandException e = assertThrows(CommandException.class,
                () -> ControlCommandParser.parseClientArgs(List.of("reload", "--restart", "a", "b")));
        assertEquals("Unexpected argument(s) for reload: ['a', 'b']", e.getMessage());
        e = assertThrows(CommandException.class, () -> ControlCommandParser.parseClientArgs(List.of("ping", "soon")));
        assertEquals("could not convert string to float: 'soon'", e.getMessage());
        assertEquals(List.of("--restart", "--if-exists"), new ClientCommand.ReloadJails("j",
                EnumSet.of(ReloadOption.IF_EXISTS, ReloadOption.RESTART)).flags());
        assertEquals(java.time.Duration.ofMillis(500),
                ((ClientCommand.Send) ControlCommandParser.parseClientArgs(List.of("ping", "0.5"))).timeout().get());
    }
}
