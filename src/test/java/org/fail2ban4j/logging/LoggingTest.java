package org.fail2ban4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.fail2ban4j.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * {@link Logging}: levels and targets as {@code server.py} sets them, with a fixed clock (upstream's test "now",
 * 2005-08-14 12:00:00 CET), process 4242, and standard output and error captured. Expected texts follow what Python
 * fail2ban's {@code Server.setLogTarget} writes for the same calls.
 */
class LoggingTest {
    static final String NOW = "2005-08-14 12:00:00,000 ";
    static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");
    static final Marker MSG = MarkerFactory.getMarker("MSG");
    static final Marker CRITICAL = MarkerFactory.getMarker("CRITICAL");
    static final Marker LEVEL9 = MarkerFactory.getMarker("#09-Lev.");

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Logging logging = Logging.builder(clock, ZoneId.of("CET"), "1.1.1").pid(4242).stdout(out)
            .stderr(new PrintStream(err, true, StandardCharsets.UTF_8)).journalSocket(Path.of("/nonexistent/journal"))
            .autoSyslogSocket("/nonexistent/log").build();
    final Logger actions = logging.logger("fail2ban.actions");

    @AfterEach
    void close() {
        logging.close();
    }

    String out() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    String err() {
        String s = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return s;
    }

    // ---- line format and levels --------------------------------------------------------------------------------

    @Test
    void banLineAsUpstream() {
        assertTrue(logging.setTarget("STDOUT"));
        logging.setLevel("INFO");
        actions.info(NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
        clock.advance(Duration.ofMillis(1234));
        logging.logger("fail2ban.filter").info("[{}] Found {} - {}", "sshd", "1.2.3.4", "2005-08-14 12:00:01");
        assertEquals(NOW + "fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4\n"
                + "2005-08-14 12:00:01,234 fail2ban.filter         [4242]: INFO    [sshd] Found 1.2.3.4 - "
                + "2005-08-14 12:00:01\n", out());
    }

    @Test
    void everyLevelName() {
        logging.setTarget("STDOUT");
        logging.setLevel("HEAVYDEBUG");
        Logger u = logging.logger("fail2ban.utils");
        u.error(CRITICAL, "c");
        u.error("e");
        u.warn("w");
        u.info(NOTICE, "n");
        u.info("i");
        u.info(MSG, "m");
        u.debug("d");
        u.trace(LEVEL9, "9");
        u.trace("t");
        u.trace(MarkerFactory.getMarker("HEAVYDEBUG"), "h");
        String prefix = NOW + "fail2ban.utils          [4242]: ";
        assertEquals(String.join("", prefix + "CRITICAL c\n", prefix + "ERROR   e\n", prefix + "WARNING w\n",
                prefix + "NOTICE  n\n", prefix + "INFO    i\n", prefix + "MSG     m\n", prefix + "DEBUG   d\n",
                prefix + "#09-Lev. 9\n", prefix + "TRACE   t\n", prefix + "HEAVY   h\n"), out());
    }

    /** Which calls pass at which configured level (upstream: a record passes if its level >= the logger's). */
    @ParameterizedTest(name = "loglevel {0}: {1} {2}")
    @CsvSource({
        "CRITICAL, ERROR, CRITICAL, true", "CRITICAL, ERROR, , false",
        "ERROR, ERROR, , true", "ERROR, WARN, , false",
        "WARNING, WARN, , true", "WARNING, INFO, NOTICE, false",
        "NOTICE, INFO, NOTICE, true", "NOTICE, INFO, , false", "NOTICE, INFO, MSG, false",
        "INFO, INFO, , true", "INFO, INFO, MSG, false", "INFO, DEBUG, , false",
        "MSG, INFO, MSG, true", "MSG, DEBUG, , false",
        "DEBUG, DEBUG, , true", "DEBUG, TRACE, #09-Lev., false", "DEBUG, TRACE, , false",
        "9, TRACE, #09-Lev., true", "9, TRACE, , false",
        "TRACEDEBUG, TRACE, , true", "TRACEDEBUG, TRACE, HEAVYDEBUG, false",
        "HEAVYDEBUG, TRACE, HEAVYDEBUG, true",
        "NOTSET, WARN, , true", "NOTSET, INFO, NOTICE, false",
        "notice, INFO, NOTICE, true", "25, INFO, , false",
    })
    void thresholds(String level, String slf4j, String marker, boolean passes) {
        logging.setTarget("SYSOUT");
        logging.setLevel(level);
        Marker m = marker == null ? null : MarkerFactory.getMarker(marker);
        boolean enabled;
        switch (slf4j) {
            case "ERROR": enabled = m == null ? actions.isErrorEnabled() : actions.isErrorEnabled(m);
                actions.error(m, "x");
                break;
            case "WARN": enabled = m == null ? actions.isWarnEnabled() : actions.isWarnEnabled(m);
                actions.warn(m, "x");
                break;
            case "INFO": enabled = m == null ? actions.isInfoEnabled() : actions.isInfoEnabled(m);
                actions.info(m, "x");
                break;
            case "DEBUG": enabled = m == null ? actions.isDebugEnabled() : actions.isDebugEnabled(m);
                actions.debug(m, "x");
                break;
            default: enabled = m == null ? actions.isTraceEnabled() : actions.isTraceEnabled(m);
                actions.trace(m, "x");
                break;
        }
        assertEquals(passes, enabled);
        assertEquals(passes, !out().isEmpty());
    }

    @Test
    void levelChangesAtRunTime() {
        logging.setTarget("SYSOUT");
        logging.setLevel("NOTICE");
        actions.info("not yet");
        actions.info(NOTICE, "notice");
        logging.setLevel("debug");
        assertEquals(present("DEBUG"), logging.level());
        assertEquals(10, logging.threshold());
        actions.debug("now");
        logging.setLevel("ERROR");
        actions.warn("no more");
        assertEquals("fail2ban.actions        [4242]: NOTICE  notice\n"
                + "fail2ban.actions        [4242]: DEBUG   now\n", out());
    }

    private static java.util.Optional<String> present(String s) {
        return java.util.Optional.of(s);
    }

    @Test
    void invalidLevelKeepsTheOldOne() {
        logging.setLevel("INFO");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> logging.setLevel("verbose"));
        assertEquals("Invalid log level 'VERBOSE'", e.getMessage());
        assertEquals(present("INFO"), logging.level());
        assertEquals(20, logging.threshold());
    }

    @Test
    void fluentApiUsesMarkersToo() {
        logging.setTarget("SYSOUT");
        logging.setLevel("INFO");
        actions.atInfo().addMarker(NOTICE).setMessage("[{}] Ban {}").addArgument("sshd").addArgument("1.2.3.4")
                .log();
        actions.atInfo().addMarker(MSG).log("hidden");
        assertEquals("fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4\n", out());
    }

    @Test
    void exceptionsFollowTheLine() {
        logging.setTarget("SYSOUT");
        actions.error("Failed to execute ban jail '{}' action '{}'", "sshd", "iptables",
                new IllegalStateException("boom"));
        String s = out();
        assertTrue(s.startsWith("fail2ban.actions        [4242]: ERROR   Failed to execute ban jail 'sshd' action "
                + "'iptables'\njava.lang.IllegalStateException: boom\n\tat "), s);
    }

    // ---- stream targets and options --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "STDOUT|out|2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  x",
        "stdout|out|2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  x",
        "SYSOUT|out|fail2ban.actions        [4242]: NOTICE  x",
        "STDERR|err|2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  x",
        "STDOUT[datetime=off, padding=off]|out|fail2ban.actions[4242]: NOTICE x",
        "SYSOUT[datetime=yes]|out|2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  x",
        "STDERR[format=\"%(levelname)s: %(message)s\"]|err|NOTICE: x",
        "STDOUT[format='%(name)s, %(message)r']|out|fail2ban.actions, 'x'",
    })
    void streamTargetsAndOptions(String target, String stream, String line) {
        logging.setLevel("INFO");
        assertTrue(logging.setTarget(target));
        actions.info(NOTICE, "x");
        assertEquals(line + "\n", stream.equals("out") ? out() : err());
    }

    @Test
    void targetChangeIsAnnouncedOnTheNewTarget() {
        logging.setLevel("INFO");
        assertTrue(logging.setTarget("STDERR"));
        assertEquals("", err(), "no messages for the first target");
        assertTrue(logging.setTarget("SYSOUT"));
        assertEquals("", err());
        assertEquals("fail2ban.server         [4242]: INFO    Start Fail2ban v1.1.1\n"
                + "fail2ban.server         [4242]: INFO    Changed logging target to SYSOUT for Fail2ban v1.1.1\n",
                out());
        assertTrue(logging.setTarget("SYSOUT[padding=off]"), "the same target (without options) changes nothing");
        assertEquals("", out());
        assertEquals(present("SYSOUT"), logging.target());
    }

    @Test
    void invalidFormatChangesNothing() {
        logging.setTarget("SYSOUT");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> logging.setTarget("STDERR[format=\"%(nope)s\"]"));
        assertEquals("Invalid log format '%(nope)s': unknown field 'nope' at index 0", e.getMessage());
        assertEquals(present("SYSOUT"), logging.target());
        actions.warn("still here");
        assertEquals("fail2ban.actions        [4242]: WARNING still here\n", out());
    }

    @Test
    void malformedOptionsAreRefused() {
        assertEquals("expected option, wrong syntax at 0: =1", assertThrows(IllegalArgumentException.class,
                () -> logging.setTarget("SYSLOG[=1]")).getMessage());
    }

    @Test
    void inheritedKeepsTheOutput() {
        logging.setTarget("SYSOUT");
        assertTrue(logging.setTarget("INHERITED"));
        assertEquals(present("INHERITED"), logging.target());
        actions.warn("w");
        assertEquals("fail2ban.actions        [4242]: WARNING w\n", out());
    }

    @Test
    void verbosityFromTheServerOptions() {
        logging.setLevel("INFO");
        logging.setVerbose(3);
        clock.advance(Duration.ofMillis(1500));
        logging.setTarget("STDOUT");
        actions.info("v");
        String tid = Long.toHexString(Thread.currentThread().getId()).toUpperCase(Locale.ROOT);
        assertEquals(" 2005-08-14 12:00:01,500 " + tid + " INFO  v\n", out(), "verbosity 3: upstream's format 2");
    }

    @Test
    void verbosityFromADeepLevel() {
        logging.setLevel("TRACEDEBUG");
        logging.setTarget("SYSOUT");
        actions.info("v");
        String tid = Long.toHexString(Thread.currentThread().getId()).toUpperCase(Locale.ROOT);
        assertEquals(" +    0 " + tid + " fail2ban.actions          INFO  v\n", out(), "7: verbose 4, format 3");
        logging.setLevel("HEAVYDEBUG");
        logging.setTarget("STDOUT");
        out();
        actions.info("v");
        assertEquals(" +    0 " + tid + " fail2ban.actions          INFO  v\n", out(),
                "verbosity stays 4 once decided, as upstream's __verbose");
        logging.setVerbose(5);
        logging.setTarget("STDERR");
        err();
        actions.info("v");
        assertEquals(" +    0 " + tid + " fail2ban.actions          INFO  |         actions-20: (unknown function)"
                + "   | v\n", err());
    }

    @Test
    void lastResortBeforeAnyTarget() {
        logging.setLevel("INFO");
        actions.info(NOTICE, "not shown");
        actions.warn("shown bare");
        actions.error("and this");
        assertEquals("shown bare\nand this\n", err());
        assertEquals("", out());
        assertEquals(java.util.Optional.empty(), logging.target());
    }

    @Test
    void closeGoesBackToLastResort() {
        logging.setTarget("SYSOUT");
        logging.close();
        actions.warn("bare");
        assertEquals("", out());
        assertEquals("bare\n", err());
    }

    // ---- files -----------------------------------------------------------------------------------------------

    @Test
    void fileTargetAppendsWithUpstreamPermissions() throws IOException {
        Path log = tmp.resolve("fail2ban.log");
        Files.writeString(log, "old line\n");
        Path reference = Files.createFile(tmp.resolve("reference"));
        logging.setLevel("INFO");
        assertTrue(logging.setTarget(log.toString()));
        actions.info(NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
        assertEquals("old line\n" + NOW + "fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4\n",
                Files.readString(log));
        Path created = tmp.resolve("new.log");
        assertTrue(logging.setTarget(created.toString()));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(created),
                "a new log file gets 0666 less the umask, as Python's open(f, 'a')");
        assertEquals(NOW + "fail2ban.server         [4242]: INFO    Start Fail2ban v1.1.1\n"
                + NOW + "fail2ban.server         [4242]: INFO    Changed logging target to " + created
                + " for Fail2ban v1.1.1\n", Files.readString(created));
    }

    @Test
    void reopenAfterLogrotate() throws IOException {
        Path log = tmp.resolve("fail2ban.log");
        Path rotated = tmp.resolve("fail2ban.log.1");
        logging.setLevel("INFO");
        logging.setTarget(log.toString());
        actions.info(NOTICE, "before");
        Files.move(log, rotated);
        actions.info(NOTICE, "still into the moved file");
        assertEquals("rolled over", logging.flush());
        actions.info(NOTICE, "after");
        String p = NOW + "fail2ban.actions        [4242]: NOTICE  ";
        assertEquals(p + "before\n" + p + "still into the moved file\n", Files.readString(rotated));
        assertEquals(NOW + "fail2ban.server         [4242]: INFO    rollover performed on " + log + "\n"
                + p + "after\n", Files.readString(log));
    }

    @Test
    void reopenFailureIsReportedAndRetried() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("logs"));
        Path log = dir.resolve("fail2ban.log");
        logging.setTarget(log.toString());
        Files.delete(log);
        Files.delete(dir);
        assertThrows(IOException.class, logging::flush);
        actions.warn("lost");
        assertTrue(err().startsWith("--- Logging error ---\njava.nio.file.NoSuchFileException: " + log), "reported");
        Files.createDirectory(dir);
        actions.warn("back");
        assertEquals(NOW + "fail2ban.actions        [4242]: WARNING back\n", Files.readString(log));
    }

    @Test
    void unusableFileKeepsThePreviousTarget() {
        logging.setLevel("INFO");
        logging.setTarget("SYSOUT");
        Path bad = tmp.resolve("missing-dir").resolve("x.log");
        assertFalse(logging.setTarget(bad.toString()));
        assertFalse(logging.setTarget(tmp.toString()), "a directory");
        assertEquals("fail2ban.server         [4242]: ERROR   Unable to log to '" + bad + "'\n"
                + "fail2ban.server         [4242]: INFO    Logging to previous target 'SYSOUT'\n"
                + "fail2ban.server         [4242]: ERROR   Unable to log to '" + tmp + "'\n"
                + "fail2ban.server         [4242]: INFO    Logging to previous target 'SYSOUT'\n", out());
        assertEquals(present("SYSOUT"), logging.target());
    }

    @ParameterizedTest
    @CsvSource({"STDOUT, flushed, flush performed on STDOUT", "STDERR, flushed, flush performed on STDERR",
        "SYSOUT, rolled over, flush performed on SYSOUT", "stdout, rolled over, flush performed on stdout"})
    void flushAnswers(String target, String answer, String message) throws IOException {
        logging.setLevel("INFO");
        logging.setTarget(target);
        assertEquals(answer, logging.flush());
        String logged = target.equals("STDERR") ? err() : out();
        assertTrue(logged.endsWith(message + "\n"), logged);
    }

    @Test
    void flushWithoutTarget() throws IOException {
        logging.setLevel("INFO");
        assertEquals("rolled over", logging.flush());
        assertEquals("", out() + err());
    }

    // ---- syslog ----------------------------------------------------------------------------------------------

    /** A syslog daemon's datagram socket, bound by the test; reads what was sent without waiting. */
    static final class DatagramServer implements AutoCloseable {
        final Path path;
        final UnixDatagramChannel channel;

        DatagramServer(Path path) throws IOException {
            this.path = path;
            this.channel = UnixDatagramChannel.open();
            channel.bind(new UnixSocketAddress(path.toFile()));
            channel.configureBlocking(false);
        }

        /** The datagrams sent so far. */
        List<String> received() throws IOException {
            List<String> got = new java.util.ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (true) {
                buf.clear();
                try {
                    channel.receive(buf);
                } catch (IOException e) {
                    return got;
                }
                buf.flip();
                if (!buf.hasRemaining()) {
                    return got;
                }
                got.add(StandardCharsets.UTF_8.decode(buf).toString());
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void syslogDatagramsAsUpstream() throws IOException {
        try (DatagramServer syslog = new DatagramServer(tmp.resolve("log"))) {
            logging.setLevel("HEAVYDEBUG");
            logging.setVerbose(1);
            assertTrue(logging.setTarget("SYSLOG", syslog.path.toString()));
            actions.info(NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
            actions.error(CRITICAL, "c");
            actions.error("e");
            actions.warn("w");
            actions.info("i");
            actions.info(MSG, "m");
            actions.debug("d");
            actions.trace(LEVEL9, "9");
            actions.trace("t");
            actions.trace(MarkerFactory.getMarker("HEAVYDEBUG"), "h");
            String p = "fail2ban.actions[4242]: ";
            assertEquals(List.of("<29>" + p + "NOTICE [sshd] Ban 1.2.3.4\0", "<26>" + p + "CRITICAL c\0",
                    "<27>" + p + "ERROR e\0", "<28>" + p + "WARNING w\0", "<30>" + p + "INFO i\0",
                    "<28>" + p + "MSG m\0", "<31>" + p + "DEBUG d\0", "<28>" + p + "#09-Lev. 9\0",
                    "<28>" + p + "TRACE t\0", "<28>" + p + "HEAVY h\0"), syslog.received());
        }
    }

    @Test
    void syslogFacilityAndPaddingOptions() throws IOException {
        try (DatagramServer syslog = new DatagramServer(tmp.resolve("log"))) {
            logging.setLevel("INFO");
            logging.setSyslogSocket(syslog.path.toString());
            logging.setTarget("STDOUT");
            assertTrue(logging.setTarget("SYSLOG[padding=1, facility=local7]"));
            actions.info(NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
            assertEquals(List.of("<190>fail2ban.server         [4242]: INFO    Start Fail2ban v1.1.1\0",
                    "<190>fail2ban.server         [4242]: INFO    Changed logging target to SYSLOG (" + syslog.path
                    + ") for Fail2ban v1.1.1\0",
                    "<189>fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4\0"), syslog.received());
            logging.setTarget("SYSOUT");
            out();
            assertTrue(logging.setTarget("SYSLOG[facility=nope]"));
            assertEquals("fail2ban.server         [4242]: ERROR   Unable to set facility 'nope', using 'DAEMON'\n",
                    out());
            actions.info(NOTICE, "x");
            List<String> got = syslog.received();
            assertEquals("<29>fail2ban.actions[4242]: NOTICE x\0", got.get(got.size() - 1));
        }
    }

    @Test
    void syslogAutoSocket() throws IOException {
        try (DatagramServer syslog = new DatagramServer(tmp.resolve("devlog"))) {
            Logging l = Logging.builder(clock, ZoneId.of("CET"), "1.1.1").pid(1).stdout(out)
                    .autoSyslogSocket(syslog.path.toString()).build();
            assertTrue(l.setTarget("SYSLOG", "auto"));
            assertEquals(present(syslog.path.toString()), l.syslogSocket());
            l.logger("fail2ban.jail").warn("w");
            assertEquals(List.of("<28>fail2ban.jail[1]: WARNING w\0"), syslog.received());
            l.close();
        }
    }

    @Test
    void syslogSocketMustBeASocket() throws IOException {
        Path file = Files.createFile(tmp.resolve("not-a-socket"));
        logging.setTarget("SYSOUT");
        assertFalse(logging.setTarget("SYSLOG", file.toString()));
        assertFalse(logging.setTarget("SYSLOG", "auto"));
        assertEquals("fail2ban.server         [4242]: ERROR   Syslog socket file: " + file
                + " does not exists or is not a socket\n"
                + "fail2ban.server         [4242]: ERROR   Syslog socket file: /nonexistent/log"
                + " does not exists or is not a socket\n", out());
        assertEquals(present("SYSOUT"), logging.target());
    }

    @Test
    void newSyslogSocketReconnects() throws IOException {
        try (DatagramServer first = new DatagramServer(tmp.resolve("a"));
                DatagramServer second = new DatagramServer(tmp.resolve("b"))) {
            logging.setTarget("SYSLOG[facility=user]", first.path.toString());
            actions.warn("one");
            assertTrue(logging.setSyslogSocket(second.path.toString()));
            actions.warn("two");
            assertEquals(List.of("<12>fail2ban.actions[4242]: WARNING one\0"), first.received());
            assertEquals(List.of("<12>fail2ban.actions[4242]: WARNING two\0"), second.received());
            assertFalse(logging.setSyslogSocket(tmp.resolve("missing").toString()));
            assertEquals(present(second.path.toString()), logging.syslogSocket());
        }
    }

    @Test
    void syslogGoneIsALoggingError() throws IOException {
        Path path;
        try (DatagramServer syslog = new DatagramServer(tmp.resolve("log"))) {
            path = syslog.path;
            logging.setTarget("SYSLOG", path.toString());
        }
        Files.delete(path);
        actions.warn("it's lost");
        String e = err();
        assertTrue(e.startsWith("--- Logging error ---\njava.io.IOException: "), e);
        assertTrue(e.endsWith("Logged to: SYSLOG (" + path + ")\nMessage: \"it's lost\"\n"), e);
    }

    @Test
    void syslogOnAStreamSocket() throws IOException {
        Path path = tmp.resolve("stream-log");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(path));
            logging.setTarget("SYSLOG", path.toString());
            actions.warn("one");
            actions.warn("two");
            try (java.nio.channels.SocketChannel peer = server.accept()) {
                String want = "<28>fail2ban.actions[4242]: WARNING one\0<28>fail2ban.actions[4242]: WARNING two\0";
                ByteBuffer buf = ByteBuffer.allocate(want.length());
                while (buf.hasRemaining() && peer.read(buf) >= 0) {
                    continue;
                }
                assertEquals(want, new String(buf.array(), StandardCharsets.UTF_8));
            }
        }
    }

    // ---- journal ---------------------------------------------------------------------------------------------

    @Test
    void journalNativeProtocol() throws IOException {
        try (DatagramServer journal = new DatagramServer(tmp.resolve("journal"))) {
            Logging l = Logging.builder(clock, ZoneId.of("CET"), "1.1.1").pid(4242).stdout(out)
                    .journalSocket(journal.path).build();
            l.setLevel("INFO");
            assertTrue(l.setTarget("SYSTEMD-JOURNAL"));
            Logger a = l.logger("fail2ban.actions");
            a.info(NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
            a.warn("two\nlines");
            String thread = Thread.currentThread().getName();
            assertEquals(List.of(
                    "MESSAGE=[sshd] Ban 1.2.3.4\nPRIORITY=4\nLOGGER=fail2ban.actions\nTHREAD_NAME=" + thread
                        + "\nSYSLOG_IDENTIFIER=fail2ban\n",
                    "MESSAGE\n\u0009\0\0\0\0\0\0\0two\nlines\nPRIORITY=4\nLOGGER=fail2ban.actions\nTHREAD_NAME="
                        + thread + "\nSYSLOG_IDENTIFIER=fail2ban\n"), journal.received());
            l.setTarget("STDOUT");
            assertTrue(l.setTarget("systemd-journal"), "not the exact name: upstream formats the message");
            a.info(NOTICE, "x");
            List<String> got = journal.received();
            assertTrue(got.get(got.size() - 1).startsWith("MESSAGE=" + NOW
                    + "fail2ban.actions        [4242]: NOTICE  x\nPRIORITY=4\n"), got.toString());
            l.close();
        }
    }

    @Test
    void journalMissing() {
        logging.setTarget("SYSOUT");
        assertFalse(logging.setTarget("SYSTEMD-JOURNAL"));
        assertEquals("fail2ban.server         [4242]: ERROR   Unable to log to the systemd journal: "
                + "/nonexistent/journal does not exist or is not a socket\n", out());
    }
}
