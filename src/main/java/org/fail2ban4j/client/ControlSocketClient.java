package org.fail2ban4j.client;

import java.io.IOException;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.Frame;
import org.fail2ban4j.protocol.FrameDecoder;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PickleDecodeException;
import org.fail2ban4j.protocol.PyText;

/**
 * Port of {@code fail2ban/client/csocket.py:CSocket}: one connection to the server's unix control socket. Each
 * {@link #send} pickles a command (its elements that are not plain values become text, as upstream's
 * {@code CSocket.convert}), writes it with the end marker and reads the reply up to the next end marker;
 * {@link #close()} sends the close marker and hangs up. A timeout, when set, bounds each request and its reply
 * ({@link SocketTimeoutException} "timed out", as Python's {@code socket.timeout}). Not thread-safe.
 */
public final class ControlSocketClient implements AutoCloseable {
    private final SocketChannel channel;
    /** Made (and the channel switched to non-blocking) on the first request with a timeout. */
    private Selector selector;
    private final FrameDecoder decoder = new FrameDecoder();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(32768);
    private Duration timeout;
    private boolean closed;

    private ControlSocketClient(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    /**
     * Connects to the server's socket, without a timeout.
     *
     * @throws IOException when the socket does not exist or nobody listens on it
     */
    public static ControlSocketClient connect(Path socket) throws IOException {
        return open(socket, null);
    }

    /**
     * Connects to the server's socket with a timeout for every request.
     *
     * @param timeout positive
     * @throws IOException when the socket does not exist or nobody listens on it
     */
    public static ControlSocketClient connect(Path socket, Duration timeout) throws IOException {
        return open(socket, checkTimeout(timeout));
    }

    /**
     * Prepares the JDK's unix-domain socket support (whose first use sets up a {@code SecureRandom} and the security
     * providers) and the pickle classes, with no effect outside this process: opens an unconnected socket and
     * closes it, and pickles and unpickles a sample request. Meant for a thread of its own, started by a
     * short-lived client while it reads its configuration; errors are ignored (the real connection reports them).
     */
    public static void prepare() {
        try {
            // first what the JDK's unix-domain sockets set up (their SecureRandom): it needs no method handles, so
            // it can run while the client's own thread links its first lambdas (in the selector provider)
            java.security.SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
            // another JDK: the socket below sets up what it needs
        }
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (IOException | RuntimeException e) {
            // the real connection reports it
        }
        try {
            // initialised when a connected socket is closed (it sets up the JDK's network address classes)
            Class.forName("sun.nio.ch.Net");
        } catch (ClassNotFoundException | LinkageError e) {
            // another JDK: nothing to prepare
        }
        try {
            PickleCodec.decode(PickleCodec.encode(List.of("status")));
        } catch (PickleDecodeException | RuntimeException e) {
            // cannot happen with this sample
        }
    }

    private static ControlSocketClient open(Path socket, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new ControlSocketClient(ch, timeout);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /** Sets the timeout of the following requests. */
    public void setTimeout(Duration timeout) {
        this.timeout = checkTimeout(timeout);
    }

    /** Removes the timeout: requests wait for their reply as long as it takes. */
    public void clearTimeout() {
        this.timeout = null;
    }

    /** The current timeout, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Sends a typed command (its {@link ControlCommand#toWire() wire form}); see {@link #send(List)}. */
    public ControlReply send(ControlCommand command) throws IOException {
        return send(command.toWire());
    }

    /**
     * Sends one command and returns the server's reply.
     *
     * @param command the command words and values, e.g. {@code ["get", "sshd", "maxretry"]}
     * @return the reply: {@link ControlReply.Ok}, {@link ControlReply.Failure}, or {@link ControlReply.ProtocolError}
     *     when the server could not read the request
     * @throws SocketTimeoutException when the timeout passes first
     * @throws IOException when the connection fails or the reply cannot be read
     */
    public ControlReply send(List<?> command) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        List<Object> msg = new ArrayList<>(command.size());
        for (Object o : command) {
            msg.add(convert(o));
        }
        Long deadline = null;
        if (timeout != null) {
            deadline = System.nanoTime() + timeout.toNanos();
            if (selector == null) {
                selector = Selector.open();
                channel.configureBlocking(false);
            }
        }
        write(Frame.encode(PickleCodec.encode(msg)), deadline);
        byte[] reply = readMessage(deadline);
        try {
            return ControlReply.fromWire(PickleCodec.decode(reply));
        } catch (PickleDecodeException | IllegalArgumentException e) {
            throw new IOException("unreadable reply from the server: " + e.getMessage(), e);
        }
    }

    /** Upstream {@code CSocket.convert}: str, bool, int, float, list, dict and set travel as they are. */
    private static Object convert(Object o) {
        if (o instanceof String || o instanceof Boolean || o instanceof Long || o instanceof Integer
                || o instanceof BigInteger || o instanceof Double || o instanceof List || o instanceof Map
                || o instanceof Collection) {
            return o;
        }
        return PyText.str(o);
    }

    private void write(byte[] data, Long deadline) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0 && !channel.isBlocking()) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private byte[] readMessage(Long deadline) throws IOException {
        while (true) {
            Optional<byte[]> m = decoder.next();
            if (m.isPresent()) {
                return m.get();
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                throw new IOException("[Errno 104] Connection reset by peer");
            }
            if (n == 0) {
                if (!channel.isBlocking()) {
                    await(SelectionKey.OP_READ, deadline);
                }
            } else {
                decoder.feed(readBuffer.array(), 0, n);
            }
        }
    }

    /**
     * Waits until the (non-blocking) channel is ready for {@code op}; {@code deadline} ({@link System#nanoTime()})
     * may be null once the timeout was cleared.
     */
    private void await(int op, Long deadline) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            if (deadline == null) {
                selector.select();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0
                        && deadline - System.nanoTime() <= 0) {
                    throw new SocketTimeoutException("timed out");
                }
            }
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    /** Sends the close marker and hangs up; errors on the way are ignored, as upstream does. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (selector != null) {
                selector.close(); // deregisters the channel, so that it can block again
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            // a closed or broken connection: hang up below
        }
        try {
            if (channel.isBlocking()) {
                ByteBuffer buf = ByteBuffer.wrap(Frame.closeRequest());
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
            channel.shutdownInput();
            channel.shutdownOutput();
        } catch (IOException e) {
            // the server may already be gone (e.g. after "stop")
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
