package org.fail2ban4j.regextool;

/**
 * Python's {@code bytes.decode('utf-8', 'replace')}: each maximal invalid subpart of a sequence becomes one
 * U+FFFD, as the Unicode standard recommends; surrogates encoded in UTF-8 ({@code ED A0..BF ..}) are invalid from
 * their second byte on, so each of their bytes becomes one U+FFFD (Java's decoder replaces the whole sequence once).
 */
final class PyUtf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private PyUtf8() {
    }

    static String decodeReplacing(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                cp = c & 0x0F;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                cp = c & 0x07;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                sb.append(REPLACEMENT);
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                if (j >= end) {
                    ok = false;
                    break;
                }
                int x = b[j] & 0xff;
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (x < min || x > max) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (x & 0x3F);
            }
            if (ok) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(REPLACEMENT);
            }
            i = j;
        }
        return sb.toString();
    }
}
