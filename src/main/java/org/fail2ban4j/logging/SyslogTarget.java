package org.fail2ban4j.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Port of Python's {@code logging.handlers.SysLogHandler(socket, facility)} as {@code server.py:setLogTarget} creates
 * it: each line goes out as {@code <PRI>line\0} in UTF-8 (PRI = facility &lt;&lt; 3 | priority, the priority from the
 * level name as {@link LogLevel#syslogPriority}); to a datagram socket, or, when the path is a stream socket, over a
 * stream connection. A failed send is retried once on a fresh socket, as upstream's handler does.
 */
final class SyslogTarget extends AbstractTarget {
    private final Path path;
    private final int facility;
    private final StringBuilder line = new StringBuilder(256);
    private UnixDatagramChannel datagram;
    private UnixSocketAddress datagramAddress;
    private SocketChannel stream;

    SyslogTarget(Path path, int facility, LogLineFormat format, PrintStream errors) {
        super(format, errors);
        this.path = Objects.requireNonNull(path, "path");
        if (facility < 0 || facility > 127) {
            throw new IllegalArgumentException("syslog facility out of range: " + facility);
        }
        this.facility = facility;
    }

    @Override
    void write(LogEvent event) throws IOException {
        line.setLength(0);
        line.append('<').append(facility << 3 | LogLevel.syslogPriority(event.level())).append('>');
        format.formatTo(line, event);
        line.append('\0');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        try {
            send(bytes);
        } catch (IOException e) {
            release();
            send(bytes);
        }
    }

    /**
     * Sends on the open socket; the first send goes out as a datagram, and when the path refuses datagrams but takes a
     * stream connection (a stream-mode syslog socket), on that connection from then on (Python's socktype=None rule).
     */
    private void send(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (stream != null) {
            while (buf.hasRemaining()) {
                stream.write(buf);
            }
            return;
        }
        if (datagram == null) {
            datagram = UnixDatagramChannel.open();
            datagramAddress = new UnixSocketAddress(path.toFile());
        }
        try {
            datagram.send(buf, datagramAddress);
        } catch (IOException notDatagram) {
            SocketChannel sc = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                sc.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                sc.close();
                throw notDatagram;
            }
            release();
            stream = sc;
            buf.rewind();
            while (buf.hasRemaining()) {
                stream.write(buf);
            }
        }
    }

    @Override
    void release() {
        try {
            if (datagram != null) {
                datagram.close();
            }
            if (stream != null) {
                stream.close();
            }
        } catch (IOException e) {
            // nothing is buffered in a socket we drop
        } finally {
            datagram = null;
            stream = null;
        }
    }

    @Override
    public String describe() {
        return "SYSLOG (" + path + ")";
    }
}
