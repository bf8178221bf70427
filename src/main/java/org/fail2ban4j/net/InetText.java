package org.fail2ban4j.net;

/**
 * Address text conversion with the rules of glibc's {@code inet_pton} and {@code inet_ntop}, which upstream reaches
 * through Python's {@code socket.inet_pton}/{@code inet_ntop}. No DNS, no allocation beyond the result.
 */
final class InetText {

    private InetText() {
    }

    /**
     * glibc {@code inet_pton4}: exactly four decimal parts 0-255, no leading zeros, nothing else.
     *
     * @return the address as unsigned 32-bit value, or -1 if {@code s[start, end)} is not an IPv4 address
     */
    static long parseIPv4(CharSequence s, int start, int end) {
        long result = 0;
        int octets = 0;
        int cur = 0;
        boolean sawDigit = false;
        for (int i = start; i < end; i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (sawDigit && cur == 0) {
                    return -1; // leading zero
                }
                cur = cur * 10 + (ch - '0');
                if (cur > 255) {
                    return -1;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return -1;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return -1;
                }
                result = (result << 8) | cur;
                cur = 0;
                sawDigit = false;
            } else {
                return -1;
            }
        }
        if (octets < 4 || !sawDigit) {
            return -1;
        }
        return (result << 8) | cur;
    }

    /**
     * glibc {@code inet_pton6}: hex groups of at most 4 digits, one {@code ::}, an optional dotted IPv4 tail.
     *
     * @return {@code {high 64 bits, low 64 bits}}, or null if {@code s} is not an IPv6 address
     */
    static long[] parseIPv6(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        int[] words = new int[8];
        int tp = 0; // next word index
        int colonp = -1; // word index where "::" stands
        int i = 0;
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int curtok = i;
        int digits = 0;
        int val = 0;
        boolean tailV4 = false;
        while (i < n) {
            char ch = s.charAt(i++);
            int d = hexValue(ch);
            if (d >= 0) {
                if (digits == 4) {
                    return null;
                }
                val = (val << 4) | d;
                digits++;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (digits == 0) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = tp;
                    continue;
                } else if (i == n) {
                    return null;
                }
                if (tp + 1 > 8) {
                    return null;
                }
                words[tp++] = val;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 2 <= 8) {
                long v4 = parseIPv4(s, curtok, n);
                if (v4 >= 0) {
                    words[tp++] = (int) (v4 >>> 16);
                    words[tp++] = (int) (v4 & 0xFFFF);
                    digits = 0;
                    tailV4 = true;
                    break;
                }
            }
            return null;
        }
        if (!tailV4 && digits > 0) {
            if (tp + 1 > 8) {
                return null;
            }
            words[tp++] = val;
        }
        if (colonp >= 0) {
            if (tp == 8) {
                return null; // "::" would stand for no group at all
            }
            int moved = tp - colonp;
            for (int k = 1; k <= moved; k++) {
                words[8 - k] = words[tp - k];
                words[tp - k] = 0;
            }
            tp = 8;
        }
        if (tp != 8) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | words[k];
            lo = (lo << 16) | words[k + 4];
        }
        return new long[] {hi, lo};
    }

    private static int hexValue(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return -1;
    }

    /** glibc {@code inet_ntop4}: {@code a.b.c.d}. */
    static String formatIPv4(long v) {
        StringBuilder sb = new StringBuilder(15);
        appendIPv4(sb, v);
        return sb.toString();
    }

    private static void appendIPv4(StringBuilder sb, long v) {
        sb.append((v >>> 24) & 0xFF).append('.').append((v >>> 16) & 0xFF).append('.')
                .append((v >>> 8) & 0xFF).append('.').append(v & 0xFF);
    }

    /**
     * glibc {@code inet_ntop6}: lower-case hex without leading zeros, the first longest run (of at least two)
     * zero groups as {@code ::}, and the dotted tail for IPv4-compatible ({@code ::a.b.c.d}) and IPv4-mapped
     * ({@code ::ffff:a.b.c.d}) addresses.
     */
    static String formatIPv6(long hi, long lo) {
        int[] words = new int[8];
        for (int k = 0; k < 4; k++) {
            words[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            words[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int k = 0; k < 8; k++) {
            if (words[k] == 0) {
                if (curBase == -1) {
                    curBase = k;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (bestBase != -1 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (k != 0) {
                sb.append(':');
            }
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                appendIPv4(sb, lo & 0xFFFF_FFFFL);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[k]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
