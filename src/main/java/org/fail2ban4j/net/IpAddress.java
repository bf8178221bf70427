package org.fail2ban4j.net;

import org.fail2ban4j.regex.PyStrings;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/ipdns.py:IPAddr}: an IPv4 or IPv6 address or network, or a failure id that is not
 * an address.
 *
 * <p>Immutable value object. Four kinds exist ({@link Family}):
 * <ul>
 *   <li>{@link Family#INET4} and {@link Family#INET6}: an address with a prefix length {@link #plen()} (32 resp. 128
 *       for a single address). Host bits of a network are masked out, as upstream does.</li>
 *   <li>{@link Family#INVALID}: the text was not an address (upstream {@code AF_UNSPEC}), typically a host name; the
 *       text is kept in {@link #raw()}. {@link #isValid()} is false.</li>
 *   <li>{@link Family#RAW}: a failure id kept as text on purpose (upstream {@code CIDR_RAW}, used with
 *       {@code usedns = raw} and for non-IP failure ids). {@link #isValid()} is <em>true</em>, as upstream.</li>
 * </ul>
 *
 * <p>Parsing follows upstream exactly: addresses are recognised as glibc's {@code inet_pton} does (dotted quad
 * without leading zeros; every IPv6 text form including an embedded IPv4 tail), {@code ::ffff:a.b.c.d} becomes the
 * IPv4 address, {@code [v6]} brackets are dropped, and {@code addr/len} or {@code addr/mask} give a network.
 * IPv6 zone ids ({@code fe80::1%eth0}) and octal/hex forms are not addresses upstream either; they are kept as
 * {@link Family#INVALID} text. Parsing never touches DNS.
 *
 * <p>{@link #toString()} is upstream's {@code ntoa}: glibc {@code inet_ntop} output (compressed IPv6), plus
 * {@code /plen} when the prefix is shorter than the full length.
 *
 * <p>Equality is upstream's {@code __eq__} between two {@code IPAddr}: family, address and prefix length; two
 * non-address ids are equal when their texts are (upstream compares two raw ids as always equal, which
 * contradicts its own hash; this port keeps {@code equals} consistent with {@code hashCode}).
 */
public final class IpAddress implements Comparable<IpAddress> {

    /** Upstream {@code IPAddr.IP_4_RE}, Python source text. */
    public static final String IP_4_RE = "(?:\\d{1,3}\\.){3}\\d{1,3}";
    /** Upstream {@code IPAddr.IP_6_RE}, Python source text (1.1.1 form). */
    public static final String IP_6_RE = "(?:[0-9a-fA-F]{1,4}::?|:){1,7}(?:[0-9a-fA-F]{1,4}|(?<=:):)";
    /** Upstream {@code IPAddr.IP_4_6_CRE} pattern, Python source text. */
    public static final String IP_4_6_CRE =
            "^(?:(?P<IPv4>" + IP_4_RE + ")|\\[?(?P<IPv6>" + IP_6_RE + ")\\]?)$";
    /** Upstream {@code IPAddr.IP_W_CIDR_CRE} pattern, Python source text. */
    public static final String IP_W_CIDR_CRE =
            "^(" + IP_4_RE + "|" + IP_6_RE + ")/(?:(\\d+)|(" + IP_4_RE + "|" + IP_6_RE + "))$";

    /** Upstream {@code IPAddr.CIDR_RAW}: keep the text as a raw failure id. */
    public static final int CIDR_RAW = -2;
    /** Upstream {@code IPAddr.CIDR_UNSPEC}: no prefix given, accept {@code addr/len} and {@code [v6]} text. */
    public static final int CIDR_UNSPEC = -1;
    /** Upstream {@code IPAddr.FAM_IPv4} ({@code CIDR_RAW - AF_INET}): the text must be an IPv4 address. */
    public static final int FAM_IPV4 = -4;
    /** Upstream {@code IPAddr.FAM_IPv6} ({@code CIDR_RAW - AF_INET6}): the text must be an IPv6 address. */
    public static final int FAM_IPV6 = -12;

    /** Python's {@code socket.AF_INET}. */
    private static final int AF_INET = 2;
    /** Python's {@code socket.AF_INET6}. */
    private static final int AF_INET6 = 10;

    // Java forms of the patterns above (named groups without "P"); Python's \d and $ semantics.
    private static final int PY_FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    private static final Pattern IP_4_6 = Pattern.compile(IP_4_6_CRE.replace("(?P<", "(?<"), PY_FLAGS);
    private static final Pattern IP_W_CIDR = Pattern.compile(IP_W_CIDR_CRE, PY_FLAGS);

    private static final long V4_ALL = 0xFFFF_FFFFL;

    /** The kind of an {@link IpAddress}, in upstream's sort order ({@code CIDR_RAW < AF_UNSPEC < INET < INET6}). */
    public enum Family {
        /** A raw failure id (upstream {@code CIDR_RAW}). */
        RAW,
        /** Not an address, e.g. a host name (upstream {@code AF_UNSPEC}). */
        INVALID,
        /** IPv4 ({@code AF_INET}). */
        INET4,
        /** IPv6 ({@code AF_INET6}). */
        INET6
    }

    private final Family family;
    /** High 64 bits of an IPv6 address; 0 for IPv4. */
    private final long hi;
    /** Low 64 bits of an IPv6 address, or the 32-bit IPv4 address. */
    private final long lo;
    private final int plen;
    private final String raw;
    /** Cached {@code ntoa}; benign race, the value is always the same. */
    private String text;

    private IpAddress(Family family, long hi, long lo, int plen, String raw) {
        this.family = family;
        this.hi = hi;
        this.lo = lo;
        this.plen = plen;
        this.raw = raw;
    }

    // ------------------------------------------------------------------ factories

    /**
     * {@code IPAddr(text)}: an address, a network ({@code 1.2.3.0/24}, {@code 1.2.3.0/255.255.255.0},
     * {@code 2001:db8::/32}, {@code [::1]}), or, when the text is no address, an {@link Family#INVALID} id.
     *
     * @throws IllegalArgumentException when a mask is given that has no prefix length
     *         ({@code invalid mask '255.0.255.0', no plen representation}), as upstream raises {@code ValueError}
     */
    public static IpAddress parse(String text) {
        return of(text, CIDR_UNSPEC);
    }

    /**
     * {@code IPAddr(text, cidr)} with upstream's meaning of {@code cidr}: {@link #CIDR_UNSPEC} (same as
     * {@link #parse}), {@link #CIDR_RAW} (a raw id), {@link #FAM_IPV4}/{@link #FAM_IPV6} (only that family, no
     * prefix syntax), or a prefix length {@code >= 0} applied to the address (no prefix syntax in {@code text}).
     * Other negative values never give an address.
     *
     * @throws IllegalArgumentException for an invalid mask, see {@link #parse}
     */
    public static IpAddress of(String text, int cidr) {
        Objects.requireNonNull(text, "text");
        if (cidr == CIDR_RAW) {
            return raw(text);
        }
        String ipstr = text;
        if (cidr == CIDR_UNSPEC) {
            // [ipv6] as written with a port: drop the brackets
            if (ipstr.length() > 2 && ipstr.charAt(0) == '[' && ipstr.charAt(ipstr.length() - 1) == ']') {
                ipstr = ipstr.substring(1, ipstr.length() - 1);
            }
            if (ipstr.indexOf('/') >= 0) {
                Matcher m = IP_W_CIDR.matcher(ipstr);
                if (m.lookingAt()) {
                    String mask = m.group(3);
                    int len = mask != null ? maskToPlen(mask) : parsePrefix(m.group(2));
                    return create(m.group(1), len);
                }
            }
        }
        return create(ipstr, cidr);
    }

    /** {@code IPAddr(id, CIDR_RAW)}: a failure id kept as text (never an address, but {@link #isValid()}). */
    public static IpAddress raw(String id) {
        return new IpAddress(Family.RAW, 0, 0, 0, Objects.requireNonNull(id, "id"));
    }

    /** An address from its 4 or 16 network-order bytes (as from {@code InetAddress.getAddress()}). */
    static IpAddress ofBytes(byte[] bytes) {
        IpAddress ip;
        if (bytes.length == 4) {
            ip = new IpAddress(Family.INET4, 0, toLong(bytes, 0, 4), 32, "");
        } else if (bytes.length == 16) {
            ip = ipv6(toLong(bytes, 0, 8), toLong(bytes, 8, 8), CIDR_UNSPEC, "");
        } else {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
        }
        // upstream builds these from the inet_ntop text, which is then also the raw text
        return new IpAddress(ip.family, ip.hi, ip.lo, ip.plen, ip.toString());
    }

    /**
     * Upstream {@code IPAddr.searchIP}: the address text if the whole {@code text} looks like an IPv4 address or a
     * (possibly bracketed) IPv6 address by the {@link #IP_4_6_CRE} pattern, without checking it further.
     */
    public static Optional<String> searchIP(String text) {
        Matcher m = IP_4_6.matcher(text);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String v4 = m.group("IPv4");
        if (v4 != null && !v4.isEmpty()) {
            return Optional.of(v4);
        }
        return Optional.ofNullable(m.group("IPv6"));
    }

    /**
     * Upstream {@code IPAddr.masktoplen}: the prefix length of a mask such as {@code 255.255.255.128} or
     * {@code ffff:ff80::}. A text that is no address counts as the mask 0, as upstream.
     *
     * @throws IllegalArgumentException when the mask is not contiguous
     */
    public static int maskToPlen(String mask) {
        return parse(mask).maskPlen();
    }

    private static int parsePrefix(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            // only reachable with more than 9 digits: every such length means "all bits", as upstream
            return Integer.MAX_VALUE;
        }
    }

    /** Upstream {@code IPAddr.__init}: convert {@code ipstr} with the already unwrapped {@code cidr}. */
    private static IpAddress create(String ipstr, int cidr) {
        boolean try4 = true;
        boolean try6 = true;
        if (cidr < CIDR_RAW) {
            int af = CIDR_RAW - cidr;
            try4 = af == AF_INET;
            try6 = af == AF_INET6;
        }
        if (try4) {
            long v4 = InetText.parseIPv4(ipstr, 0, ipstr.length());
            if (v4 >= 0) {
                if (cidr >= 0) {
                    return new IpAddress(Family.INET4, 0, v4 & v4Mask(cidr), cidr, ipstr);
                }
                return new IpAddress(Family.INET4, 0, v4, 32, ipstr);
            }
        }
        if (try6) {
            long[] v6 = InetText.parseIPv6(ipstr);
            if (v6 != null) {
                return ipv6(v6[0], v6[1], cidr, ipstr);
            }
        }
        return new IpAddress(Family.INVALID, 0, 0, 0, ipstr);
    }

    private static IpAddress ipv6(long hi, long lo, int cidr, String ipstr) {
        if (cidr >= 0) {
            return new IpAddress(Family.INET6, hi & v6MaskHi(cidr), lo & v6MaskLo(cidr), cidr, ipstr);
        }
        // IPv4-mapped (::ffff:0:0/96) becomes the IPv4 address
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return new IpAddress(Family.INET4, 0, lo & V4_ALL, 32, ipstr);
        }
        return new IpAddress(Family.INET6, hi, lo, 128, ipstr);
    }

    private static long toLong(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    // ------------------------------------------------------------------ masks

    /** {@code ~(0xFFFFFFFF >> plen)} restricted to 32 bits; all ones from 32 on. */
    static long v4Mask(int plen) {
        if (plen >= 32) {
            return V4_ALL;
        }
        return (V4_ALL << (32 - plen)) & V4_ALL;
    }

    static long v6MaskHi(int plen) {
        if (plen >= 64) {
            return -1L;
        }
        return plen == 0 ? 0L : -1L << (64 - plen);
    }

    static long v6MaskLo(int plen) {
        if (plen <= 64) {
            return 0L;
        }
        return plen >= 128 ? -1L : -1L << (128 - plen);
    }

    // ------------------------------------------------------------------ properties

    /** The kind of this value. */
    public Family family() {
        return family;
    }

    /** Upstream {@code isValid}: true for addresses and for raw ids, false for text that is no address. */
    public boolean isValid() {
        return family != Family.INVALID;
    }

    /** Upstream {@code isIPv4}. */
    public boolean isIPv4() {
        return family == Family.INET4;
    }

    /** Upstream {@code isIPv6}. */
    public boolean isIPv6() {
        return family == Family.INET6;
    }

    /** True for a raw failure id ({@link #CIDR_RAW}). */
    public boolean isRaw() {
        return family == Family.RAW;
    }

    /** True for IPv4 and IPv6 values. */
    public boolean isAddress() {
        return family == Family.INET4 || family == Family.INET6;
    }

    /** Upstream {@code plen}: the prefix length (0 for non-addresses; may exceed 32/128 if given so). */
    public int plen() {
        return plen;
    }

    /** Upstream {@code isSingle}: an address with the full prefix length (not a network, name or raw id). */
    public boolean isSingle() {
        return (family == Family.INET4 && plen == 32) || (family == Family.INET6 && plen == 128);
    }

    /**
     * Upstream {@code raw}: the text this value was made from (after dropping {@code [..]} and {@code /len});
     * the whole value for names and raw ids.
     */
    public String raw() {
        return raw;
    }

    /** Upstream {@code familyStr}: {@code inet4} or {@code inet6}; empty for names and raw ids. */
    public Optional<String> familyStr() {
        switch (family) {
            case INET4:
                return Optional.of("inet4");
            case INET6:
                return Optional.of("inet6");
            default:
                return Optional.empty();
        }
    }

    /** Upstream {@code instanceType} (the ignore source name): {@code ip} if valid, else {@code dns}. */
    public String instanceType() {
        return isValid() ? "ip" : "dns";
    }

    /** Upstream {@code addr}: the address as an unsigned integer (0 for names and raw ids). */
    public BigInteger addr() {
        if (family == Family.INET6) {
            return new BigInteger(1, toBytes16());
        }
        return BigInteger.valueOf(lo);
    }

    /** Upstream {@code hexdump}: 8 or 32 lower-case hex digits; empty for names and raw ids. */
    public String hexdump() {
        if (family == Family.INET4) {
            return String.format("%08x", lo);
        }
        if (family == Family.INET6) {
            return String.format("%016x%016x", hi, lo);
        }
        return "";
    }

    /** The 4 or 16 network-order bytes of an address. */
    byte[] toBytes() {
        if (family == Family.INET4) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        if (family == Family.INET6) {
            return toBytes16();
        }
        throw new IllegalStateException("'" + raw + "' is not an IP address");
    }

    private byte[] toBytes16() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    long hi() {
        return hi;
    }

    long lo() {
        return lo;
    }

    /**
     * Upstream {@code maskplen}: this address read as a network mask, as prefix length.
     *
     * @throws IllegalArgumentException if it is not a contiguous mask
     */
    public int maskPlen() {
        if (!isAddress() || (hi == 0 && lo == 0)) {
            return 0;
        }
        if (hi == 0 && (lo >>> 32) == 0) {
            int ones = Long.bitCount(lo);
            if (lo == v4Mask(ones)) {
                return ones;
            }
        }
        if (family == Family.INET6 || hi != 0) {
            int ones = Long.bitCount(hi) + Long.bitCount(lo);
            if (hi == v6MaskHi(ones) && lo == v6MaskLo(ones)) {
                return ones;
            }
        }
        throw new IllegalArgumentException("invalid mask " + PyStrings.repr(toString()) + ", no plen representation");
    }

    // ------------------------------------------------------------------ networks

    /**
     * Upstream {@code isInNet} for an address network: same family and this address masked by the network's
     * prefix equals the network. A network that is a name (not valid) is never matched here: names are resolved
     * by {@link IpAddressSet#contains(IpAddress, DnsResolver)} and {@link IgnoreList}.
     */
    public boolean isInNet(IpAddress net) {
        if (family != net.family) {
            return false;
        }
        if (family == Family.INET4) {
            return (lo & v4Mask(net.plen)) == net.lo;
        }
        if (family == Family.INET6) {
            return (hi & v6MaskHi(net.plen)) == net.hi && (lo & v6MaskLo(net.plen)) == net.lo;
        }
        return false;
    }

    /** Upstream {@code contains}: {@code ip} equals this or lies in this network. */
    public boolean contains(IpAddress ip) {
        return ip.equals(this) || ip.isInNet(this);
    }

    // ------------------------------------------------------------------ text forms

    /** Upstream {@code ntoa}: the canonical text, {@code /plen} added for a shorter prefix; the raw text else. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = format();
            text = t;
        }
        return t;
    }

    private String format() {
        switch (family) {
            case INET4:
                return InetText.formatIPv4(lo) + (plen > 0 && plen < 32 ? "/" + plen : "");
            case INET6:
                return InetText.formatIPv6(hi, lo) + (plen > 0 && plen < 128 ? "/" + plen : "");
            default:
                return raw;
        }
    }

    /**
     * Upstream {@code getPTR()}: the reverse DNS name, {@code 4.3.2.1.in-addr.arpa.} or the 32-nibble
     * {@code ....ip6.arpa.} form; empty for names and raw ids.
     */
    public String getPTR() {
        return getPTR(family == Family.INET6 ? "ip6.arpa." : "in-addr.arpa.");
    }

    /**
     * Upstream {@code getPTR(suffix)}; {@code getPTR("")} is the {@code <ip-rev>} action tag ({@code 4.3.2.1.}).
     * Empty for names and raw ids.
     */
    public String getPTR(String suffix) {
        StringBuilder sb = new StringBuilder(80);
        if (family == Family.INET4) {
            String[] parts = toString().split("\\.", -1);
            for (int i = parts.length - 1; i >= 0; i--) {
                sb.append(parts[i]).append('.');
            }
        } else if (family == Family.INET6) {
            String hex = hexdump();
            for (int i = hex.length() - 1; i >= 0; i--) {
                sb.append(hex.charAt(i)).append('.');
            }
        } else {
            return "";
        }
        return sb.append(suffix).toString();
    }

    // ------------------------------------------------------------------ identity

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IpAddress)) {
            return false;
        }
        IpAddress other = (IpAddress) o;
        if (family != other.family) {
            return false;
        }
        if (!isAddress()) {
            return raw.equals(other.raw);
        }
        return hi == other.hi && lo == other.lo && plen == other.plen;
    }

    @Override
    public int hashCode() {
        if (!isAddress()) {
            return family.hashCode() * 31 + raw.hashCode();
        }
        return ((Long.hashCode(hi) * 31 + Long.hashCode(lo)) * 31 + plen) * 31 + family.ordinal();
    }

    /** Upstream's sort order: family ({@link Family} order), then address, then prefix, then raw text. */
    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        if (!isAddress()) {
            return raw.compareTo(o.raw);
        }
        c = Long.compareUnsigned(hi, o.hi);
        if (c == 0) {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(plen, o.plen);
    }
}
