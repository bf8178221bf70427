package org.fail2ban4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.Version;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.client.StatusFormatter;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.reader.ConfigLoader;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.exec.ProcessCommandRunner;
import org.fail2ban4j.jail.JailEnvironment;
import org.fail2ban4j.jail.Jails;
import org.fail2ban4j.jail.JndiTxtLookup;
import org.fail2ban4j.logging.LogLineFormat;
import org.fail2ban4j.logging.Logging;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.SystemDnsResolver;
import org.fail2ban4j.persist.SqliteBanStore;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.server.Server;
import org.fail2ban4j.server.ServerStartException;
import org.fail2ban4j.source.LogSourceFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fail2ban-server}: port of {@code fail2ban/client/fail2banserver.py:Fail2banServer} (command line shared
 * with the client, {@code Fail2banCmdLine}). The configuration test ({@code -t}), dump ({@code -d}),
 * {@code --str2sec}, {@code -V}, {@code -h} and client commands go to {@link Fail2banClientMain}; otherwise the
 * daemon starts:
 * <ul>
 *   <li>without {@code --async} the configuration ({@code -c}, {@code /etc/fail2ban} by default) is read first, and
 *       applied as the stream {@code server-stream}, {@code server-status} once the socket answers ("Server ready"
 *       on standard output); a configuration that does not read ends with status 255 before anything starts;</li>
 *   <li>{@code -f} stays in the foreground; {@code -b} (the default) starts a detached copy of this JVM in a new
 *       session ({@code setsid}) in the foreground mode, waits until its socket answers and exits 0 (255 if it did
 *       not come up within {@code --timeout});</li>
 *   <li>{@code -x} takes over the socket of a running server, {@code -s}/{@code -p} name socket and pid file,
 *       {@code --loglevel}, {@code --logtarget}, {@code --syslogsocket} the log setup.</li>
 * </ul>
 * SIGTERM and SIGINT stop the server cleanly; SIGUSR1 reopens the log file.
 */
public final class Fail2banServerMain {
    private static final String DEF_SOCKET = "/var/run/fail2ban/fail2ban.sock";
    private static final String DEF_PIDFILE = "/var/run/fail2ban/fail2ban.pid";
    private static final String DEF_LOGLEVEL = "INFO";
    private static final String DEF_LOGTARGET = "STDOUT";
    private static final String DEF_SYSLOGSOCKET = "auto";
    private static final List<String> EARLY = List.of("socket", "pidfile", "logtarget", "loglevel",
            "syslogsocket");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Object> conf = new LinkedHashMap<>();
    private final ZoneId zone = ZoneId.systemDefault();
    private final long pid = ProcessHandle.current().pid();
    private int verbose = 1;

    private Fail2banServerMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        conf.put("conf", "/etc/fail2ban");
        conf.put("force", false);
        conf.put("background", true);
        conf.put("async", false);
        conf.put("timeout", 30L);
    }

    public static void main(String[] args) {
        Mains.exit(Fail2banServerMain::run, args);
    }

    /** Runs {@code fail2ban-server} with the given arguments; returns the exit status (0, or 255 on failure). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Argv.Parsed parsed;
        try {
            parsed = Argv.getopt(args, Fail2banClientMain.SHORT_OPTS, Fail2banClientMain.LONG_OPTS);
        } catch (Argv.GetoptException e) {
            return new Fail2banClientMain("fail2ban-server", out, err).start(args);
        }
        if (!parsed.args().isEmpty() && !(parsed.args().size() == 1 && parsed.args().get(0).equals("start"))) {
            // upstream: a server command line with commands is a client's
            return new Fail2banClientMain("fail2ban-client", out, err).start(args);
        }
        for (Argv.Opt o : parsed.opts()) {
            switch (o.name()) {
                case "-t": case "--test": case "-d": case "--dp": case "--dump-pretty": case "--str2sec":
                case "-h": case "--help": case "-V": case "--version": case "-i":
                    return new Fail2banClientMain("fail2ban-server", out, err).start(args);
                default:
                    break;
            }
        }
        return new Fail2banServerMain(out, err).start(parsed, args);
    }

    // ------------------------------------------------------------------ messages before the log target is set

    private void log(String logger, String level, String message) {
        int threshold = verbose <= 0 ? 40 : verbose == 1 ? 30 : verbose == 2 ? 20 : verbose == 3 ? 10 : 5;
        if (LogLineFormat.levelNumber(level) >= threshold) {
            err.println(LogLineFormat.format(now(), zone, logger, pid, level, message));
        }
    }

    private static Instant now() {
        return Instant.now();
    }

    // ------------------------------------------------------------------ start

    private int start(Argv.Parsed parsed, List<String> args) {
        for (Argv.Opt o : parsed.opts()) {
            switch (o.name()) {
                case "-c": case "--conf": conf.put("conf", o.value()); break;
                case "-s": case "--socket": conf.put("socket", o.value()); break;
                case "-p": case "--pidfile": conf.put("pidfile", o.value()); break;
                case "-v": verbose++; break;
                case "-q": verbose--; break;
                case "-x": conf.put("force", true); break;
                case "-b": conf.put("background", true); break;
                case "-f": conf.put("background", false); break;
                case "--async": conf.put("async", true); break;
                case "--timeout":
                    conf.put("timeout", org.fail2ban4j.time.DurationParser.str2seconds(o.value()));
                    break;
                case "--loglevel": case "--logtarget": case "--syslogsocket": case "--pname":
                    conf.put(o.name().substring(2), o.value());
                    break;
                default:
                    break;
            }
        }
        ReaderLog readerLog = this::log;
        List<List<Object>> stream = null;
        try {
            if (EARLY.stream().anyMatch(k -> conf.get(k) == null)) {
                ConfigLoader early = new ConfigLoader(String.valueOf(conf.get("conf")), readerLog, false);
                early.readEarly();
                Map<String, Object> opts = early.getEarlyOptions();
                for (String k : EARLY) {
                    if (conf.get(k) == null && opts.get(k) != null) {
                        conf.put(k, opts.get(k));
                    }
                }
            }
            conf.putIfAbsent("socket", DEF_SOCKET);
            conf.putIfAbsent("pidfile", DEF_PIDFILE);
            conf.putIfAbsent("loglevel", DEF_LOGLEVEL);
            conf.putIfAbsent("logtarget", DEF_LOGTARGET);
            conf.putIfAbsent("syslogsocket", DEF_SYSLOGSOCKET);
            if (!Boolean.TRUE.equals(conf.get("async"))) {
                stream = readConfig(readerLog);
                if (stream == null) {
                    log("fail2ban", "ERROR", "Async configuration of server failed");
                    return 255;
                }
            }
        } catch (ConfigException | IllegalArgumentException e) {
            log("fail2ban", "ERROR", e.getMessage());
            return 255;
        }
        Path socket = Path.of(String.valueOf(conf.get("socket")));
        if (Boolean.TRUE.equals(conf.get("background"))) {
            return startDetached(args, socket);
        }
        return runForeground(socket, Path.of(String.valueOf(conf.get("pidfile"))), stream);
    }

    /** Upstream {@code readConfig} of the client's configuration thread: the stream, or null when it fails. */
    private List<List<Object>> readConfig(ReaderLog readerLog) {
        ConfigLoader loader = new ConfigLoader(String.valueOf(conf.get("conf")), readerLog, false);
        try {
            loader.reload();
            loader.readAll();
            Map<String, Object> main = new LinkedHashMap<>(conf);
            if (!loader.getOptions(null, main, true)) {
                return null;
            }
            loader.convertToProtocol(false);
            return loader.getConfigStream();
        } catch (ConfigException | IllegalArgumentException e) {
            log("fail2ban", "ERROR", "Failed during configuration: " + e.getMessage());
            return null;
        }
    }

    /**
     * Upstream's {@code --pname} ({@code prctl_set_th_name}): the process's name as {@code ps}, {@code pgrep} and
     * {@code /proc/<pid>/comm} show it, {@code fail2ban-server} by default, silently cut to 15 bytes. Upstream names
     * its main thread, which in Python is the process's first thread; the JVM runs {@code main} on another thread,
     * so the first thread's name is written through {@code /proc/self/comm} (allowed within one process). Nothing
     * happens where that file does not exist.
     */
    static void setProcessName(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        Path comm = Path.of("/proc/self/comm");
        if (!Files.isWritable(comm)) {
            return;
        }
        try {
            Files.write(comm, java.util.Arrays.copyOf(b, Math.min(b.length, 15)));
        } catch (IOException e) {
            // as upstream: the name is a convenience, a failure to set it is ignored
        }
    }

    private int runForeground(Path socket, Path pidFile, List<List<Object>> stream) {
        // upstream Server.start: only the owner may read what the server creates (socket, pid file, database, logs)
        try {
            jnr.posix.POSIXFactory.getPOSIX().umask(0077);
        } catch (RuntimeException | LinkageError e) {
            log("fail2ban", "WARNING", "Unable to set the umask to 077: " + e);
        }
        setProcessName(String.valueOf(conf.getOrDefault("pname", "fail2ban-server")));
        InstantSource clock = InstantSource.system();
        Logging logging;
        try {
            logging = Logging.builder(clock, zone, Version.FAIL2BAN_VERSION).install();
        } catch (IllegalStateException e) {
            log("fail2ban", "ERROR", e.getMessage());
            return 255;
        }
        logging.setVerbose(verbose);
        logging.setSyslogSocket(String.valueOf(conf.get("syslogsocket")));
        try {
            logging.setLevel(String.valueOf(conf.get("loglevel")));
        } catch (IllegalArgumentException e) {
            log("fail2ban", "ERROR", e.getMessage());
            return 255;
        }
        logging.setTarget(String.valueOf(conf.get("logtarget")));
        Logger log = LoggerFactory.getLogger("fail2ban.server");

        SystemDnsResolver system = new SystemDnsResolver();
        CachingDnsResolver dns = new CachingDnsResolver(system, clock);
        ProcessCommandRunner runner = new ProcessCommandRunner(true);
        JailEnvironment env = JailEnvironment.of(clock, zone, LogSourceFactories.standard("journalctl", System.getenv()),
                dns, runner).withTxtLookup(new JndiTxtLookup(Duration.ofSeconds(5)))
                .withLocaleEncoding(System.getProperty("native.encoding", "UTF-8"));
        Server server = new Server(new Jails(env), logging, file -> SqliteBanStore.open(file, clock), clock,
                dns::clear);
        installSignals(server, logging, log);

        boolean[] configured = {true};
        Runnable onStart = stream == null ? null : () -> {
            ControlReply r = server.handler().handle(List.of("server-stream", stream));
            if (r instanceof ControlReply.Ok) {
                r = server.handler().handle(new ControlCommand.ServerStatus());
            }
            if (r instanceof ControlReply.Ok ok) {
                out.println(ok.value());
                out.flush();
            } else {
                String why = r instanceof ControlReply.Failure f ? f.error().message() : String.valueOf(r.toWire());
                log.error("NOK: {}", why);
                configured[0] = false;
                server.quit();
            }
        };
        try {
            server.run(socket, pidFile, Boolean.TRUE.equals(conf.get("force")), onStart);
        } catch (ServerStartException e) {
            log("fail2ban", "ERROR", "Could not start fail2ban-server: " + e.getMessage());
            logging.close();
            return 255;
        }
        logging.close();
        return configured[0] ? 0 : 255;
    }

    @SuppressWarnings("sunapi")
    private static void installSignals(Server server, Logging logging, Logger log) {
        sun.misc.SignalHandler stop = s -> {
            log.debug("Caught signal {}. Exiting", s.getNumber());
            Thread t = new Thread(server::quit, "f2b/signal");
            t.start();
        };
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), stop);
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> {
                log.debug("Caught signal {}. Flushing logs", s.getNumber());
                try {
                    logging.flush();
                } catch (IOException e) {
                    log.error("Flushing the logs failed: {}", e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            log.warn("SIGUSR1 cannot be handled by this JVM ({}); use 'fail2ban-client flushlogs'", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ background

    /**
     * The property by which {@code bin/launch} names {@code bin/fail2ban-server} to the client's JVM: a server that
     * the client starts in the background then runs with the server's JVM settings (compilers, collector, stack
     * size), not with the short-lived client's.
     */
    public static final String SERVER_LAUNCHER = "fail2ban4j.server.launcher";

    /**
     * Upstream {@code Server.__createDaemon}: the JVM cannot fork, so the server is started again in the foreground
     * mode in a new session, detached from the terminal, and this process waits until its socket answers. It is
     * started through the launcher named by {@value #SERVER_LAUNCHER} when there is one (the client started by
     * {@code bin/fail2ban-client}), else as a copy of this JVM's command line.
     */
    private int startDetached(List<String> args, Path socket) {
        List<String> cmd = new ArrayList<>();
        Optional<String> setsid = findOnPath("setsid");
        setsid.ifPresent(cmd::add);
        Optional<Path> launcher = ServerExec.launcher();
        if (launcher.isPresent()) {
            cmd.add(launcher.get().toString());
        } else {
            cmd.add(ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Fail2banServerMain.class.getName());
        }
        cmd.addAll(args);
        cmd.add("-f");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            log("fail2ban", "ERROR", "Could not start the server in the background: " + e.getMessage());
            return 255;
        }
        double timeout = ((Number) conf.get("timeout")).doubleValue();
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        long wait = 10;
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                log("fail2ban", "ERROR", "Server in background exited with status " + child.exitValue());
                return 255;
            }
            if (Files.exists(socket) && answersPing(socket)) {
                // as upstream's start: the server's status is the last word ("Server ready")
                try (ControlSocketClient c = ControlSocketClient.connect(socket, Duration.ofSeconds(5))) {
                    ControlReply r = c.send(List.of("server-status"));
                    if (r instanceof ControlReply.Ok) {
                        out.println(new StatusFormatter(true).format(List.of("server-status"),
                                ((ControlReply.Ok) r).value()));
                    }
                } catch (IOException e) {
                    log("fail2ban", "ERROR", "Server started but does not answer: " + e.getMessage());
                    return 255;
                }
                return 0;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 255;
            }
            wait = Math.min(wait * 2, 200);
        }
        log("fail2ban", "ERROR", "Failed to start server (no answer on " + socket + " within " + timeout + " s)");
        return 255;
    }

    private static boolean answersPing(Path socket) {
        try (ControlSocketClient c = ControlSocketClient.connect(socket, Duration.ofSeconds(1))) {
            return c.send(new ControlCommand.Ping()) instanceof ControlReply.Ok;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
