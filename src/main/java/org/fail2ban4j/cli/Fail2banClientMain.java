package org.fail2ban4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.Version;
import org.fail2ban4j.client.ClientSession;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.protocol.ClientCommand;
import org.fail2ban4j.protocol.ControlCommandParser;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.reader.ConfigLoader;
import org.fail2ban4j.config.reader.EarlyOptions;
import org.fail2ban4j.config.reader.Fail2banReader;
import org.fail2ban4j.config.reader.PyValues;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.config.reader.Shlex;
import org.fail2ban4j.config.reader.StreamPrinter;
import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.logging.LogLineFormat;
import org.fail2ban4j.time.DurationParser;

/**
 * {@code fail2ban-client}: command line as upstream's {@code fail2ban/client/fail2bancmdline.py} and
 * {@code fail2banclient.py}. Exit status 0 on success, 255 on failure, as upstream.
 */
public final class Fail2banClientMain {
    static final String SHORT_OPTS = "hc:s:p:xfbdtviqV";
    static final List<String> LONG_OPTS = List.of("loglevel=", "logtarget=", "syslogsocket=", "test", "async",
            "conf=", "pidfile=", "pname=", "socket=", "timeout=", "str2sec=", "help", "version", "dp",
            "dump-pretty");
    private static final List<String> CONFIG_PARAMS = List.of("socket", "pidfile", "logtarget", "loglevel",
            "syslogsocket");

    private static final String PROMPT = "fail2ban> ";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private List<String> argv = List.of();
    private final Map<String, Object> conf = new LinkedHashMap<>();
    private int verbose = 1;
    /** Pid and time zone of the log lines, looked up on the first line (a plain command logs nothing). */
    private long pid = -1;
    private ZoneId zone;

    private final String caller;
    /** Set by {@link #runAsMain}: start {@link Prepare} before reading the configuration for a command. */
    private boolean prepareSocket;
    /** Where the readers and the session log: {@link #log}. A class rather than a method reference (start-up). */
    private final LogSink logSink = new LogSink();

    private final class LogSink implements ReaderLog, ClientSession.Log {
        @Override
        public void log(String logger, String level, String message) {
            Fail2banClientMain.this.log(logger, level, message);
        }
    }

    Fail2banClientMain(PrintStream out, PrintStream err) {
        this("fail2ban-client", out, err);
    }

    Fail2banClientMain(String caller, PrintStream out, PrintStream err) {
        this(caller, InputStream.nullInputStream(), out, err);
    }

    Fail2banClientMain(String caller, InputStream in, PrintStream out, PrintStream err) {
        this.caller = caller;
        this.in = in;
        this.out = out;
        this.err = err;
        resetConf();
    }

    /** Upstream {@code resetConf}: the defaults of the options, before the command line is read. */
    private void resetConf() {
        conf.clear();
        verbose = 1;
        conf.put("async", false);
        conf.put("conf", "/etc/fail2ban");
        conf.put("force", false);
        conf.put("background", true);
        conf.put("verbose", 1);
        conf.put("socket", null);
        conf.put("pidfile", null);
        conf.put("timeout", 30L);
    }

    public static void main(String[] args) {
        Mains.exit(new WithStdin(), args);
    }

    /**
     * The client on the process's standard input. A class rather than a lambda: the client's first lambda would
     * load the JVM's lambda machinery before anything else. The warm-up recording the class-data-sharing archive
     * runs it too (through {@link Mains#run}), so that every class {@code main} needs comes from the archive and
     * the jar is not even opened.
     */
    static final class WithStdin implements Mains.Tool {
        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) {
            return runAsMain(args, System.in, out, err);
        }
    }

    /**
     * Upstream's handler of SIGTERM and SIGINT in the client ({@code __sigTERMhandler}): a new line on standard
     * output (the signal probably came during a wait), {@code Caught signal N. Exiting} logged as a warning, exit
     * status 255. Installed by {@code main} only (a client run inside another program leaves its signals alone).
     */
    @SuppressWarnings("sunapi")
    private void exitOnSignals() {
        // an anonymous class, not a lambda, for the same start-up reason as WithStdin
        sun.misc.SignalHandler handler = new sun.misc.SignalHandler() {
            @Override
            public void handle(sun.misc.Signal s) {
                out.println();
                log("fail2ban", "WARNING", "Caught signal " + s.getNumber() + ". Exiting");
                out.flush();
                err.flush();
                Runtime.getRuntime().halt(255);
            }
        };
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (e.g. -Xrs): its default action stays
            }
        }
    }

    /**
     * What {@code main} runs (also run by {@link ClientWarmUp}, so that the class-data-sharing archive holds the
     * classes of exactly this path): the client with its signal handlers, preparing the socket and pickle support
     * in a second thread while the configuration is read.
     */
    static int runAsMain(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Fail2banClientMain client = new Fail2banClientMain("fail2ban-client", in, out, err);
        client.prepareSocket = true;
        client.exitOnSignals();
        return client.start(args);
    }

    /** A daemon thread preparing the socket and pickle support ({@link ControlSocketClient#prepare()}). */
    private static final class Prepare implements Runnable {
        @Override
        public void run() {
            ControlSocketClient.prepare();
        }
    }

    /** Runs the client with the given arguments (without the program name); returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new Fail2banClientMain(out, err).start(args);
    }

    /**
     * Runs the client with the given arguments (without the program name) and standard input (read by the
     * interactive mode, {@code -i}); returns the exit status.
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return new Fail2banClientMain("fail2ban-client", in, out, err).start(args);
    }

    private void log(String logger, String level, String message) {
        int threshold = verbose <= 0 ? 40 : verbose == 1 ? 30 : verbose == 2 ? 20 : verbose == 3 ? 10 : 5;
        if (LogLineFormat.levelNumber(level) >= threshold) {
            if (zone == null) {
                zone = ZoneId.systemDefault();
                pid = ProcessHandle.current().pid();
            }
            err.println(LogLineFormat.format(now(), zone, logger, pid, level, message));
        }
    }

    @SuppressWarnings("PMD")
    private static Instant now() {
        return Instant.now();
    }

    int start(List<String> args) {
        argv = List.copyOf(args);
        Boolean ret = initCmdLine(argv);
        if (ret != null) {
            if (ret) {
                return 0;
            }
            if (Boolean.TRUE.equals(conf.get("test")) && remaining.isEmpty()) {
                return 255;
            }
            log("fail2ban", "ERROR", "Init of command line failed");
            return 255;
        }
        if (Boolean.TRUE.equals(conf.get("interactive"))) {
            return interactive() ? 0 : 255;
        }
        if (remaining.isEmpty()) {
            Usage.print(out, caller);
            return 255;
        }
        return processCommand(remaining) ? 0 : 255;
    }

    /**
     * Upstream's interactive mode ({@code -i}): the command words of the command line first (if any, and only if they
     * succeed the prompt follows), then a banner and one command a line read from standard input after the prompt
     * {@code "fail2ban> "}, split as {@code shlex.split} does; {@code exit} or {@code quit} end with success,
     * {@code help} prints the usage, an empty line does nothing. A failing command is logged and the loop goes on.
     * The end of the input prints an empty line and ends with failure ({@code EOF when reading a line}), as Python's
     * {@code input()} raising {@code EOFError}.
     */
    private boolean interactive() {
        if (!remaining.isEmpty() && !processCommand(remaining)) {
            return false;
        }
        out.println("Fail2Ban v" + Version.FAIL2BAN_VERSION + " reads log file that contains password failure report");
        out.println("and bans the corresponding IP addresses using firewall rules.");
        out.println("");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = readLine(reader);
            if (line == null) {
                out.println("");
                out.flush();
                log("fail2ban", "ERROR", "EOF when reading a line");
                return false;
            }
            if (line.equals("exit") || line.equals("quit")) {
                return true;
            }
            if (line.equals("help")) {
                Usage.print(out, caller);
            } else if (!line.isEmpty()) {
                try {
                    processCommand(Shlex.split(line));
                } catch (RuntimeException e) {
                    log("fail2ban", "ERROR", String.valueOf(e.getMessage()));
                }
            }
            out.flush();
        }
    }

    /**
     * Python's {@code input()} on a pipe: the text up to the next {@code \n} (a {@code \r} stays in the line), the
     * rest at the end of the input; null at the end of the input (or when it cannot be read).
     */
    private static String readLine(BufferedReader reader) {
        StringBuilder sb = new StringBuilder();
        try {
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                if (c == '\n') {
                    return sb.toString();
                }
                sb.append((char) c);
            }
        } catch (IOException e) {
            return null;
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Upstream {@code __processCommand}: one command of the command line or of an interactive line. */
    private boolean processCommand(List<String> words) {
        if (words.isEmpty()) {
            // a line of blanks: Python's client sends the empty command, which the server refuses
            return new ClientSession(java.nio.file.Path.of(String.valueOf(conf.get("socket"))), out, logSink, true)
                    .sendRaw(List.of());
        }
        ClientCommand cmd;
        try {
            cmd = ControlCommandParser.parseClientArgs(words);
        } catch (RuntimeException e) {
            log("fail2ban", "ERROR", e.getMessage());
            return false;
        }
        boolean interactive = Boolean.TRUE.equals(conf.get("interactive"));
        ClientSession session = new ClientSession(java.nio.file.Path.of(String.valueOf(conf.get("socket"))), out,
                logSink, true);
        if (cmd instanceof ClientCommand.Send) {
            return session.send((ClientCommand.Send) cmd);
        }
        if (cmd instanceof ClientCommand.StartServer) {
            return startServer(session);
        }
        if (cmd instanceof ClientCommand.RestartServer) {
            if (interactive) {
                out.println("  ## stop ... ");
            }
            session.send(new ClientCommand.Send(List.of("stop"), -1));
            if (!waitForServerGone(session)) {
                log("fail2ban", "ERROR", "Could not stop server");
                return false;
            }
            if (interactive) {
                // a full re-read of the command line, so that a changed fail2ban.conf takes effect
                out.println("  ## load configuration ... ");
                resetConf();
                Boolean ret = initCmdLine(argv);
                if (ret != null) {
                    return ret;
                }
                out.println("  ## start ... ");
                session = new ClientSession(java.nio.file.Path.of(String.valueOf(conf.get("socket"))), out,
                        logSink, true);
            }
            return startServer(session);
        }
        ClientCommand.ReloadJails reload = (ClientCommand.ReloadJails) cmd;
        if (!session.ping()) {
            log("fail2ban", "ERROR", "Could not find server");
            return false;
        }
        String target = reload.target();
        Result r = readConfig(true, target.equals("--all") ? null : target);
        if (!r.ok || r.stream == null) {
            return false;
        }
        if (interactive) {
            out.println("  ## reload ... ");
        }
        List<Object> request = new java.util.ArrayList<>(List.of("reload", target, reload.flags()));
        request.add(r.stream);
        return session.sendRaw(request);
    }

    /** Upstream {@code __startServer}: the server reads the configuration and starts (in the background or not). */
    private boolean startServer(ClientSession session) {
        if (session.ping()) {
            log("fail2ban", "ERROR", "Server already running");
            return false;
        }
        List<String> args = new java.util.ArrayList<>();
        args.add(Boolean.FALSE.equals(conf.get("background")) ? "-f" : "-b");
        if (Boolean.TRUE.equals(conf.get("force"))) {
            args.add("-x");
        }
        for (String[] o : new String[][] {{"-c", "conf"}, {"-s", "socket"}, {"-p", "pidfile"},
            {"--loglevel", "loglevel"}, {"--logtarget", "logtarget"}, {"--syslogsocket", "syslogsocket"}}) {
            Object v = conf.get(o[1]);
            if (v != null) {
                args.add(o[0]);
                args.add(v.toString());
            }
        }
        if (Boolean.FALSE.equals(conf.get("background"))) {
            java.util.Optional<java.nio.file.Path> launcher = ServerExec.launcher();
            if (launcher.isPresent()) {
                out.flush();
                err.flush();
                String why = ServerExec.exec(launcher.get(), args);
                log("fail2ban", "WARNING", "Could not run " + launcher.get() + " (" + why
                        + "); the server runs in this process");
            }
        }
        return Fail2banServerMain.run(args, out, err) == 0;
    }

    private boolean waitForServerGone(ClientSession session) {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(
                ((Number) conf.getOrDefault("timeout", 30L)).longValue());
        while (System.nanoTime() < end) {
            if (!session.ping() && !java.nio.file.Files.exists(java.nio.file.Path.of(String.valueOf(
                    conf.get("socket"))))) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private List<String> remaining = List.of();

    /** Upstream {@code initCmdLine}: true/false to exit with that outcome, null to go on with commands. */
    private Boolean initCmdLine(List<String> argv) {
        Argv.Parsed parsed;
        try {
            parsed = Argv.getopt(argv, SHORT_OPTS, LONG_OPTS);
        } catch (Argv.GetoptException e) {
            Usage.print(out, caller);
            return false;
        }
        remaining = parsed.args();
        try {
            for (Argv.Opt o : parsed.opts()) {
                switch (o.name()) {
                    case "-c": case "--conf": conf.put("conf", o.value()); break;
                    case "-s": case "--socket": conf.put("socket", o.value()); break;
                    case "-p": case "--pidfile": conf.put("pidfile", o.value()); break;
                    case "-d": conf.put("dump", true); break;
                    case "--dp": case "--dump-pretty": conf.put("dump", 2); break;
                    case "-t": case "--test": conf.put("test", true); break;
                    case "-v": verbose++; break;
                    case "-q": verbose--; break;
                    case "-x": conf.put("force", true); break;
                    case "-i": conf.put("interactive", true); break;
                    case "-b": conf.put("background", true); break;
                    case "-f": conf.put("background", false); break;
                    case "--async": conf.put("async", true); break;
                    case "--timeout": conf.put("timeout", DurationParser.str2seconds(o.value())); break;
                    case "--str2sec":
                        out.println(PyFloats.reprNumber(DurationParser.str2seconds(o.value())));
                        return true;
                    case "-h": case "--help":
                        Usage.print(out, caller);
                        return true;
                    case "-V": case "--version":
                        out.println(o.name().equals("-V") ? Version.FAIL2BAN_VERSION : "Fail2Ban v" + Version.FAIL2BAN_VERSION);
                        return true;
                    default:
                        conf.put(o.name().substring(2), o.value());
                }
            }
            conf.put("verbose", verbose);
            if (prepareSocket && !remaining.isEmpty() && conf.get("dump") == null && conf.get("test") == null) {
                prepareSocket = false;
                Thread t = new Thread(new Prepare(), "prepare-socket");
                t.setDaemon(true);
                t.start();
            }
            boolean earlyRead = false;
            for (String o : CONFIG_PARAMS) {
                if (conf.get(o) == null) {
                    if (!earlyRead) {
                        earlyRead = true;
                        Map<String, Object> early = EarlyOptions.readPlain(String.valueOf(conf.get("conf")), logSink);
                        if (early == null) {
                            ConfigLoader loader = loader();
                            loader.readEarly();
                            early = loader.getEarlyOptions();
                        }
                        for (String k : CONFIG_PARAMS) {
                            if (conf.get(k) == null && early.containsKey(k)) {
                                conf.put(k, early.get(k));
                            }
                        }
                    }
                }
            }
            Fail2banReader.checkLogLevel(conf.get("loglevel"));
            boolean test = Boolean.TRUE.equals(conf.get("test"));
            Object dump = conf.get("dump");
            Result r = null;
            if (dump != null) {
                r = readConfig(!test);
                if (r.stream != null) {
                    StreamPrinter.print(r.stream, Integer.valueOf(2).equals(dump), out);
                } else {
                    out.println("ERROR: The configuration stream failed because of the invalid syntax.");
                }
                if (!test) {
                    return r.ok;
                }
            }
            if (test) {
                if (r == null) {
                    r = readConfig(false);
                }
                if (remaining.isEmpty()) {
                    out.println(r.ok ? "OK: configuration test is successful" : "ERROR: test configuration failed");
                    return r.ok;
                }
                if (!r.ok) {
                    log("fail2ban", "ERROR", "ERROR: test configuration failed");
                    return false;
                }
            }
            return null;
        } catch (ConfigException | IllegalArgumentException e) {
            out.println("ERROR: " + message(e));
            return false;
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage();
    }

    private ConfigLoader loader() {
        return new ConfigLoader(String.valueOf(conf.get("conf")), logSink, false);
    }

    private record Result(boolean ok, List<List<Object>> stream) {
    }

    private Result readConfig(boolean ignoreWrong) {
        return readConfig(ignoreWrong, null);
    }

    /** Upstream {@code readConfig(jail)}: the configuration (of one jail, or all) as a command stream. */
    private Result readConfig(boolean ignoreWrong, String jail) {
        ConfigLoader loader = loader();
        try {
            loader.reload();
            loader.readAll();
            Map<String, Object> main = new LinkedHashMap<>(conf);
            boolean ok = loader.getOptions(jail, main, ignoreWrong);
            loader.convertToProtocol(conf.get("dump") != null);
            if (Boolean.TRUE.equals(conf.get("test"))) {
                for (ConfigException e : loader.validate()) {
                    log("fail2ban", "ERROR", "Failed during configuration: " + e.getMessage());
                    ok = false;
                }
            }
            return new Result(ok, loader.getConfigStream());
        } catch (ConfigException | IllegalArgumentException e) {
            log("fail2ban", "ERROR", "Failed during configuration: " + e.getMessage());
            return new Result(false, null);
        }
    }

    static String reprNumber(Object n) {
        return PyValues.repr(n);
    }
}
