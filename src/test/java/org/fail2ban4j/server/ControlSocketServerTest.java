package org.fail2ban4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.Frame;
import org.fail2ban4j.protocol.FrameDecoder;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket with an echoing processor: framing, bad input, several clients, stale and live sockets. */
class ControlSocketServerTest {
    @TempDir
    Path dir;

    private ControlSocketServer server;

    private ControlSocketServer start(int maxBytes) {
        server = new ControlSocketServer(dir.resolve("f2b.sock"), request -> ControlReply.ok(request), maxBytes);
        server.start(false);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    private static void write(SocketChannel c, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private final java.util.Map<SocketChannel, FrameDecoder> decoders = new java.util.HashMap<>();

    /** Reads one reply (up to the end marker) and unpickles it; null when the server closed the connection. */
    private Object readReply(SocketChannel c) throws Exception {
        FrameDecoder d = decoders.computeIfAbsent(c, k -> new FrameDecoder());
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (true) {
            java.util.Optional<byte[]> m = d.next();
            if (m.isPresent()) {
                return PickleCodec.decode(m.get());
            }
            b.clear();
            int n = c.read(b);
            if (n < 0) {
                return null;
            }
            d.feed(b.array(), 0, n);
        }
    }

    private Object request(SocketChannel c, Object command) throws Exception {
        write(c, Frame.encode(PickleCodec.encode(command)));
        return readReply(c);
    }

    @Test
    void answersRequestsInOrderAndTheSocketIsOwnerOnly() throws Exception {
        start(1 << 20);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket())));
        try (SocketChannel c = connect(server.socket())) {
            assertEquals(PyTuple.of(0L, List.of("ping")), request(c, List.of("ping")));
            byte[] two = new ByteArrayOutputStream() {
                {
                    writeBytes(Frame.encode(PickleCodec.encode(List.of("a"))));
                    writeBytes(Frame.encode(PickleCodec.encode(List.of("b"))));
                }
            }.toByteArray();
            write(c, two);
            assertEquals(PyTuple.of(0L, List.of("a")), readReply(c));
            assertEquals(PyTuple.of(0L, List.of("b")), readReply(c));
            write(c, Frame.closeRequest());
            assertEquals(null, readReply(c));
        }
    }

    @Test
    void garbageGetsAnErrorAndTheConnectionStaysUsable() throws Exception {
        start(1 << 20);
        try (SocketChannel c = connect(server.socket())) {
            write(c, Frame.encode("this is no pickle".getBytes(StandardCharsets.US_ASCII)));
            Object reply = readReply(c);
            assertTrue(reply instanceof String s && s.startsWith("ERROR: "), String.valueOf(reply));
            assertEquals(PyTuple.of(0L, List.of("ping")), request(c, List.of("ping")));
        }
    }

    @Test
    void oversizedMessageIsRefusedAndClosedWhileOthersAreServed() throws Exception {
        start(1024);
        try (SocketChannel half = connect(server.socket()); SocketChannel big = connect(server.socket());
                SocketChannel other = connect(server.socket())) {
            write(half, new byte[] {(byte) 0x80, 0x04});
            write(big, new byte[4096]);
            Object reply = readReply(big);
            assertTrue(reply instanceof String s && s.startsWith("ERROR: "), String.valueOf(reply));
            assertEquals(null, readReply(big));
            assertEquals(PyTuple.of(0L, List.of("ping")), request(other, List.of("ping")));
        }
    }

    @Test
    void staleSocketIsReplacedAndLiveOneRefusedUnlessForced() throws Exception {
        Path sock = dir.resolve("f2b.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock));
        assertFalse(ControlSocketServer.isLive(sock));
        start(1 << 20);
        assertTrue(ControlSocketServer.isLive(sock));

        ControlSocketServer second = new ControlSocketServer(sock, r -> ControlReply.ok("second"));
        ServerStartException e = assertThrows(ServerStartException.class, () -> second.start(false));
        assertEquals("Server already running", e.getMessage());
        second.start(true);
        try (SocketChannel c = connect(sock)) {
            assertEquals(PyTuple.of(0L, "second"), request(c, List.of("ping")));
        } finally {
            second.stop();
        }
        assertFalse(Files.exists(sock));
    }

    @Test
    void stopRemovesTheSocketFile() {
        start(1 << 20);
        assertTrue(server.isActive());
        server.stop();
        assertFalse(server.isActive());
        assertFalse(Files.exists(server.socket()));
    }
}
