package org.fail2ban4j.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Port of the message splitting of {@code fail2ban/server/asyncserver.py:RequestHandler}
 * ({@code asynchat.set_terminator(CSPROTO.END)}): splits a received byte stream into messages at each
 * {@code <F2B_END_COMMAND>}: bytes may arrive in any chunks (a marker split across two chunks is
 * found), several messages may arrive in one chunk, an empty message is a message, and bytes after the last marker
 * wait for more input. Messages are returned without their marker. Not thread-safe: one decoder per connection.
 */
public final class FrameDecoder {
    /** The default limit for one message: 64 MiB, far above any configuration stream. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;

    private final int maxMessageBytes;
    private byte[] buf = new byte[1024];
    private int start;
    private int end;
    /** Where the search for the next marker resumes (everything before it has been searched). */
    private int scanned;

    /** A decoder with the default message limit. */
    public FrameDecoder() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A decoder that refuses messages longer than {@code maxMessageBytes} (at least 1). */
    public FrameDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Adds received bytes.
     *
     * @throws FrameTooLargeException when more than the limit is buffered without an end marker
     */
    public void feed(byte[] data, int offset, int length) throws FrameTooLargeException {
        if (length == 0) {
            return;
        }
        if (end + length > buf.length) {
            int live = end - start;
            if (start > 0 && live + length <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                buf = Arrays.copyOfRange(buf, start, start + Math.max(buf.length * 2, live + length));
            }
            scanned -= start;
            end = live;
            start = 0;
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
        if (Frame.indexOfEnd(buf, scanned, end) < 0 && end - start > maxMessageBytes + Frame.endLength()) {
            throw new FrameTooLargeException(maxMessageBytes);
        }
    }

    /** Adds received bytes; see {@link #feed(byte[], int, int)}. */
    public void feed(byte[] data) throws FrameTooLargeException {
        feed(data, 0, data.length);
    }

    /** The next complete message (without its end marker), if one has arrived. */
    public Optional<byte[]> next() {
        int at = Frame.indexOfEnd(buf, Math.max(scanned, start), end);
        if (at < 0) {
            scanned = Math.max(start, end - Frame.endLength() + 1);
            return Optional.empty();
        }
        byte[] message = Arrays.copyOfRange(buf, start, at);
        start = at + Frame.endLength();
        scanned = start;
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
        }
        return Optional.of(message);
    }

    /** How many received bytes are not yet part of a returned message. */
    public int buffered() {
        return end - start;
    }
}
