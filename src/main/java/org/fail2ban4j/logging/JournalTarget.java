package org.fail2ban4j.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Port of python-systemd's {@code JournalHandler(SYSLOG_IDENTIFIER='fail2ban')} as {@code server.py:setLogTarget}
 * creates it, speaking the journal's native protocol ({@code sd_journal_sendv}) on its datagram socket: one datagram
 * per event with the fields {@code MESSAGE} (the formatted line), {@code PRIORITY} ({@link LogLevel#journalPriority}),
 * {@code LOGGER}, {@code THREAD_NAME} and {@code SYSLOG_IDENTIFIER=fail2ban}; a value holding a newline goes in the
 * protocol's binary form (name, newline, 64-bit little-endian length, value). Upstream's {@code CODE_FILE},
 * {@code CODE_LINE} and {@code CODE_FUNC} are not sent (Java loggers do not know their caller). An event larger than
 * the socket takes (libsystemd would pass it in a memfd) is reported as a logging error.
 */
final class JournalTarget extends AbstractTarget {
    /** The identifier upstream gives its journal handler. */
    static final String IDENTIFIER = "fail2ban";

    private final Path path;
    private final StringBuilder line = new StringBuilder(256);
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream(512);
    private UnixDatagramChannel channel;
    private UnixSocketAddress address;

    JournalTarget(Path path, LogLineFormat format, PrintStream errors) {
        super(format, errors);
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    void write(LogEvent event) throws IOException {
        line.setLength(0);
        format.formatTo(line, event);
        packet.reset();
        field("MESSAGE", line.toString());
        field("PRIORITY", Integer.toString(LogLevel.journalPriority(event.level())));
        field("LOGGER", event.logger());
        field("THREAD_NAME", event.threadName());
        field("SYSLOG_IDENTIFIER", IDENTIFIER);
        if (channel == null) {
            channel = UnixDatagramChannel.open();
            address = new UnixSocketAddress(path.toFile());
        }
        channel.send(ByteBuffer.wrap(packet.toByteArray()), address);
    }

    /** One field in the native protocol's text or binary form. */
    private void field(String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        packet.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if (value.indexOf('\n') < 0) {
            packet.write('=');
        } else {
            packet.write('\n');
            long n = v.length;
            for (int i = 0; i < 8; i++) {
                packet.write((int) (n >>> (8 * i)) & 0xff);
            }
        }
        packet.writeBytes(v);
        packet.write('\n');
    }

    @Override
    void release() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // a datagram socket buffers nothing
            }
            channel = null;
        }
    }

    @Override
    public String describe() {
        return "SYSTEMD-JOURNAL (" + path + ")";
    }
}
