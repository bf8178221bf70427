package org.fail2ban4j.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fail2ban4j.logging.F2bLoggers;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.Frame;
import org.fail2ban4j.protocol.FrameDecoder;
import org.fail2ban4j.protocol.FrameTooLargeException;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PickleDecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/asyncserver.py:AsyncServer} and {@code RequestHandler}: the control socket, a unix
 * stream socket whose file is readable and writable by its owner only. Every message is a pickle followed by
 * {@code <F2B_END_COMMAND>}; each request gets one reply, a client ends with {@code <F2B_CLOSE_COMMAND>}.
 *
 * <p>Threads: the acceptor {@code f2b/server} and one handler thread per connection ({@code f2b/server-conn-N}),
 * so a slow or broken client never holds up the others. A request that is not a pickle of plain values gets
 * upstream's reply {@code "ERROR: <reason>"} and the connection stays usable; a message longer than the limit gets
 * that reply too, then the connection is closed (its end cannot be found reliably).
 *
 * <p>Start: an existing socket file that accepts a connection belongs to a running server, so starting fails
 * unless forced ({@code -x}); one that refuses connections is left over from a crash and is removed. Systemd socket
 * activation ({@code LISTEN_FDS}) is not supported: the JDK cannot adopt an inherited listening unix socket.
 */
public final class ControlSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(F2bLoggers.ASYNCSERVER);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** What answers a request. */
    @FunctionalInterface
    public interface RequestProcessor {
        /**
         * Answers one decoded request.
         *
         * @param request the unpickled request (normally a list of strings)
         * @return the reply
         */
        ControlReply process(Object request);
    }

    private final Path socket;
    private final RequestProcessor processor;
    private final int maxMessageBytes;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final CountDownLatch acceptorDone = new CountDownLatch(1);
    private volatile ServerSocketChannel channel;
    private volatile boolean active;
    private volatile boolean created;
    private Thread acceptor;

    /**
     * A server for a socket path.
     *
     * @param socket the socket file
     * @param processor answers the requests
     * @param maxMessageBytes the longest request accepted (at least 1)
     */
    public ControlSocketServer(Path socket, RequestProcessor processor, int maxMessageBytes) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.processor = Objects.requireNonNull(processor, "processor");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A server with {@link FrameDecoder#DEFAULT_MAX_MESSAGE_BYTES} as limit. */
    public ControlSocketServer(Path socket, RequestProcessor processor) {
        this(socket, processor, FrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** The socket file. */
    public Path socket() {
        return socket;
    }

    /**
     * Creates the socket and starts accepting connections in the thread {@code f2b/server}.
     *
     * @param force whether to replace the socket of a running server ({@code -x})
     * @throws ServerStartException {@code Server already running} when a live server holds the socket and
     *     {@code force} is false, or {@code Unable to bind socket <path>}
     */
    public synchronized void start(boolean force) {
        if (channel != null) {
            throw new IllegalStateException("control socket " + socket + " was started already");
        }
        if (Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (isLive(socket)) {
                LOG.error("Fail2ban seems to be already running");
                if (!force) {
                    throw new ServerStartException("Server already running");
                }
                LOG.warn("Forcing execution of the server");
            } else {
                LOG.warn("Removing stale socket file {} (no server answers on it)", socket);
            }
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                throw new ServerStartException("Unable to remove socket " + socket + ": " + e.getMessage());
            }
        }
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(socket), 16);
            created = true;
            Files.setPosixFilePermissions(socket, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
            throw new ServerStartException("Unable to bind socket " + socket + ": " + e.getMessage());
        }
        channel = ch;
        active = true;
        acceptor = new Thread(this::acceptLoop, "f2b/server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Whether a server answers on the socket file. */
    static boolean isLive(Path socket) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return c.isConnected();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Upstream {@code isActive}: whether the socket accepts connections. */
    public boolean isActive() {
        return active;
    }

    /** The number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        try {
            while (active) {
                SocketChannel c;
                try {
                    c = channel.accept();
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    LOG.warn("Accept socket error: {}", e.getMessage());
                    continue;
                }
                Connection conn = new Connection(c);
                connections.add(conn);
                Thread t = new Thread(conn::run, "f2b/server-conn-" + connectionCount.incrementAndGet());
                t.setDaemon(true);
                conn.thread = t;
                t.start();
            }
        } finally {
            acceptorDone.countDown();
        }
    }

    /**
     * Upstream {@code AsyncServer.stop}: stops accepting, closes the other connections and removes the socket file.
     * A connection whose request caused the stop still sends its reply, then closes. Idempotent.
     */
    public void stop() {
        ServerSocketChannel ch;
        synchronized (this) {
            ch = channel;
            if (ch == null || !active) {
                removeSocketFile();
                return;
            }
            active = false;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("Closing the socket failed: {}", e.getMessage());
        }
        if (Thread.currentThread() != acceptor) {
            try {
                acceptorDone.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : connections) {
            if (c.thread != Thread.currentThread()) {
                c.close();
            }
        }
        removeSocketFile();
        LOG.debug("Socket shutdown");
    }

    private void removeSocketFile() {
        if (created) {
            try {
                if (Files.deleteIfExists(socket)) {
                    LOG.debug("Removed socket file {}", socket);
                }
            } catch (IOException e) {
                LOG.error("Unable to remove socket file {}: {}", socket, e.getMessage());
            }
            created = false;
        }
    }

    /** One client connection: reads requests, answers each in order. */
    private final class Connection {
        private final SocketChannel channel;
        volatile Thread thread;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void run() {
            FrameDecoder decoder = new FrameDecoder(maxMessageBytes);
            ByteBuffer in = ByteBuffer.allocate(8192);
            try {
                while (true) {
                    in.clear();
                    int n = channel.read(in);
                    if (n < 0) {
                        break;
                    }
                    try {
                        decoder.feed(in.array(), 0, n);
                    } catch (FrameTooLargeException e) {
                        LOG.error("PROTO-error: message too long (over {} bytes), closing the connection",
                                maxMessageBytes);
                        // not the exception's text: it names the end marker, which would cut the reply short
                        send(new ControlReply.ProtocolError("message too long (more than " + maxMessageBytes
                                + " bytes)"));
                        break;
                    }
                    if (!answerAll(decoder)) {
                        break;
                    }
                }
            } catch (IOException e) {
                LOG.debug("Connection closed: {}", e.getMessage());
            } finally {
                close();
            }
        }

        /** Answers every complete request; false when the connection should end. */
        private boolean answerAll(FrameDecoder decoder) throws IOException {
            for (Optional<byte[]> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                byte[] message = m.get();
                if (Frame.isClose(message)) {
                    return false;
                }
                ControlReply reply;
                Object request;
                try {
                    request = PickleCodec.decode(message);
                } catch (PickleDecodeException e) {
                    LOG.error("PROTO-error: load message failed: {}", e.getMessage());
                    send(new ControlReply.ProtocolError(e.getMessage()));
                    continue;
                }
                try {
                    reply = processor.process(request);
                } catch (RuntimeException e) {
                    LOG.error("Caught unhandled exception: {}", e.toString(), e);
                    reply = new ControlReply.ProtocolError(String.valueOf(e.getMessage()));
                }
                send(reply);
                if (!active) {
                    return false;
                }
            }
            return true;
        }

        private void send(ControlReply reply) throws IOException {
            byte[] bytes = Frame.encode(PickleCodec.encode(reply.toWire()));
            ByteBuffer out = ByteBuffer.wrap(bytes);
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }

        void close() {
            connections.remove(this);
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a connection failed: {}", e.getMessage());
            }
        }
    }
}
