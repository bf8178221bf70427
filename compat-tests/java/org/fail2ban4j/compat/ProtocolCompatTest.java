package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.client.StatusFormatter;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlCommandParser;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyText;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client side of the control protocol against the real Python {@code fail2ban-server} (Debian's 1.0.2, started
 * in the foreground on a unix socket in a temporary directory, with the upstream 1.1.1 configuration, no jail and
 * an in-memory database), and our pickles against the installed Python's {@code pickle}. Each command that leaves
 * the server unchanged is sent by {@link ControlSocketClient}, formatted by {@link StatusFormatter}, and compared
 * with what Python's {@code fail2ban-client} prints (and its exit status) for the same command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolCompatTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    private Path etc;
    private Path sock;
    private Path logfile;
    private Process server;
    private ControlSocketClient client;
    private final StatusFormatter formatter = new StatusFormatter(true);

    @BeforeAll
    void startPythonServer() throws Exception {
        etc = tmp.resolve("etc");
        Oracle.copyTree(Oracle.upstream().resolve("config"), etc);
        Files.writeString(etc.resolve("fail2ban.local"), "[Definition]\ndbfile = :memory:\n");
        sock = tmp.resolve("f2b.sock");
        logfile = tmp.resolve("test.log");
        Files.writeString(logfile, "");
        Path exe = Path.of("/usr/bin/fail2ban-server");
        assertTrue(Files.isExecutable(exe),
                "the Python oracle " + exe + " is not installed (apt-get install fail2ban)");
        server = new ProcessBuilder(exe.toString(), "-f", "-x", "-s", sock.toString(), "-p",
                tmp.resolve("f2b.pid").toString(), "--logtarget", tmp.resolve("server.log").toString(), "-c",
                etc.toString())
                .redirectOutput(tmp.resolve("server.out").toFile())
                .redirectError(tmp.resolve("server.err").toFile())
                .start();
        client = awaitServer();
    }

    /** Waits (bounded) until the server answers and has applied its configuration (the database settings). */
    private ControlSocketClient awaitServer() throws Exception {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            tmp.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                if (!server.isAlive()) {
                    fail("fail2ban-server exited with " + server.exitValue() + ": "
                            + Files.readString(tmp.resolve("server.err")));
                }
                if (Files.exists(sock)) {
                    ControlSocketClient c = null;
                    try {
                        c = ControlSocketClient.connect(sock, Duration.ofSeconds(10));
                        if (c.send(List.of("ping")).equals(ControlReply.ok("pong"))
                                && c.send(List.of("get", "dbpurgeage")).equals(ControlReply.ok(86400L))) {
                            return c;
                        }
                    } catch (IOException e) {
                        // bound but not listening yet, or still configuring
                    }
                    if (c != null) {
                        c.close();
                    }
                }
                if (System.nanoTime() > end) {
                    fail("fail2ban-server did not come up within " + START_TIMEOUT);
                }
                ws.poll(50, TimeUnit.MILLISECONDS); // a new file wakes us early
            }
        }
    }

    @AfterAll
    void stopPythonServer() throws Exception {
        try {
            if (client != null) {
                try {
                    client.send(new ControlCommand.StopServer());
                } catch (IOException e) {
                    // the server may hang up while stopping
                }
                client.close();
            }
        } finally {
            if (server != null) {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroy();
                    if (!server.waitFor(10, TimeUnit.SECONDS)) {
                        server.destroyForcibly();
                    }
                }
            }
        }
    }

    private static List<Object> w(Object... items) {
        return Arrays.asList(items);
    }

    private ControlReply send(ControlCommand c) throws IOException {
        return client.send(c);
    }

    /** Sends a typed command (parsed from its wire form first, as the server does) and checks the reply. */
    private void expect(List<Object> wire, ControlReply expected) throws IOException {
        ControlCommand c = ControlCommandParser.parse(wire);
        assertEquals(expected, send(c), "reply to " + PyText.repr(wire));
    }

    /** The jail the comparisons look at, built with the commands of a configuration stream. */
    private void addJailThroughTheStream() throws IOException {
        expect(w("add", "test", "polling"), ControlReply.ok("test"));
        expect(w("set", "test", "usedns", "no"), ControlReply.ok("no"));
        expect(w("set", "test", "addlogpath", logfile.toString(), "head"),
                ControlReply.ok(List.of(logfile.toString())));
        expect(w("multi-set", "test", "addfailregex", w("^Failed login from <HOST>$", "^Bad user \\S+ from <HOST>$")),
                ControlReply.ok(true));
        expect(w("set", "test", "addignoreregex", "^Failed login from 192\\.0\\.2\\.99$"),
                ControlReply.ok(List.of("^Failed login from 192\\.0\\.2\\.99$")));
        expect(w("set", "test", "maxretry", 3L), ControlReply.ok(3L));
        expect(w("set", "test", "maxlines", "1"), ControlReply.ok(1L));
        expect(w("set", "test", "findtime", "10m"), ControlReply.ok(600L));
        expect(w("set", "test", "bantime", "1h"), ControlReply.ok(3600L));
        expect(w("set", "test", "datepattern", "^%Y-%m-%d %H:%M:%S"),
                ControlReply.ok(PyTuple.of("^%Y-%m-%d %H:%M:%S", "^Year-Month-Day 24hour:Minute:Second")));
        expect(w("set", "test", "addignoreip", "10.0.0.0/8", "::1"), ControlReply.ok(List.of("10.0.0.0/8", "::1")));
        expect(w("set", "test", "addaction", "noop"), ControlReply.ok("noop"));
        expect(w("multi-set", "test", "action", "noop",
                w(w("actionban", ": ban <ip>"), w("actionunban", ": unban <ip>"), w("port", "ssh"))),
                ControlReply.ok(true));
        expect(w("set", "test", "action", "noop", "protocol", "tcp"), ControlReply.ok("tcp"));
        expect(w("start", "test"), ControlReply.ok(null));
    }

    /**
     * The command sequence: comparisons with Python's client, with state changes (by our client only) in between.
     * A step is either {@code List<String>} (compare) or a Runnable-like {@link Change}.
     */
    interface Change {
        void apply() throws IOException;
    }

    private List<Object> steps() {
        List<Object> s = new ArrayList<>();
        s.add(List.of("ping"));
        s.add(List.of("version"));
        s.add(List.of("server-status"));
        s.add(List.of("status"));
        s.add(List.of("get", "loglevel"));
        s.add(List.of("get", "dbfile"));
        s.add(List.of("get", "dbpurgeage"));
        s.add(List.of("get", "dbmaxmatches"));
        s.add(List.of("echo", "a", "b c"));
        s.add(List.of("banned"));
        s.add((Change) this::addJailThroughTheStream);
        s.add(List.of("status"));
        s.add(List.of("status", "test"));
        s.add(List.of("status", "test", "short"));
        for (String key : List.of("maxretry", "findtime", "bantime", "maxlines", "failregex", "ignoreregex",
                "logpath", "ignoreip", "datepattern", "usedns", "actions", "logencoding", "ignoreself",
                "ignorecommand", "maxmatches", "banip", "banned", "journalmatch", "prefregex", "logtimezone")) {
            s.add(List.of("get", "test", key));
        }
        s.add(List.of("get", "test", "action", "noop", "actionban"));
        s.add(List.of("get", "test", "action", "noop", "port"));
        s.add(List.of("set", "test", "maxretry", "3"));
        s.add(List.of("set", "test", "findtime", "600"));
        s.add(List.of("set", "test", "datepattern", "^%Y-%m-%d %H:%M:%S"));
        s.add(List.of("set", "test", "maxlines", "1"));
        s.add((Change) () -> assertEquals(3, ((List<?>) ((ControlReply.Ok) client.send(List.of("set", "test",
                "addfailregex", "^Login refused for <HOST>$"))).value()).size()));
        s.add(List.of("get", "test", "failregex"));
        s.add((Change) () -> assertEquals(2, ((List<?>) ((ControlReply.Ok) client.send(List.of("set", "test",
                "delfailregex", "2"))).value()).size()));
        s.add(List.of("set", "test", "delignoreregex", "5"));
        s.add((Change) () -> expect(w("set", "test", "banip", "192.0.2.1", "192.0.2.2", "2001:db8::7"),
                ControlReply.ok(3L)));
        s.add(List.of("status", "test"));
        s.add(List.of("banned"));
        s.add(List.of("banned", "192.0.2.1", "192.0.2.77"));
        s.add(List.of("get", "test", "banned"));
        s.add(List.of("get", "test", "banned", "192.0.2.2"));
        s.add(List.of("get", "test", "banned", "192.0.2.2", "192.0.2.77"));
        s.add(List.of("get", "test", "banip"));
        s.add(List.of("get", "test", "banip", ","));
        s.add(List.of("get", "test", "banip", "--with-time"));
        s.add((Change) () -> expect(w("set", "test", "unbanip", "192.0.2.2"), ControlReply.ok(1L)));
        s.add(List.of("get", "test", "banip"));
        s.add(List.of("set", "test", "unbanip", "--report-absent", "192.0.2.250"));
        s.add((Change) () -> expect(w("unban", "--all"), ControlReply.ok(2L)));
        s.add(List.of("status", "test"));
        // errors
        s.add(List.of("status", "nosuch"));
        s.add(List.of("get", "nosuch", "maxretry"));
        s.add(List.of("get", "test", "nosuch"));
        s.add(List.of("set", "test", "nosuch", "x"));
        s.add(List.of("set", "test"));
        s.add(List.of("set", "test", "maxretry", "x"));
        s.add(List.of("set", "test", "idle", "maybe"));
        s.add(List.of("set", "test", "addlogpath", "/x", "middle"));
        s.add(List.of("add", "--all"));
        s.add(List.of("add", "test"));
        s.add(List.of("nosuch"));
        s.add(List.of("status", "a", "b", "c"));
        s.add(List.of("get", "test", "action", "nosuch", "actionban"));
        s.add((Change) () -> expect(w("stop", "test"), ControlReply.ok(null)));
        s.add(List.of("status"));
        return s;
    }

    @TestFactory
    Stream<DynamicTest> sameTextAsPythonsClient() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Object step : steps()) {
            n++;
            if (step instanceof Change) {
                tests.add(DynamicTest.dynamicTest(n + ": change", () -> ((Change) step).apply()));
            } else {
                @SuppressWarnings("unchecked")
                List<String> argv = (List<String>) step;
                tests.add(DynamicTest.dynamicTest(n + ": " + String.join(" ", argv), () -> compare(argv)));
            }
        }
        return tests.stream();
    }

    private void compare(List<String> argv) throws Exception {
        ControlReply reply = client.send(argv);
        String ours;
        int status;
        if (reply instanceof ControlReply.Ok) {
            ours = formatter.format(argv, ((ControlReply.Ok) reply).value());
            status = 0;
        } else if (reply instanceof ControlReply.Failure) {
            ours = formatter.formatError(argv, ((ControlReply.Failure) reply).error());
            status = 255;
        } else {
            throw new AssertionError("unexpected reply " + reply);
        }
        List<String> args = new ArrayList<>(List.of("-c", etc.toString(), "-s", sock.toString()));
        args.addAll(argv);
        Oracle.Run py = Oracle.python("fail2ban-client", args);
        assertEquals(py.stdout(), ours + "\n", Oracle.diff(py.stdout(), ours + "\n", 5));
        assertEquals(py.status(), status, "exit status; Python's stderr: " + py.stderr());
        // and our fail2ban-client command line, end to end, prints the same and exits the same
        Oracle.Run cli = Oracle.ours(org.fail2ban4j.cli.Fail2banClientMain::run, args);
        assertEquals(py.stdout(), cli.stdout(), "our fail2ban-client: " + cli.stderr());
        assertEquals(py.status(), cli.status(), "our fail2ban-client exit status: " + cli.stderr());
    }

    @Test
    void typedCommandsMatchWhatPythonsClientSends() throws Exception {
        // The Python client sends the words of its command line; toWire() of the parsed command sends the same
        // request (numbers as numbers), and the server answers both alike.
        ControlCommand c = ControlCommandParser.parse(List.of("get", "dbfile"));
        assertEquals(ControlReply.ok(":memory:"), client.send(c));
        assertEquals(client.send(List.of("get", "dbfile")), client.send(c));
    }

    // ------------------------------------------------------------------ pickles against Python's pickle

    /** Runs Python on our pickles (one hex pickle per line) with the given per-value expression. */
    private List<String> python(List<byte[]> pickles, String perValue) throws Exception {
        String script = "import pickle, sys\n"
                + "from fail2ban.client.beautifier import Beautifier\n"
                + "for line in sys.stdin:\n"
                + "    v = pickle.loads(bytes.fromhex(line.strip()))\n"
                + "    print(" + perValue + ")\n";
        StringBuilder input = new StringBuilder();
        for (byte[] b : pickles) {
            input.append(HexFormat.of().formatHex(b)).append('\n');
        }
        Path in = Files.writeString(Files.createTempFile(tmp, "pickles", ".txt"), input);
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true)
                .redirectInput(in.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return List.of(out.split("\n"));
    }

    @Test
    void pythonUnpicklesOurReplies() throws Exception {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("sshd", List.of("192.0.2.1"));
        dict.put("apache", List.of());
        List<Object> replies = List.of(
                ControlReply.ok("pong").toWire(),
                ControlReply.ok(null).toWire(),
                ControlReply.ok(List.of(PyTuple.of("Currently failed", 0L), PyTuple.of("File list", List.of("/a"))))
                        .toWire(),
                ControlReply.ok(PyTuple.of("{^LN-BEG}", "{^LN-BEG}Default Detectors")).toWire(),
                ControlReply.ok(List.of(dict)).toWire(),
                ControlReply.ok(List.of(true, false, 1.5, -0.25, BigInteger.TWO.pow(80), Long.MIN_VALUE)).toWire(),
                ControlReply.ok(List.of("h\u00e9llo \u2603 \uD83D\uDE00", "a'b\"c\\", "")).toWire(),
                ControlReply.ok(Set.of("x")).toWire(),
                ControlReply.ok(new byte[] {0, 1, (byte) 0xff}).toWire(),
                ControlReply.failure(PyException.exception("Invalid command")).toWire(),
                ControlReply.failure(PyException.unknownJail("nosuch")).toWire(),
                ControlReply.failure(PyException.duplicateJail("sshd")).toWire(),
                ControlReply.failure(PyException.builtin("IndexError", "list index out of range")).toWire(),
                ControlReply.failure(PyException.builtin("ValueError", "192.0.2.250 is not banned")).toWire(),
                new ControlReply.ProtocolError("Ran out of input").toWire());
        List<byte[]> pickles = new ArrayList<>();
        for (Object r : replies) {
            pickles.add(PickleCodec.encode(r));
        }
        List<String> reprs = python(pickles, "repr(v)");
        for (int i = 0; i < replies.size(); i++) {
            assertEquals(PyText.repr(replies.get(i)), reprs.get(i), "reply " + i);
        }
    }

    @Test
    void pythonSeesRealExceptionsAndItsClientPrintsThem() throws Exception {
        List<PyException> errors = List.of(PyException.exception("Invalid command"), PyException.unknownJail("nosuch"),
                PyException.duplicateJail("sshd"), PyException.builtin("IndexError", "list index out of range"),
                PyException.builtin("ValueError", "bad value"));
        List<byte[]> pickles = new ArrayList<>();
        for (PyException e : errors) {
            pickles.add(PickleCodec.encode(ControlReply.failure(e).toWire()));
        }
        List<String> out = python(pickles, "'%s|%s|%s|%s' % (isinstance(v[1], Exception), type(v[1]).__module__, "
                + "type(v[1]).__name__, Beautifier(['status', 'x']).beautifyError(v[1]))");
        StatusFormatter f = new StatusFormatter(false);
        for (int i = 0; i < errors.size(); i++) {
            PyException e = errors.get(i);
            assertEquals("True|" + e.module() + "|" + e.name() + "|" + f.formatError(List.of("status", "x"), e),
                    out.get(i));
        }
    }

    @Test
    void theExceptionReplyUnpicklesWithPlainPickle() throws Exception {
        Path in = Files.write(tmp.resolve("exception.pickle"),
                PickleCodec.encode(ControlReply.failure(PyException.exception("Invalid command")).toWire()));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import pickle,sys; print(pickle.loads(sys.stdin.buffer.read()))").redirectErrorStream(true)
                .redirectInput(in.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("(1, Exception('Invalid command'))\n", out);
    }

    @Test
    void weReadWhatPythonsClientSendsInEveryProtocol() throws Exception {
        String script = "import pickle\n"
                + "cmds = [['set', 'sshd', 'addfailregex', '^x <HOST>$'], ['ping', 0.1],\n"
                + "        ['multi-set', 'j', 'action', 'a', [['k', 'v'], ['m']]], ['set', 'j', 'maxretry', 5],\n"
                + "        ['set', 'thread', {'stacksize': 32}], ['echo', '\\u2603', True, None, 2**70]]\n"
                + "for p in range(pickle.HIGHEST_PROTOCOL + 1):\n"
                + "    for c in cmds:\n"
                + "        print(p, repr(c), pickle.dumps(c, p).hex(), sep='\\t')\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        int n = 0;
        for (String line : out.split("\n")) {
            String[] f = line.split("\t");
            Object decoded = PickleCodec.decode(HexFormat.of().parseHex(f[2]));
            assertEquals(f[1], PyText.repr(decoded), "protocol " + f[0]);
            ControlCommand c = ControlCommandParser.parse(decoded);
            assertInstanceOf(ControlCommand.class, c);
            n++;
        }
        assertEquals(36, n);
    }
}
