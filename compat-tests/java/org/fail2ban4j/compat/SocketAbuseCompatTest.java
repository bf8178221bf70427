package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fail2ban4j.cli.Fail2banClientMain;
import org.fail2ban4j.client.ControlSocketClient;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.Frame;
import org.fail2ban4j.protocol.FrameDecoder;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Abuse of the control socket. Our server (started by our client) and Python's (started by Python's client) run on
 * the same one-jail tree:
 * <ul>
 *   <li>a client that is not root is refused by the socket's permissions: Python's client and ours, run as
 *       {@code nobody}, fail with the same message and exit status;</li>
 *   <li>raw messages that are not proper requests (garbage, truncated pickles, an empty message, pickles of values
 *       that are no command) get the same replies from both servers, and the connection stays usable;</li>
 *   <li>a message over our limit is refused and its connection closed, a pickle naming a class is refused, and the
 *       server keeps serving;</li>
 *   <li>50 threads of 20 commands each at once against our server: every reply is right, and the server still
 *       answers afterwards.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketAbuseCompatTest {
    @TempDir
    static Path tmp;

    private Path py;
    private Path ours;

    private static void tree(Path dir) throws Exception {
        Oracle.bundledTree(dir);
    }

    private static List<String> args(Path dir, String... cmd) {
        List<String> a = new ArrayList<>(List.of("-c", dir.resolve("etc").toString(), "-s",
                dir.resolve("f2b.sock").toString(), "-p", dir.resolve("f2b.pid").toString()));
        a.addAll(List.of(cmd));
        return a;
    }

    @BeforeAll
    void startServers() throws Exception {
        // readable by everybody, so that a client run as nobody finds the socket (and is refused by its mode)
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        py = Files.createDirectories(tmp.resolve("py"));
        ours = Files.createDirectories(tmp.resolve("ours"));
        tree(py);
        tree(ours);
        Oracle.Run p = Oracle.python("fail2ban-client", args(py, "start"));
        assertEquals(0, p.status(), "Python's server did not start: " + p.stderr());
        Oracle.Run o = Oracle.ours(Fail2banClientMain::run, args(ours, "start"));
        assertEquals(0, o.status(), "our server did not start: " + o.stderr());
    }

    @AfterAll
    void stopServers() throws Exception {
        Oracle.python("fail2ban-client", args(py, "stop"));
        Oracle.ours(Fail2banClientMain::run, args(ours, "stop"));
    }

    // ------------------------------------------------------------------ not root

    /** Runs a command as nobody (uid/gid 65534, no supplementary groups). */
    private static Oracle.Run asNobody(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        cmd.addAll(command);
        Path out = Files.createTempFile(tmp, "nobody", ".out");
        Path err = Files.createTempFile(tmp, "nobody", ".err");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + cmd);
        }
        return new Oracle.Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Our classpath copied where nobody can read it (the build's own may sit in root's home). */
    private static String readableClasspath() throws IOException {
        Path cp = tmp.resolve("cp");
        if (!Files.isDirectory(cp)) {
            Files.createDirectories(cp);
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path from = Path.of(entry);
                if (Files.isDirectory(from)) {
                    Oracle.copyTree(from, cp.resolve("dir" + i++));
                } else if (Files.isRegularFile(from)) {
                    Files.copy(from, cp.resolve(i++ + "-" + from.getFileName()));
                }
            }
            try (Stream<Path> s = Files.walk(cp)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> s = Files.list(cp)) {
            return String.join(java.io.File.pathSeparator, s.sorted().map(Path::toString).toList());
        }
    }

    static Stream<Arguments> nobodyCommands() {
        return Stream.of(Arguments.of(List.of("status")), Arguments.of(List.of("ping")),
                Arguments.of(List.of("get", "sshd", "banip")), Arguments.of(List.of("stop")));
    }

    @ParameterizedTest
    @MethodSource("nobodyCommands")
    void aClientThatIsNotRootIsRefusedLikePythons(List<String> command) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // the socket exists but is not writable for nobody; both run against our server's socket
        List<String> pyCmd = new ArrayList<>(List.of("/usr/bin/fail2ban-client"));
        pyCmd.addAll(args(ours, command.toArray(String[]::new)));
        Oracle.Run p = asNobody(pyCmd);
        List<String> ourCmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", readableClasspath(),
                "org.fail2ban4j.cli.Fail2banClientMain"));
        ourCmd.addAll(args(ours, command.toArray(String[]::new)));
        Oracle.Run o = asNobody(ourCmd);
        assertEquals(p.stdout(), o.stdout());
        assertEquals(p.status(), o.status(), "our stderr: " + o.stderr());
        assertEquals(255, o.status());
        assertEquals(messages(p.stderr()), messages(o.stderr()));
        assertEquals(List.of("ERROR   Permission denied to socket: " + ours.resolve("f2b.sock") + ", (you must be root)"),
                messages(o.stderr()));
        // and the server is unharmed
        assertEquals(ControlReply.ok("pong"), request(ours, List.of("ping")));
    }

    @Test
    void aMissingSocketIsReportedLikePythons() throws Exception {
        Path none = tmp.resolve("none");
        List<String> a = List.of("-c", ours.resolve("etc").toString(), "-s", none.resolve("f2b.sock").toString(),
                "status");
        Oracle.Run p = Oracle.python("fail2ban-client", a);
        Oracle.Run o = Oracle.ours(Fail2banClientMain::run, a);
        assertEquals(p.stdout(), o.stdout());
        assertEquals(p.status(), o.status());
        assertEquals(messages(p.stderr()), messages(o.stderr()));
    }

    private static List<String> messages(String stderr) {
        return Oracle.logMessages(stderr);
    }

    // ------------------------------------------------------------------ raw messages

    /** One connection to a server's socket, reading whole replies. */
    private static final class Raw implements AutoCloseable {
        private final SocketChannel channel;
        private final FrameDecoder decoder = new FrameDecoder();

        Raw(Path dir) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("f2b.sock")));
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** The next reply, unpickled; null when the server hung up. */
        Object read() throws Exception {
            ByteBuffer b = ByteBuffer.allocate(8192);
            while (true) {
                java.util.Optional<byte[]> m = decoder.next();
                if (m.isPresent()) {
                    return PickleCodec.decode(m.get());
                }
                b.clear();
                int n;
                try {
                    n = channel.read(b);
                } catch (IOException e) {
                    return null; // reset by the server
                }
                if (n < 0) {
                    return null;
                }
                decoder.feed(b.array(), 0, n);
            }
        }

        Object request(byte[] message) throws Exception {
            write(Frame.encode(message));
            return read();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static ControlReply request(Path dir, List<Object> command) throws IOException {
        try (ControlSocketClient c = ControlSocketClient.connect(dir.resolve("f2b.sock"), Duration.ofSeconds(30))) {
            return c.send(command);
        }
    }

    /** A reply as compared: an exception by its class name and arguments, anything else as it is. */
    private static Object comparable(Object reply) {
        if (reply instanceof PyTuple t && t.items().size() == 2 && t.items().get(1) instanceof PyException e) {
            return List.of(t.items().get(0), e.name(), e.args());
        }
        return reply;
    }

    private static byte[] truncated(byte[] pickle, int cut) {
        return Arrays.copyOf(pickle, pickle.length - cut);
    }

    static Stream<Arguments> rawMessages() {
        byte[] status = PickleCodec.encode(List.of("status"));
        // what Python's client sends (protocol 4 or 5, with framing): ['status', 'sshd']
        byte[] py5 = {(byte) 0x80, 0x05, (byte) 0x95, 0x15, 0, 0, 0, 0, 0, 0, 0, ']', (byte) 0x94, '(', (byte) 0x8c,
            0x06, 's', 't', 'a', 't', 'u', 's', (byte) 0x94, (byte) 0x8c, 0x04, 's', 's', 'h', 'd', (byte) 0x94,
            'e', '.'};
        return Stream.of(
                Arguments.of("garbage", "this is no pickle".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("binary garbage", new byte[] {0, 1, 2, (byte) 0xff}),
                Arguments.of("empty message", new byte[0]),
                Arguments.of("pickle without STOP", truncated(status, 1)),
                Arguments.of("pickle cut in a string", truncated(status, 4)),
                Arguments.of("protocol header only", new byte[] {(byte) 0x80, 0x02}),
                Arguments.of("protocol 5 cut in its frame", truncated(py5, 10)),
                Arguments.of("protocol 5 whole", py5),
                Arguments.of("an int", PickleCodec.encode(42L)),
                Arguments.of("a dict", PickleCodec.encode(Collections.emptyMap())),
                Arguments.of("an empty list", PickleCodec.encode(List.of())),
                Arguments.of("a list of ints", PickleCodec.encode(List.of(1L, 2L))),
                Arguments.of("a None", PickleCodec.encode(null)),
                Arguments.of("a nested list", PickleCodec.encode(List.of(List.of("status")))),
                Arguments.of("a text", PickleCodec.encode("status")),
                Arguments.of("an empty text", PickleCodec.encode("")),
                Arguments.of("bytes", PickleCodec.encode("status".getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("a set", PickleCodec.encode(java.util.Set.of("status"))),
                Arguments.of("a tuple", PickleCodec.encode(PyTuple.of("status"))),
                Arguments.of("a mark too few", "(t)t.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("unknown words", PickleCodec.encode(List.of("no", "such", "command"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawMessages")
    void badMessagesGetPythonsReplyAndTheConnectionStaysUsable(String name, byte[] message) throws Exception {
        try (Raw p = new Raw(py); Raw o = new Raw(ours)) {
            Object pyReply = p.request(message);
            Object ourReply = o.request(message);
            assertEquals(String.valueOf(comparable(pyReply)).replace(py.toString(), "DIR"),
                    String.valueOf(comparable(ourReply)).replace(ours.toString(), "DIR"), name);
            Object pong = PyTuple.of(0L, "pong");
            assertEquals(pong, p.request(PickleCodec.encode(List.of("ping"))));
            assertEquals(pong, o.request(PickleCodec.encode(List.of("ping"))), name + ": connection still usable");
        }
    }

    @Test
    void closeMarkerHangsUpLikePythons() throws Exception {
        try (Raw p = new Raw(py); Raw o = new Raw(ours)) {
            p.write(Frame.closeRequest());
            o.write(Frame.closeRequest());
            assertNull(p.read());
            assertNull(o.read());
        }
    }

    @Test
    void oversizedMessageIsRefusedAndClosedAndTheServerGoesOn() throws Exception {
        try (Raw o = new Raw(ours)) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            Object reply = null;
            try {
                for (int i = 0; i <= (FrameDecoder.DEFAULT_MAX_MESSAGE_BYTES >> 20) + 1; i++) {
                    o.write(chunk);
                }
            } catch (IOException e) {
                // the server may close before everything is written
            }
            reply = o.read();
            assertTrue(reply == null || reply instanceof String s && s.startsWith("ERROR: message too long"),
                    String.valueOf(reply));
            assertNull(o.read(), "the connection is closed");
        }
        assertEquals(ControlReply.ok("pong"), request(ours, List.of("ping")));
    }

    @Test
    void aPickleNamingAClassIsRefused() throws Exception {
        // protocol 0: os.system('true'), which Python's server would run
        byte[] evil = "cos\nsystem\n(S'true'\ntR.".getBytes(StandardCharsets.US_ASCII);
        try (Raw o = new Raw(ours)) {
            Object reply = o.request(evil);
            assertTrue(reply instanceof String s && s.startsWith("ERROR: ") && s.contains("os.system"),
                    String.valueOf(reply));
            assertEquals(PyTuple.of(0L, "pong"), o.request(PickleCodec.encode(List.of("ping"))));
        }
    }

    // ------------------------------------------------------------------ many clients

    @Test
    void fiftyConcurrentClientsGetTheirOwnRightReplies() throws Exception {
        int threads = 50;
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    StringBuilder problems = new StringBuilder();
                    // every other thread keeps one connection, the others connect for each command as the client does
                    ControlSocketClient kept = id % 2 == 0
                            ? ControlSocketClient.connect(ours.resolve("f2b.sock"), Duration.ofSeconds(60)) : null;
                    try {
                        for (int i = 0; i < perThread; i++) {
                            String word = "t" + id + "-" + i;
                            List<List<Object>> cmds = List.of(List.of("echo", word), List.of("ping"),
                                    List.of("get", "sshd", "maxretry"), List.of("status"),
                                    List.of("get", "nosuch" + id, "maxretry"));
                            List<Object> cmd = cmds.get(i % cmds.size());
                            ControlReply r;
                            if (kept != null) {
                                r = kept.send(cmd);
                            } else {
                                r = request(ours, cmd);
                            }
                            Object expected = switch (i % cmds.size()) {
                                case 0 -> ControlReply.ok(List.of(word));
                                case 1 -> ControlReply.ok("pong");
                                case 2 -> ControlReply.ok(5L);
                                case 3 -> ControlReply.ok(List.of(PyTuple.of("Number of jail", 1L),
                                        PyTuple.of("Jail list", "sshd")));
                                default -> "UnknownJailException('nosuch" + id + "')";
                            };
                            Object actual = r instanceof ControlReply.Failure f
                                    ? f.error().name() + "('" + f.error().args().get(0) + "')" : r;
                            if (!expected.equals(actual)) {
                                problems.append(cmd).append(" -> ").append(actual).append('\n');
                            }
                        }
                    } finally {
                        if (kept != null) {
                            kept.close();
                        }
                    }
                    return problems.toString();
                }));
            }
            StringBuilder all = new StringBuilder();
            for (Future<String> f : results) {
                all.append(f.get(300, TimeUnit.SECONDS));
            }
            assertEquals("", all.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ControlReply.ok("pong"), request(ours, List.of("ping")));
        Oracle.Run status = Oracle.ours(Fail2banClientMain::run, args(ours, "status"));
        assertEquals("Status\n|- Number of jail:\t1\n`- Jail list:\tsshd\n", status.stdout());
    }
}
