package org.fail2ban4j.protocol;

import java.io.IOException;

/**
 * More bytes arrived without an end marker than the reader accepts. Upstream has no limit (its buffer grows until
 * memory runs out); ours is a guard with a generous default, see {@link FrameDecoder#DEFAULT_MAX_MESSAGE_BYTES}.
 */
public final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded. */
    public FrameTooLargeException(long limit) {
        super("message exceeds " + limit + " bytes without " + "<F2B_END_COMMAND>");
    }
}
