package org.fail2ban4j.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable index of address networks for the question "which is the first network (by insertion order) that
 * {@code ip.isInNet(net)}?", answered with one binary search per distinct prefix length instead of a scan over all
 * networks. Only {@link IpAddress.Family#INET4}/{@link IpAddress.Family#INET6} entries are indexed.
 */
final class NetIndex {

    static final NetIndex EMPTY = new NetIndex(new ArrayList<>(), new ArrayList<>());

    /** Networks of one family and one (effective) prefix length: keys sorted, unsigned, (hi, lo). */
    private static final class Bucket {
        final int plen;
        final long[] his;
        final long[] los;
        final int[] orders;

        Bucket(int plen, TreeMap<Key, Integer> entries) {
            this.plen = plen;
            int n = entries.size();
            his = new long[n];
            los = new long[n];
            orders = new int[n];
            int i = 0;
            for (Map.Entry<Key, Integer> e : entries.entrySet()) {
                his[i] = e.getKey().hi;
                los[i] = e.getKey().lo;
                orders[i] = e.getValue();
                i++;
            }
        }

        /** Order of the entry equal to (hi, lo), or -1. */
        int find(long hi, long lo) {
            int low = 0;
            int high = his.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Long.compareUnsigned(his[mid], hi);
                if (c == 0) {
                    c = Long.compareUnsigned(los[mid], lo);
                }
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return orders[mid];
                }
            }
            return -1;
        }
    }

    private static final class Key implements Comparable<Key> {
        final long hi;
        final long lo;

        Key(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        @Override
        public int compareTo(Key o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hi == hi && ((Key) o).lo == lo;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hi) * 31 + Long.hashCode(lo);
        }
    }

    private final Bucket[] v4;
    private final Bucket[] v6;

    private NetIndex(List<Bucket> v4, List<Bucket> v6) {
        this.v4 = v4.toArray(new Bucket[0]);
        this.v6 = v6.toArray(new Bucket[0]);
    }

    /**
     * Index {@code nets}; the order of an entry is its position in the list. Entries that are no address are
     * skipped (their positions still count).
     */
    static NetIndex of(List<IpAddress> nets) {
        TreeMap<Integer, TreeMap<Key, Integer>> m4 = new TreeMap<>();
        TreeMap<Integer, TreeMap<Key, Integer>> m6 = new TreeMap<>();
        for (int i = 0; i < nets.size(); i++) {
            IpAddress n = nets.get(i);
            if (n == null || !n.isAddress()) {
                continue;
            }
            // a prefix beyond the address length masks nothing: it behaves as the full length
            TreeMap<Integer, TreeMap<Key, Integer>> m = n.isIPv4() ? m4 : m6;
            int plen = Math.min(n.plen(), n.isIPv4() ? 32 : 128);
            m.computeIfAbsent(plen, k -> new TreeMap<>()).putIfAbsent(new Key(n.hi(), n.lo()), i);
        }
        if (m4.isEmpty() && m6.isEmpty()) {
            return EMPTY;
        }
        List<Bucket> b4 = new ArrayList<>();
        m4.forEach((plen, entries) -> b4.add(new Bucket(plen, entries)));
        List<Bucket> b6 = new ArrayList<>();
        m6.forEach((plen, entries) -> b6.add(new Bucket(plen, entries)));
        return new NetIndex(b4, b6);
    }

    boolean isEmpty() {
        return v4.length == 0 && v6.length == 0;
    }

    /** The smallest order of a network that {@code ip} is in, or -1. */
    int firstMatch(IpAddress ip) {
        int best = -1;
        if (ip.isIPv4()) {
            long lo = ip.lo();
            for (Bucket b : v4) {
                int o = b.find(0, lo & IpAddress.v4Mask(b.plen));
                if (o >= 0 && (best < 0 || o < best)) {
                    best = o;
                }
            }
        } else if (ip.isIPv6()) {
            long hi = ip.hi();
            long lo = ip.lo();
            for (Bucket b : v6) {
                int o = b.find(hi & IpAddress.v6MaskHi(b.plen), lo & IpAddress.v6MaskLo(b.plen));
                if (o >= 0 && (best < 0 || o < best)) {
                    best = o;
                }
            }
        }
        return best;
    }

    /** True if {@code ip} is in any indexed network. */
    boolean matches(IpAddress ip) {
        if (ip.isIPv4()) {
            long lo = ip.lo();
            for (Bucket b : v4) {
                if (b.find(0, lo & IpAddress.v4Mask(b.plen)) >= 0) {
                    return true;
                }
            }
        } else if (ip.isIPv6()) {
            long hi = ip.hi();
            long lo = ip.lo();
            for (Bucket b : v6) {
                if (b.find(hi & IpAddress.v6MaskHi(b.plen), lo & IpAddress.v6MaskLo(b.plen)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
