package org.fail2ban4j.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.fail2ban4j.Version;
import org.fail2ban4j.action.Action;
import org.fail2ban4j.action.ActionException;
import org.fail2ban4j.action.CommandAction;
import org.fail2ban4j.jail.DuplicateJailException;
import org.fail2ban4j.jail.Jail;
import org.fail2ban4j.jail.Jails;
import org.fail2ban4j.jail.NotBannedException;
import org.fail2ban4j.jail.UnknownJailException;
import org.fail2ban4j.logging.F2bLevel;
import org.fail2ban4j.logging.F2bLoggers;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanStore;
import org.fail2ban4j.protocol.CommandException;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlCommand.ActionSetting;
import org.fail2ban4j.protocol.ControlCommand.JailCommand;
import org.fail2ban4j.protocol.ControlCommandParser;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyText;
import org.fail2ban4j.protocol.PyTuple;
import org.fail2ban4j.regex.RegexSyntaxException;
import org.fail2ban4j.time.DurationException;
import org.fail2ban4j.time.DurationParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/transmitter.py:Transmitter} and the per-command methods of
 * {@code fail2ban/server/server.py:Server}: carries out one {@link ControlCommand} and answers
 * {@code (0, value)} or {@code (1, exception)} with the values and Python exceptions upstream returns, so that
 * Python's {@code fail2ban-client} prints the same text.
 *
 * <p>Dispatch is by the command's record class (a map filled once; no comparison of command names). Commands run one
 * at a time, as in upstream's single-threaded socket loop. Commands of a stream ({@code server-stream},
 * {@code reload}) run in order and the first failure ends the stream; their own replies are dropped, as upstream's
 * "quiet" mode does.
 *
 * <p>Values are plain wire types: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null},
 * {@code List}, {@code Map} and {@link PyTuple} where upstream answers a tuple.
 */
public final class ControlCommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.TRANSMITTER);
    private static final Logger SERVER_LOG = LoggerFactory.getLogger(F2bLoggers.SERVER);

    /** The methods of {@code CommandAction} as {@code dir()} lists them ({@code get <jail> actionmethods}). */
    static final List<String> ACTION_METHODS = List.of("ban", "clearAllParams", "consistencyCheck", "escapeTag",
            "executeCmd", "flush", "invalidateBanEpoch", "prolong", "reban", "reload", "replaceDynamicTags",
            "replaceTag", "start", "stop", "unban");

    /** One command's work. */
    @FunctionalInterface
    private interface Op<T extends ControlCommand> {
        Object apply(T command) throws Exception;
    }

    private final Server server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Class<?>, Op<ControlCommand>> ops = new HashMap<>();
    private volatile boolean communicating = true;

    ControlCommandHandler(Server server) {
        this.server = Objects.requireNonNull(server, "server");
        registerServerCommands();
        registerJailCommands();
        registerFilterCommands();
        registerActionCommands();
        registerGetCommands();
    }

    private <T extends ControlCommand> void on(Class<T> type, Op<T> op) {
        ops.put(type, c -> op.apply(type.cast(c)));
    }

    /** The command classes this handler carries out (all of {@link ControlCommand}'s records). */
    Set<Class<?>> handledTypes() {
        return Set.copyOf(ops.keySet());
    }

    /** Upstream {@code stop_communication}: later requests are refused (the server is shutting down). */
    void stopCommunication() {
        communicating = false;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * Upstream {@code Transmitter.proceed}: parses and carries out one decoded request.
     *
     * @param request the unpickled request
     * @return {@code (0, value)} or {@code (1, exception)}
     */
    public ControlReply handle(Object request) {
        if (!communicating) {
            return new ControlReply.ProtocolError("Server is shutting down");
        }
        LOG.trace("Command: {}", PyText.repr(request));
        lock.lock();
        try {
            ControlCommand command = ControlCommandParser.parse(request);
            return ControlReply.ok(dispatch(command));
        } catch (Exception e) {
            PyException py = toPython(e);
            LOG.error("Command {} has failed. Received {}", PyText.repr(request), py.repr(),
                    LOG.isDebugEnabled() && !(e instanceof CommandException) ? e : null);
            return ControlReply.failure(py);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Carries out one parsed command (for callers inside the process, e.g. the configuration stream at start).
     *
     * @param command the command
     * @return the reply, as {@link #handle}
     */
    public ControlReply handle(ControlCommand command) {
        return handle(command.toWire());
    }

    private Object dispatch(ControlCommand command) throws Exception {
        Op<ControlCommand> op = ops.get(command.getClass());
        if (op == null) {
            throw new CommandException("Invalid command");
        }
        return op.apply(command);
    }

    private void runStream(List<ControlCommand> stream) throws Exception {
        for (ControlCommand c : stream) {
            dispatch(c);
        }
    }

    // ------------------------------------------------------------------ error mapping

    /** The Python exception upstream raises for a failure. */
    static PyException toPython(Throwable e) {
        if (e instanceof CommandException ce) {
            return ce.toPython();
        }
        if (e instanceof UnknownJailException u) {
            return PyException.unknownJail(u.jailName());
        }
        if (e instanceof DuplicateJailException d) {
            return PyException.duplicateJail(d.jailName());
        }
        if (e instanceof RegexSyntaxException r) {
            return new PyException("fail2ban.server.failregex", "RegexException", List.of(r.getMessage()));
        }
        if (e instanceof DurationException d) {
            return durationError(d);
        }
        if (e instanceof NotBannedException
                || e instanceof NumberFormatException) {
            return PyException.builtin("ValueError", e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return PyException.builtin("ValueError", String.valueOf(e.getMessage()));
        }
        if (e instanceof IllegalStateException) {
            return PyException.builtin("RuntimeError", String.valueOf(e.getMessage()));
        }
        if (e instanceof IOException) {
            return PyException.builtin("OSError", String.valueOf(e.getMessage()));
        }
        if (e instanceof ActionException) {
            return PyException.exception(String.valueOf(e.getMessage()));
        }
        return PyException.exception(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static final java.util.regex.Pattern PY_ERROR = java.util.regex.Pattern.compile(
            "([A-Z][A-Za-z]*Error): (.*)", java.util.regex.Pattern.DOTALL);

    /**
     * Upstream's {@code str2seconds} fails inside Python's {@code eval}, so the client sees that error
     * ({@code NameError: name 'abc' is not defined}); the detail of our exception names it.
     */
    private static PyException durationError(DurationException d) {
        String prefix = "invalid time value '" + d.value() + "': ";
        String msg = String.valueOf(d.getMessage());
        String detail = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
        java.util.regex.Matcher m = PY_ERROR.matcher(detail);
        if (m.matches()) {
            return PyException.builtin(m.group(1), m.group(2));
        }
        return PyException.builtin("ValueError", msg);
    }

    /** Upstream {@code _as_bool}: true, yes, on, 1 (any case) are true; anything else is false. */
    static boolean asBool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("1");
    }

    // ------------------------------------------------------------------ server commands

    private void registerServerCommands() {
        on(ControlCommand.Ping.class, c -> "pong");
        on(ControlCommand.Echo.class, c -> c.args());
        on(ControlCommand.Version.class, c -> Version.FAIL2BAN_VERSION);
        on(ControlCommand.ServerStatus.class, c -> {
            LOG.debug("Status: ready");
            return "Server ready";
        });
        on(ControlCommand.ServerStream.class, c -> {
            runStream(c.commands());
            return null;
        });
        on(ControlCommand.Sleep.class, c -> {
            Thread.sleep((long) (c.seconds() * 1000));
            return null;
        });
        on(ControlCommand.FlushLogs.class, c -> server.logging().flush());
        on(ControlCommand.StopServer.class, c -> {
            // the reply must leave before quit() closes the connections: quit on a thread of its own
            Thread quit = new Thread(server::quit, "f2b/quit");
            quit.start();
            return null;
        });
        on(ControlCommand.StopAllJails.class, c -> {
            server.stopAllJails();
            return null;
        });
        on(ControlCommand.Status.class, c -> server.status());
        on(ControlCommand.StatusAll.class, c -> server.statusAll(c.flavor()));
        on(ControlCommand.Stats.class, c -> server.statusAll("stats"));
        on(ControlCommand.Banned.class, c -> server.banned(c.addresses()));
        on(ControlCommand.Unban.class, c -> (long) server.unban(c.addresses()));
        on(ControlCommand.UnbanAll.class, c -> (long) server.unbanAll());
        on(ControlCommand.Reload.class, c -> {
            server.reloadJails(c.target(), c.options(), true);
            try {
                runStream(c.stream());
            } finally {
                server.reloadJails(c.target(), c.options(), false);
            }
            return "OK";
        });
        on(ControlCommand.ConfigError.class, c -> {
            SERVER_LOG.error("{}", c.message());
            return null;
        });
        on(ControlCommand.SetLogLevel.class, c -> {
            server.logging().setLevel(c.level());
            return server.logging().level().orElse(null);
        });
        on(ControlCommand.SetLogTarget.class, c -> {
            if (!server.logging().setTarget(c.target())) {
                throw new CommandException("Failed to change log target");
            }
            return server.logging().target().orElse(null);
        });
        on(ControlCommand.SetSyslogSocket.class, c -> {
            if (!server.logging().setSyslogSocket(c.socket())) {
                throw new CommandException("Failed to change syslog socket");
            }
            return server.logging().syslogSocket().orElse(null);
        });
        on(ControlCommand.SetAllowIpv6.class, c -> {
            server.setAllowIpv6(c.value());
            return c.value();
        });
        on(ControlCommand.SetThreadOptions.class, c -> {
            for (Map.Entry<String, Object> o : c.options().entrySet()) {
                if (!o.getKey().equals("stacksize")) {
                    throw new CommandException(PyException.builtin("KeyError", "unknown option "
                            + PyText.reprString(o.getKey())));
                }
                long kib = Long.parseLong(PyText.str(o.getValue()).trim());
                try {
                    Jails.setThreadStackSize(kib * 1024);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(PyException.builtin("ValueError", e.getMessage()));
                }
            }
            return null;
        });
        on(ControlCommand.SetDbFile.class, c -> {
            server.setDatabase(c.file());
            return server.database().map(BanStore::filename).orElse(null);
        });
        on(ControlCommand.SetDbMaxMatches.class, c -> {
            Optional<BanStore> db = server.database();
            if (db.isEmpty()) {
                SERVER_LOG.info(F2bLevel.MSG, "dbmaxmatches setting was not in effect since no db yet");
                return null;
            }
            db.get().setMaxMatches(c.maxMatches());
            return (long) db.get().maxMatches();
        });
        on(ControlCommand.SetDbPurgeAge.class, c -> {
            Optional<BanStore> db = server.database();
            if (db.isEmpty()) {
                SERVER_LOG.info(F2bLevel.MSG, "dbpurgeage setting was not in effect since no db yet");
                return null;
            }
            Number secs = DurationParser.str2seconds(c.age());
            double d = secs.doubleValue();
            db.get().setPurgeAge(Duration.ofNanos(Math.round(d * 1e9)));
            return secs;
        });
        on(ControlCommand.GetServerSetting.class, c -> serverSetting(c.setting()));
    }

    private Object serverSetting(ControlCommand.ServerSetting setting) {
        Optional<BanStore> db = server.database();
        switch (setting) {
            case LOGLEVEL:
                return server.logging().level().orElse(null);
            case LOGTARGET:
                return server.logging().target().orElse(null);
            case SYSLOGSOCKET:
                return server.logging().syslogSocket().orElse(null);
            case THREAD:
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stacksize", Jails.threadStackSize() / 1024);
                return m;
            case DBFILE:
                return db.map(BanStore::filename).orElse(null);
            case DBMAXMATCHES:
                return db.map(s -> (Object) (long) s.maxMatches()).orElse(null);
            case DBPURGEAGE:
                return db.map(s -> Server.seconds(s.purgeAge())).orElse(null);
            default:
                throw new CommandException("Invalid command (no get action or not yet implemented)");
        }
    }

    // ------------------------------------------------------------------ jail control

    private Jail jail(JailCommand c) {
        return server.jails().get(c.jail());
    }

    private void registerJailCommands() {
        on(ControlCommand.AddJail.class, c -> {
            server.addJail(c.jail(), c.backend());
            return c.jail();
        });
        on(ControlCommand.StartJail.class, c -> {
            server.startJail(c.jail());
            return null;
        });
        on(ControlCommand.StopJail.class, c -> {
            server.stopJail(c.jail());
            return null;
        });
        on(ControlCommand.StatusJail.class,
                c -> Server.wireStatus(jail(c).status(c.flavor()).toUpstream(), c.flavor()));
        on(ControlCommand.SetIdle.class, c -> {
            Jail j = jail(c);
            j.setIdle(c.idle());
            return j.isIdle();
        });
    }

    // ------------------------------------------------------------------ filter settings

    private void registerFilterCommands() {
        on(ControlCommand.SetIgnoreSelf.class, c -> {
            Jail j = jail(c);
            j.setIgnoreSelf(asBool(c.value()));
            return j.isIgnoreSelf();
        });
        on(ControlCommand.AddIgnoreIp.class, c -> {
            Jail j = jail(c);
            for (String a : c.addresses()) {
                j.addIgnoreIp(a);
            }
            return new ArrayList<Object>(j.ignoreIps());
        });
        on(ControlCommand.DelIgnoreIp.class, c -> {
            Jail j = jail(c);
            j.delIgnoreIp(c.address());
            return new ArrayList<Object>(j.ignoreIps());
        });
        on(ControlCommand.SetIgnoreCommand.class, c -> {
            Jail j = jail(c);
            j.setIgnoreCommand(c.command());
            return j.ignoreCommand().orElse(c.command());
        });
        on(ControlCommand.SetIgnoreCache.class, c -> {
            Jail j = jail(c);
            j.setIgnoreCache(c.options());
            return j.ignoreCache().orElse(null);
        });
        on(ControlCommand.AddLogPath.class, c -> {
            Jail j = jail(c);
            j.addLogPath(c.path(), c.tail());
            return new ArrayList<Object>(j.logPaths());
        });
        on(ControlCommand.DelLogPath.class, c -> {
            Jail j = jail(c);
            j.delLogPath(c.path());
            return new ArrayList<Object>(j.logPaths());
        });
        on(ControlCommand.SetLogEncoding.class, c -> {
            Jail j = jail(c);
            j.setLogEncoding(c.encoding());
            return j.logEncoding();
        });
        on(ControlCommand.AddJournalMatch.class, c -> {
            Jail j = jail(c);
            j.addJournalMatch(c.match());
            return journalMatches(j);
        });
        on(ControlCommand.DelJournalMatch.class, c -> {
            Jail j = jail(c);
            j.delJournalMatch(c.match());
            return journalMatches(j);
        });
        on(ControlCommand.SetPrefRegex.class, c -> {
            Jail j = jail(c);
            j.setPrefRegex(c.regex());
            return j.prefRegex();
        });
        on(ControlCommand.AddFailRegex.class, c -> {
            Jail j = jail(c);
            for (String r : c.regexes()) {
                j.addFailRegex(r);
            }
            return c.multi() ? Boolean.TRUE : new ArrayList<Object>(j.failRegexes());
        });
        on(ControlCommand.DelFailRegex.class, c -> {
            Jail j = jail(c);
            j.delFailRegex(c.index());
            return new ArrayList<Object>(j.failRegexes());
        });
        on(ControlCommand.AddIgnoreRegex.class, c -> {
            Jail j = jail(c);
            for (String r : c.regexes()) {
                j.addIgnoreRegex(r);
            }
            return c.multi() ? Boolean.TRUE : new ArrayList<Object>(j.ignoreRegexes());
        });
        on(ControlCommand.DelIgnoreRegex.class, c -> {
            Jail j = jail(c);
            j.delIgnoreRegex(c.index());
            return new ArrayList<Object>(j.ignoreRegexes());
        });
        on(ControlCommand.SetUseDns.class, c -> {
            Jail j = jail(c);
            j.setUseDns(c.mode());
            return j.useDns();
        });
        on(ControlCommand.SetFindTime.class, c -> {
            Jail j = jail(c);
            j.setFindTime(c.time());
            return j.findTime();
        });
        on(ControlCommand.SetDatePattern.class, c -> {
            Jail j = jail(c);
            j.setDatePattern(c.pattern());
            return datePattern(j);
        });
        on(ControlCommand.SetLogTimeZone.class, c -> {
            Jail j = jail(c);
            j.setLogTimeZone(c.zone());
            return j.logTimeZone().orElse(null);
        });
        on(ControlCommand.SetMaxMatches.class, c -> {
            Jail j = jail(c);
            j.setMaxMatches(c.maxMatches());
            return (long) j.maxMatches();
        });
        on(ControlCommand.SetMaxRetry.class, c -> {
            Jail j = jail(c);
            j.setMaxRetry(c.maxRetry());
            return (long) j.maxRetry();
        });
        on(ControlCommand.SetMaxLines.class, c -> {
            Jail j = jail(c);
            j.setMaxLines(c.maxLines());
            return (long) j.maxLines();
        });
        on(ControlCommand.AddAttempt.class, c -> (long) jail(c).addAttempt(c.address(), c.matches()));
    }

    private static Object journalMatches(Jail j) {
        List<Object> out = new ArrayList<>();
        for (List<String> g : j.journalMatches()) {
            out.add(new ArrayList<Object>(g));
        }
        return out;
    }

    private static Object datePattern(Jail j) {
        return j.datePattern().map(p -> (Object) PyTuple.of(p.pattern().orElse(null), p.name())).orElse(null);
    }

    // ------------------------------------------------------------------ action settings

    private void registerActionCommands() {
        on(ControlCommand.SetBanTime.class, c -> {
            Jail j = jail(c);
            j.setBanTime(c.time());
            return j.banTime().toNumber();
        });
        on(ControlCommand.SetBanTimeExtra.class, c -> {
            Jail j = jail(c);
            j.setBanTimeExtra(c.option(), c.value());
            return j.banTimeExtra(c.option()).orElse(null);
        });
        on(ControlCommand.BanIp.class, c -> (long) jail(c).banIps(c.addresses()));
        on(ControlCommand.UnbanIp.class, c -> (long) jail(c).unbanIps(c.addresses(), !c.reportAbsent()));
        on(ControlCommand.AddAction.class, c -> {
            jail(c).addAction(c.action());
            return c.action();
        });
        on(ControlCommand.AddPythonAction.class, c -> {
            jail(c).addAction(c.action(), c.file());
            return c.action();
        });
        on(ControlCommand.DelAction.class, c -> {
            Jail j = jail(c);
            action(j, c.action());
            j.delAction(c.action());
            return null;
        });
        on(ControlCommand.ActionSet.class, c -> {
            CommandAction a = commandAction(jail(c), c.action());
            Object last = null;
            for (ActionSetting s : c.settings()) {
                last = applyActionSetting(a, s);
            }
            return c.multi() ? Boolean.TRUE : last;
        });
    }

    /** Upstream {@code actions[name]}: {@code KeyError('Invalid Action name: <name>')} when there is none. */
    private static Action action(Jail j, String name) {
        if (!j.actionNames().contains(name)) {
            throw new CommandException(PyException.builtin("KeyError", "Invalid Action name: " + name));
        }
        return j.action(name);
    }

    private static CommandAction commandAction(Jail j, String name) {
        Action a = action(j, name);
        if (a instanceof CommandAction ca) {
            return ca;
        }
        throw new CommandException(PyException.builtin("TypeError", "action '" + name
                + "' has no settable properties"));
    }

    /** A property is assigned; a method (upstream: a callable attribute) is called without arguments. */
    private static Object applyActionSetting(CommandAction a, ActionSetting s) {
        String key = s.key();
        if (ACTION_METHODS.contains(key)) {
            String kwargs = s instanceof ControlCommand.KeyValue kv ? kv.value().trim() : "{}";
            return callActionMethod(a, key, kwargs);
        }
        if (!(s instanceof ControlCommand.KeyValue kv)) {
            throw CommandException.indexError(4);
        }
        a.setProperty(key, kv.value());
        return a.property(key).orElse(null);
    }

    private static Object callActionMethod(CommandAction a, String method, String kwargs) {
        if (!kwargs.replace(" ", "").equals("{}")) {
            throw CommandException.typeError(method + "() got unexpected keyword arguments: " + kwargs);
        }
        switch (method) {
            case "start":
                a.start();
                return null;
            case "stop":
                a.stop();
                return null;
            case "flush":
                return a.flush();
            case "reload":
                a.reload();
                return null;
            case "clearAllParams":
                a.clearAllParams();
                return null;
            case "invalidateBanEpoch":
                a.invalidateBanEpoch();
                return null;
            case "consistencyCheck":
                return a.consistencyCheck(() -> true);
            default:
                throw CommandException.typeError(method + "() needs arguments the command line cannot give");
        }
    }

    // ------------------------------------------------------------------ get

    private void registerGetCommands() {
        on(ControlCommand.GetJailSetting.class, c -> jailSetting(jail(c), c.setting()));
        on(ControlCommand.GetBanned.class, c -> {
            Jail j = jail(c);
            if (c.addresses().isEmpty()) {
                return Server.ipTexts(j.bannedIds());
            }
            if (c.addresses().size() == 1) {
                return j.isBanned(IpAddress.parse(c.addresses().get(0))) ? 1L : 0L;
            }
            List<Object> out = new ArrayList<>();
            for (String a : c.addresses()) {
                out.add(j.isBanned(IpAddress.parse(a)) ? 1L : 0L);
            }
            return out;
        });
        on(ControlCommand.GetBanList.class, c -> new ArrayList<Object>(jail(c).banList(c.withTime())));
        on(ControlCommand.GetBanTimeExtra.class, c -> jail(c).banTimeExtra(c.option()).orElse(null));
        on(ControlCommand.GetActionProperty.class, c -> {
            Action a = action(jail(c), c.action());
            if (c.property().equals("banEpoch")) {
                return (long) a.banEpoch();
            }
            if (a instanceof CommandAction ca) {
                Optional<Object> v = c.property().startsWith("_") ? Optional.empty() : ca.property(c.property());
                if (v.isPresent()) {
                    return v.get();
                }
            }
            throw new CommandException(PyException.builtin("AttributeError",
                    "'CommandAction' object has no attribute " + PyText.reprString(c.property())));
        });
        on(ControlCommand.GetActionProperties.class, c -> {
            Action a = action(jail(c), c.action());
            Set<String> names = new TreeSet<>(List.of("ESCAPE_CRE", "ESCAPE_VN_CRE", "banEpoch"));
            if (a instanceof CommandAction ca) {
                names.addAll(ca.properties().keySet());
            }
            return new ArrayList<Object>(names);
        });
        on(ControlCommand.GetActionMethods.class, c -> {
            action(jail(c), c.action());
            return new ArrayList<Object>(ACTION_METHODS);
        });
    }

    private static Object jailSetting(Jail j, ControlCommand.JailSetting setting) {
        switch (setting) {
            case LOGPATH:
                return new ArrayList<Object>(j.logPaths());
            case LOGENCODING:
                return j.logEncoding();
            case JOURNALMATCH:
                return journalMatches(j);
            case IGNORESELF:
                return j.isIgnoreSelf();
            case IGNOREIP:
                return new ArrayList<Object>(j.ignoreIps());
            case IGNORECOMMAND:
                return j.ignoreCommand().map(s -> (Object) s).orElse(Boolean.FALSE);
            case IGNORECACHE:
                return j.ignoreCache().orElse(null);
            case PREFREGEX:
                return j.prefRegex();
            case FAILREGEX:
                return new ArrayList<Object>(j.failRegexes());
            case IGNOREREGEX:
                return new ArrayList<Object>(j.ignoreRegexes());
            case USEDNS:
                return j.useDns();
            case FINDTIME:
                return j.findTime();
            case DATEPATTERN:
                return datePattern(j);
            case LOGTIMEZONE:
                return j.logTimeZone().orElse(null);
            case MAXMATCHES:
                return (long) j.maxMatches();
            case MAXRETRY:
                return (long) j.maxRetry();
            case MAXLINES:
                return (long) j.maxLines();
            case BANTIME:
                return j.banTime().toNumber();
            case ACTIONS:
                return new ArrayList<Object>(j.actionNames());
            default:
                throw new CommandException("Invalid command (no get action or not yet implemented)");
        }
    }
}
