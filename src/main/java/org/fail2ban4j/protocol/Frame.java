package org.fail2ban4j.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Port of {@code fail2ban/protocol.py:CSPROTO} and the framing of {@code fail2ban/client/csocket.py} and
 * {@code fail2ban/server/asyncserver.py}: every message, in both directions, is a pickle followed by the marker
 * {@code <F2B_END_COMMAND>}; a client ends its connection by sending {@code <F2B_CLOSE_COMMAND><F2B_END_COMMAND>}.
 * There is no length prefix and no escaping: a message ends at the first end marker, whatever it is inside of (as
 * upstream). {@link FrameDecoder} splits a byte stream into messages.
 */
public final class Frame {
    private static final byte[] END = "<F2B_END_COMMAND>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "<F2B_CLOSE_COMMAND>".getBytes(StandardCharsets.US_ASCII);

    private Frame() {
    }

    /** The end marker {@code <F2B_END_COMMAND>} (a fresh copy). */
    public static byte[] endMarker() {
        return END.clone();
    }

    /** The close marker {@code <F2B_CLOSE_COMMAND>} (a fresh copy). */
    public static byte[] closeMarker() {
        return CLOSE.clone();
    }

    /** One message on the wire: the payload followed by the end marker. */
    public static byte[] encode(byte[] payload) {
        byte[] out = Arrays.copyOf(payload, payload.length + END.length);
        System.arraycopy(END, 0, out, payload.length, END.length);
        return out;
    }

    /** What a client sends before it hangs up: {@code <F2B_CLOSE_COMMAND><F2B_END_COMMAND>}. */
    public static byte[] closeRequest() {
        return encode(CLOSE);
    }

    /** Whether a received message (without its end marker) is the close marker: the server then hangs up. */
    public static boolean isClose(byte[] message) {
        return Arrays.equals(message, CLOSE);
    }

    static int endLength() {
        return END.length;
    }

    /** Index of the first end marker in {@code buf[from, to)}, or -1. */
    static int indexOfEnd(byte[] buf, int from, int to) {
        int last = to - END.length;
        outer:
        for (int i = Math.max(from, 0); i <= last; i++) {
            for (int k = 0; k < END.length; k++) {
                if (buf[i + k] != END[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
