package org.fail2ban4j.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of the logging part of {@code fail2ban/server/server.py} ({@code setLogLevel}, {@code setLogTarget},
 * {@code setSyslogSocket}, {@code flushLogs}, and their getters): the daemon's control over its log output. The
 * composition root builds one with the system clock and {@link Builder#install() installs} it, which binds it to the
 * slf4j provider every {@code LoggerFactory.getLogger(...)} logger writes through; tests {@link Builder#build() build}
 * a private one and take their loggers from {@link #logger(String)}.
 *
 * <p>Targets: a file name, {@code STDOUT}, {@code STDERR}, {@code SYSOUT} (standard output without time, for a
 * service manager that adds its own), {@code SYSLOG} (the syslog socket, default {@code auto} = {@code /dev/log}),
 * {@code SYSTEMD-JOURNAL} (the journal's native socket) and {@code INHERITED} (keep the current output), each with
 * optional {@code [format=..., datetime=on|off, padding=on|off, facility=...]} as upstream. Upper-case names are
 * matched case-insensitively; anything else is a file.
 *
 * <p>Differences from upstream, on purpose: a format Python could not apply is refused before anything changes
 * (upstream fails on every line); {@code SYSTEMD-JOURNAL} is refused with an error when the journal socket is missing
 * (upstream drops every line); a new syslog socket while logging to {@code SYSLOG} reconnects (upstream's
 * {@code setLogTarget} returns early because the target name did not change); one threshold covers every logger,
 * not only those under {@code fail2ban}.
 *
 * <p>Thread-safe: configuration calls are serialised, logging never waits for them.
 */
public final class Logging {
    /** Upstream's {@code DEF_SYSLOGSOCKET}. */
    public static final String AUTO_SYSLOG_SOCKET = "auto";
    /** What {@code auto} means on Linux ({@code server.py:__autoSyslogSocketPaths}). */
    public static final String LINUX_SYSLOG_SOCKET = "/dev/log";
    /** The journal's native protocol socket. */
    public static final Path JOURNAL_SOCKET = Path.of("/run/systemd/journal/socket");

    /** {@code SysLogHandler.LOG_*}: the names {@code facility=} accepts (upstream looks them up with getattr). */
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("KERN", 0), Map.entry("USER", 1), Map.entry("MAIL", 2), Map.entry("DAEMON", 3),
            Map.entry("AUTH", 4), Map.entry("SYSLOG", 5), Map.entry("LPR", 6), Map.entry("NEWS", 7),
            Map.entry("UUCP", 8), Map.entry("CRON", 9), Map.entry("AUTHPRIV", 10), Map.entry("FTP", 11),
            Map.entry("NTP", 12), Map.entry("SECURITY", 13), Map.entry("CONSOLE", 14), Map.entry("SOLCRON", 15),
            Map.entry("LOCAL0", 16), Map.entry("LOCAL1", 17), Map.entry("LOCAL2", 18), Map.entry("LOCAL3", 19),
            Map.entry("LOCAL4", 20), Map.entry("LOCAL5", 21), Map.entry("LOCAL6", 22), Map.entry("LOCAL7", 23),
            Map.entry("EMERG", 0), Map.entry("ALERT", 1), Map.entry("CRIT", 2), Map.entry("ERR", 3),
            Map.entry("WARNING", 4), Map.entry("NOTICE", 5), Map.entry("INFO", 6), Map.entry("DEBUG", 7));
    private static final int DAEMON = 3;

    private final LogSink sink;
    private final F2bLoggerFactory loggers;
    private final ZoneId zone;
    private final long pid;
    private final String version;
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final String autoSyslogSocket;
    private final Path journalSocket;
    private final Instant start;

    private String level;
    private String target;
    private String targetSpec;
    private String syslogSocket;
    private Integer verbose;

    private Logging(Builder b, F2bLoggerFactory loggers) {
        this.loggers = loggers;
        this.sink = loggers.sink();
        this.zone = b.zone;
        this.pid = b.pid;
        this.version = b.version;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.autoSyslogSocket = b.autoSyslogSocket;
        this.journalSocket = b.journalSocket;
        this.start = b.clock.instant();
        sink.clock(b.clock);
    }

    /**
     * A builder with the clock log lines are stamped with, the zone their time is written in, and the version the
     * target-change messages name ({@code Changed logging target to ... for Fail2ban v1.1.1}).
     */
    public static Builder builder(InstantSource clock, ZoneId zone, String version) {
        return new Builder(clock, zone, version);
    }

    /** A logger of this setup under an upstream name ({@link F2bLoggers}). */
    public Logger logger(String name) {
        return loggers.getLogger(Objects.requireNonNull(name, "name"));
    }

    // ---- level ------------------------------------------------------------------------------------------------

    /**
     * Port of {@code Server.setLogLevel}: sets the threshold, at once for every logger ({@code CRITICAL},
     * {@code ERROR}, {@code WARNING}, {@code NOTICE}, {@code INFO}, {@code MSG}, {@code DEBUG}, {@code TRACEDEBUG},
     * {@code HEAVYDEBUG}, a number; any case; {@code NOTSET}/0 means WARNING as in Python).
     *
     * @throws IllegalArgumentException {@code Invalid log level 'X'}
     */
    public synchronized void setLevel(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        if (v.equals(level)) {
            return;
        }
        sink.threshold(LogLevel.effective(LogLevel.parse(v)));
        level = v;
    }

    /** Port of {@code Server.getLogLevel}: the level as set (upper-cased), empty before the first. */
    public synchronized Optional<String> level() {
        return Optional.ofNullable(level);
    }

    /** The numeric threshold in force (WARNING before any level is set). */
    public int threshold() {
        return sink.threshold();
    }

    /**
     * The daemon's verbosity ({@code fail2ban-server -v...}; 1 by default there): above 2 the next target gets
     * upstream's verbose line format ({@link LogLineFormat#verbosityFormat}). Left unset, a level of DEBUG or lower
     * at the next target change decides it, as upstream.
     */
    public synchronized void setVerbose(int value) {
        verbose = value;
    }

    // ---- target -----------------------------------------------------------------------------------------------

    /** Sets the syslog socket, then the target (as the daemon start does with its settings). */
    public synchronized boolean setTarget(String target, String syslogSocket) {
        setSyslogSocket(syslogSocket);
        return setTarget(target);
    }

    /**
     * Port of {@code Server.setLogTarget}. Logs upstream's errors under {@code fail2ban.server} to the current target
     * and returns false when the new one cannot be used ({@code Unable to log to '/x/y.log'} and
     * {@code Logging to previous target ...}; {@code Syslog socket file: /dev/log does not exists or is not a
     * socket}); an unknown facility falls back to daemon with an error. After a change from an earlier target it
     * logs {@code Start Fail2ban v...} and {@code Changed logging target to ... for Fail2ban v...}.
     *
     * @throws IllegalArgumentException for a malformed {@code target[options]} or an invalid {@code format} option
     */
    public synchronized boolean setTarget(String value) {
        TargetSpec spec = TargetSpec.parse(value);
        String name = spec.target();
        if (name.equals(target)) {
            return true;
        }
        return retarget(value, spec);
    }

    private boolean retarget(String value, TargetSpec spec) {
        String name = spec.target();
        String sys = name.toUpperCase(Locale.ROOT);
        if (sys.equals("INHERITED")) {
            target = name;
            targetSpec = value;
            return true;
        }
        Map<String, String> opts = spec.options();
        String padding = opts.get("padding");
        if (sys.equals("SYSLOG") && padding == null) {
            padding = "0";
        }
        String datetime = opts.get("datetime");
        boolean addTime = datetime != null ? asBool(datetime) : !sys.equals("SYSLOG") && !sys.equals("SYSOUT");
        Integer verbosity = verbose;
        if (verbosity == null && sink.threshold() <= LogLevel.DEBUG) {
            verbosity = LogLevel.DEBUG - sink.threshold() + 1;
        }
        String fmt = opts.getOrDefault("format", "");
        if (fmt.isEmpty()) {
            fmt = LogLineFormat.verbosityFormat(verbosity != null && verbosity > 2 ? verbosity - 1 : 0, addTime,
                    padding == null || asBool(padding));
        }
        if (name.equals("SYSTEMD-JOURNAL")) {
            fmt = LogLineFormat.MESSAGE_FORMAT;
        }
        LogLineFormat format = LogLineFormat.compile(fmt, zone, pid, start);
        LogTarget next;
        switch (sys) {
            case "SYSTEMD-JOURNAL":
                if (!isSocket(journalSocket.toString())) {
                    error("Unable to log to the systemd journal: " + journalSocket
                            + " does not exist or is not a socket");
                    return false;
                }
                next = LogTarget.journal(journalSocket, format, stderr);
                break;
            case "SYSLOG":
                String facName = opts.getOrDefault("facility", "DAEMON").toUpperCase(Locale.ROOT);
                Integer facility = FACILITIES.get(facName);
                if (facility == null) {
                    error("Unable to set facility " + PyStr.repr(opts.get("facility")) + ", using 'DAEMON'");
                    facility = DAEMON;
                }
                if (AUTO_SYSLOG_SOCKET.equals(syslogSocket)) {
                    syslogSocket = autoSyslogSocket;
                }
                if (syslogSocket == null || !isSocket(syslogSocket)) {
                    error("Syslog socket file: " + syslogSocket + " does not exists or is not a socket");
                    return false;
                }
                next = LogTarget.syslog(Path.of(syslogSocket), facility, format, stderr);
                break;
            case "STDOUT":
            case "SYSOUT":
                next = LogTarget.stream(name, stdout, format, stderr);
                break;
            case "STDERR":
                next = LogTarget.stream(name, stderr, format, stderr);
                break;
            default:
                try {
                    next = LogTarget.file(Path.of(name), format, stderr);
                } catch (IOException | InvalidPathException e) {
                    error("Unable to log to " + PyStr.repr(name));
                    info("Logging to previous target " + (target == null ? "None" : PyStr.repr(target)));
                    return false;
                }
                break;
        }
        verbose = verbosity;
        LogTarget old = sink.swap(next);
        old.close();
        if (target != null) {
            info("Start Fail2ban v" + version);
            info("Changed logging target to " + (name.equals("SYSLOG") ? name + " (" + syslogSocket + ")" : name)
                    + " for Fail2ban v" + version);
        }
        target = name;
        targetSpec = value;
        return true;
    }

    /** Port of {@code Server.getLogTarget}: the target as set (without options), empty before the first. */
    public synchronized Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /**
     * Port of {@code Server.setSyslogSocket}: {@code auto} or a socket path; while logging to {@code SYSLOG} the
     * target is set up again on the new socket.
     *
     * @return false if logging to {@code SYSLOG} and the new socket cannot be used (the old one stays)
     */
    public synchronized boolean setSyslogSocket(String socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.equals(syslogSocket)) {
            return true;
        }
        String previous = syslogSocket;
        syslogSocket = socket;
        if (!"SYSLOG".equals(target)) {
            return true;
        }
        if (retarget(targetSpec, TargetSpec.parse(targetSpec))) {
            return true;
        }
        syslogSocket = previous;
        return false;
    }

    /** Port of {@code Server.getSyslogSocket}: as set, or the path {@code auto} stood for once SYSLOG used it. */
    public synchronized Optional<String> syslogSocket() {
        return Optional.ofNullable(syslogSocket);
    }

    /**
     * Port of {@code Server.flushLogs} (the {@code flushlogs} command and SIGUSR1): a log file is reopened under its
     * name (after logrotate moved it) and {@code rollover performed on FILE} logged; other targets are flushed
     * ({@code flush performed on STDOUT}).
     *
     * @return {@code "rolled over"} unless the target is STDERR, STDOUT, SYSLOG or SYSTEMD-JOURNAL, then
     *     {@code "flushed"} (upstream's answers, SYSOUT included in the first)
     * @throws IOException if the log file cannot be opened again
     */
    public synchronized String flush() throws IOException {
        LogTarget t = sink.target();
        boolean configured = !(t instanceof LastResortTarget);
        if (target == null || !List.of("STDERR", "STDOUT", "SYSLOG", "SYSTEMD-JOURNAL").contains(target)) {
            if (configured) {
                if (t.reopen()) {
                    info("rollover performed on " + target);
                } else {
                    info("flush performed on " + target);
                }
            }
            return "rolled over";
        }
        t.flush();
        if (configured) {
            info("flush performed on " + target);
        }
        return "flushed";
    }

    /** Closes the current target; until a new one is set, WARNING and above go bare to standard error. */
    public synchronized void close() {
        sink.swap(LogSink.lastResort(() -> stderr)).close();
        target = null;
        targetSpec = null;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void error(String message) {
        sink.log(F2bLoggers.SERVER, LogLevel.ERROR, message, null);
    }

    private void info(String message) {
        sink.log(F2bLoggers.SERVER, LogLevel.INFO, message, null);
    }

    /** {@code helpers.py:_as_bool} of a string. */
    static boolean asBool(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1": case "on": case "true": case "yes":
                return true;
            default:
                return false;
        }
    }

    /** {@code os.path.exists(p) and stat.S_ISSOCK(os.stat(p).st_mode)}. */
    static boolean isSocket(String path) {
        try {
            Path p = Path.of(path);
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer && ((Integer) mode & 0170000) == 0140000;
        } catch (UnsupportedOperationException e) {
            try {
                return Files.readAttributes(Path.of(path), BasicFileAttributes.class).isOther();
            } catch (IOException | InvalidPathException e2) {
                return false;
            }
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    /** How to make a {@link Logging}. */
    public static final class Builder {
        private final InstantSource clock;
        private final ZoneId zone;
        private final String version;
        private long pid = ProcessHandle.current().pid();
        private OutputStream stdout;
        private PrintStream stderr;
        private String autoSyslogSocket = LINUX_SYSLOG_SOCKET;
        private Path journalSocket = JOURNAL_SOCKET;

        private Builder(InstantSource clock, ZoneId zone, String version) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.zone = Objects.requireNonNull(zone, "zone");
            this.version = Objects.requireNonNull(version, "version");
        }

        /** The process id lines show ({@code [1234]}); this process's by default. */
        public Builder pid(long value) {
            this.pid = value;
            return this;
        }

        /** Where {@code STDOUT} and {@code SYSOUT} write; the process's standard output by default. */
        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where {@code STDERR} writes, and logging errors go; the process's standard error by default. */
        public Builder stderr(PrintStream err) {
            this.stderr = Objects.requireNonNull(err, "err");
            return this;
        }

        /** The socket {@code syslogsocket = auto} stands for; {@code /dev/log} by default. */
        public Builder autoSyslogSocket(String path) {
            this.autoSyslogSocket = Objects.requireNonNull(path, "path");
            return this;
        }

        /** The journal's socket; {@code /run/systemd/journal/socket} by default. */
        public Builder journalSocket(Path path) {
            this.journalSocket = Objects.requireNonNull(path, "path");
            return this;
        }

        private void defaults() {
            if (stdout == null) {
                stdout = new FileOutputStream(FileDescriptor.out);
            }
            if (stderr == null) {
                stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            }
        }

        /** A setup of its own (its loggers come from {@link Logging#logger}); nothing global changes. */
        public Logging build() {
            defaults();
            PrintStream err = stderr;
            return new Logging(this, new F2bLoggerFactory(new LogSink(() -> err)));
        }

        /**
         * Binds to the slf4j provider, so that every {@code LoggerFactory.getLogger(name)} logger writes through the
         * returned setup.
         *
         * @throws IllegalStateException if slf4j is bound to another provider
         */
        public Logging install() {
            defaults();
            ILoggerFactory f = LoggerFactory.getILoggerFactory();
            if (!(f instanceof F2bLoggerFactory)) {
                throw new IllegalStateException("slf4j is bound to " + f.getClass().getName()
                        + ", not to fail2ban4j's provider " + F2bServiceProvider.class.getName());
            }
            return new Logging(this, (F2bLoggerFactory) f);
        }
    }
}
