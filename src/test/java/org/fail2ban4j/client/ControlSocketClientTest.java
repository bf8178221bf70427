package org.fail2ban4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.Frame;
import org.fail2ban4j.protocol.FrameDecoder;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted server on a unix socket in a temporary directory. */
@Tag("threads")
class ControlSocketClientTest {
    private static final byte[] HANG_UP = new byte[0];

    @TempDir
    Path tmp;

    private ServerSocketChannel server;
    private Thread thread;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    /**
     * Serves one connection: every request is decoded into {@link #received} (the close marker as the string
     * "CLOSE") and answered with {@code reply.apply(request)}: bytes written one by one, {@link #HANG_UP} to hang
     * up, null to stay silent.
     */
    private Path serve(Function<Object, byte[]> reply) throws IOException {
        Path sock = tmp.resolve("f2b.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        thread = new Thread(() -> {
            try (SocketChannel c = server.accept()) {
                FrameDecoder d = new FrameDecoder();
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (c.read(buf.clear()) > 0) {
                    d.feed(buf.array(), 0, buf.position());
                    for (Optional<byte[]> m = d.next(); m.isPresent(); m = d.next()) {
                        if (Frame.isClose(m.get())) {
                            received.add("CLOSE");
                            continue;
                        }
                        Object request = PickleCodec.decode(m.get());
                        received.add(request);
                        byte[] out = reply.apply(request);
                        if (out == HANG_UP) {
                            return;
                        }
                        if (out != null) {
                            for (byte b : out) {
                                c.write(ByteBuffer.wrap(new byte[] {b}));
                            }
                        }
                    }
                }
            } catch (Exception e) {
                received.add(e);
            }
        }, "fake-f2b-server");
        thread.setDaemon(true);
        thread.start();
        return sock;
    }

    private static byte[] frame(Object value) {
        return Frame.encode(PickleCodec.encode(value));
    }

    private Object nextReceived() throws InterruptedException {
        Object o = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(o, "the server received nothing");
        return o;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    @Test
    void sendsCommandsAndReadsReplies() throws Exception {
        Path sock = serve(req -> frame(ControlReply.ok(((List<?>) req).get(0).equals("ping") ? "pong"
                : List.of("a", "b")).toWire()));
        try (ControlSocketClient c = ControlSocketClient.connect(sock)) {
            assertEquals(ControlReply.ok("pong"), c.send(List.of("ping")));
            assertEquals(List.of("ping"), nextReceived());
            assertEquals(ControlReply.ok(List.of("a", "b")), c.send(new ControlCommand.Echo(List.of("a", "b"))));
            assertEquals(List.of("echo", "a", "b"), nextReceived());
        }
        assertEquals("CLOSE", nextReceived());
    }

    @Test
    void readsErrorReplies() throws Exception {
        Path sock = serve(req -> ((List<?>) req).size() == 1 ? frame("ERROR: pickle data was truncated")
                : frame(PyTuple.of(1L, PyException.unknownJail("nosuch"))));
        try (ControlSocketClient c = ControlSocketClient.connect(sock, Duration.ofSeconds(10))) {
            assertEquals(ControlReply.failure(PyException.unknownJail("nosuch")), c.send(List.of("status", "nosuch")));
            assertEquals(new ControlReply.ProtocolError("pickle data was truncated"), c.send(List.of("x")));
        }
    }

    @Test
    void convertsValuesThatAreNotPlainToText() throws Exception {
        Path sock = serve(req -> frame(PyTuple.of(0L, null)));
        try (ControlSocketClient c = ControlSocketClient.connect(sock)) {
            c.send(Arrays.asList("echo", null, PyTuple.of("a", 1L), 5L, List.of("x")));
            assertEquals(List.of("echo", "None", "('a', 1)", 5L, List.of("x")), nextReceived());
        }
    }

    @Test
    void aHangUpIsAConnectionReset() throws Exception {
        Path sock = serve(req -> HANG_UP);
        try (ControlSocketClient c = ControlSocketClient.connect(sock)) {
            IOException e = assertThrows(IOException.class, () -> c.send(List.of("stop")));
            assertEquals("[Errno 104] Connection reset by peer", e.getMessage());
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        Path sock = serve(req -> null);
        try (ControlSocketClient c = ControlSocketClient.connect(sock, Duration.ofMillis(200))) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.send(List.of("ping")));
            assertEquals("timed out", e.getMessage());
            assertEquals(Optional.of(Duration.ofMillis(200)), c.timeout());
        }
    }

    @Test
    void noServerNoConnection() {
        assertThrows(IOException.class, () -> ControlSocketClient.connect(tmp.resolve("missing.sock")));
        assertThrows(IllegalArgumentException.class,
                () -> ControlSocketClient.connect(tmp.resolve("x"), Duration.ZERO));
    }

    @Test
    void garbageRepliesAreReported() throws Exception {
        Path sock = serve(req -> Frame.encode("garbage".getBytes(StandardCharsets.US_ASCII)));
        try (ControlSocketClient c = ControlSocketClient.connect(sock)) {
            IOException e = assertThrows(IOException.class, () -> c.send(List.of("ping")));
            assertTrue(e.getMessage().startsWith("unreadable reply from the server: "), e.getMessage());
        }
    }
}
