package org.fail2ban4j.source;

/**
 * Python's UTF-8 codec where it differs from the JDK's: strict validation, and {@code errors='replace'} decoding
 * that writes one U+FFFD per maximal invalid subpart (the JDK writes one for {@code ED A0 80}, Python three).
 */
public final class PyUtf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private PyUtf8() {
    }

    /** Whether {@code len} bytes from {@code off} are well-formed UTF-8 (no surrogates, no overlongs). */
    public static boolean isValid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n = sequence(b, i, end);
            if (n <= 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** Decodes as Python's {@code bytes.decode('utf-8', 'replace')}. */
    public static String decodeReplacing(byte[] b, int off, int len) {
        int end = off + len;
        StringBuilder out = new StringBuilder(len);
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            }
            int n = sequence(b, i, end);
            if (n > 0) {
                out.appendCodePoint(codePoint(b, i, n));
                i += n;
            } else {
                out.append(REPLACEMENT);
                i += -n;
            }
        }
        return out.toString();
    }

    /**
     * Length of the well-formed sequence starting at {@code i}, or minus the length of its maximal invalid
     * subpart (at least one byte).
     */
    private static int sequence(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if (c == 0xED) {
            need = 2;
            hi = 0x9F;
        } else if (c >= 0xE1 && c <= 0xEF) {
            need = 2;
        } else if (c == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (c == 0xF4) {
            need = 3;
            hi = 0x8F;
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else {
            return -1;
        }
        for (int k = 1; k <= need; k++) {
            if (i + k >= end) {
                return -k;
            }
            int d = b[i + k] & 0xFF;
            if (d < lo || d > hi) {
                return -k;
            }
            lo = 0x80;
            hi = 0xBF;
        }
        return need + 1;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int c = b[i] & 0xFF;
        switch (n) {
            case 2:
                return ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
            case 3:
                return ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
            default:
                return ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
        }
    }
}
