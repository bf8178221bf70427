package org.fail2ban4j.source;

/** Python's {@code repr()} of a {@code bytes} value, used where upstream logs or formats raw bytes. */
public final class PyBytes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyBytes() {
    }

    /** {@code repr(b)}: {@code b'...'}, or {@code b"..."} when the bytes hold {@code '} but no {@code "}. */
    public static String repr(byte[] b, int off, int len) {
        boolean single = false;
        boolean dbl = false;
        for (int i = off; i < off + len; i++) {
            single |= b[i] == '\'';
            dbl |= b[i] == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder out = new StringBuilder(len + 3).append('b').append(quote);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c >= 0x7F) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    public static String repr(byte[] b) {
        return repr(b, 0, b.length);
    }
}
