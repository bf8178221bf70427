package org.fail2ban4j.net;

import org.fail2ban4j.regex.PyStrings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Port of the ignore list of {@code fail2ban/server/filter.py:Filter} ({@code addIgnoreIP}, {@code delIgnoreIP},
 * {@code getIgnoreIP}, {@code ignoreSelf} and the list part of {@code _inIgnoreIPList}): the {@code ignoreip}
 * entries of one jail plus the {@code ignoreself} switch. The {@code ignorecommand} and {@code ignorecache} parts
 * belong to the filter.
 *
 * <p>Entries, as upstream keeps them: single addresses in a hash set; networks ({@code 10.0.0.0/8},
 * {@code 1.2.3.0/255.255.255.0}), host names (resolved at check time through the {@link DnsResolver}) and
 * {@code file:/path} lists ({@link FileIpSet}) in an ordered list. Networks are indexed by prefix, so a check costs
 * one hash lookup plus one binary search per distinct prefix length, and a scan of the name and file entries only.
 *
 * <p>{@link #ignoredBy} answers as upstream checks: own addresses first ({@code ignoreself rule}), then the single
 * addresses ({@code ip}), then the list in order, naming the first entry that matches ({@code ip} for a network,
 * {@code dns} for a name, {@code file:...} for a file list).
 *
 * <p>Thread-safe: changes are locked and publish an immutable snapshot; checks do not lock.
 */
public final class IgnoreList {

    /** The message the filter logs for an ignored failure, with jail, id and source ({@link #ignoredBy}). */
    public static final String IGNORE_MESSAGE = "[{}] Ignore {} by {}";
    /** Source name of an own address. */
    public static final String SOURCE_SELF = "ignoreself rule";
    /** Source name of an address or network entry. */
    public static final String SOURCE_IP = "ip";

    /** Upstream's error when {@code delignoreip} names no entry ({@code list.remove} of Python). */
    static final String NOT_IN_LIST = "list.remove(x): x not in list";

    private static final class Snapshot {
        final Set<IpAddress> singles;
        /** {@link IpAddress} (network or name) or {@link FileIpSet}, in insertion order. */
        final List<Object> list;
        final NetIndex nets;
        /** Positions in {@link #list} of names and file lists, ascending. */
        final int[] slow;

        Snapshot(Set<IpAddress> singles, List<Object> list) {
            this.singles = Collections.unmodifiableSet(singles);
            this.list = List.copyOf(list);
            List<IpAddress> netList = new ArrayList<>(list.size());
            List<Integer> slowList = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object o = list.get(i);
                if (o instanceof IpAddress && ((IpAddress) o).isAddress()) {
                    netList.add((IpAddress) o);
                } else {
                    netList.add(null);
                    slowList.add(i);
                }
            }
            this.nets = NetIndex.of(netList);
            this.slow = slowList.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private final DnsResolver resolver;
    private final FileIpSets files;
    private volatile boolean ignoreSelf = true;
    private volatile Snapshot snapshot = new Snapshot(new LinkedHashSet<>(), List.of());

    /**
     * An empty list with {@code ignoreself} on (upstream's default); names and own addresses resolve through
     * {@code resolver}, {@code file:} entries come from {@code files}.
     */
    public IgnoreList(DnsResolver resolver, FileIpSets files) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** Upstream {@code ignoreSelf}: whether the host's own addresses are ignored. */
    public boolean isIgnoreSelf() {
        return ignoreSelf;
    }

    /** Upstream {@code ignoreSelf = value} ({@code set <jail> ignoreself}). */
    public void setIgnoreSelf(boolean value) {
        ignoreSelf = value;
    }

    /**
     * Upstream {@code addIgnoreIP} ({@code set <jail> addignoreip}): add an address, network, host name or
     * {@code file:} list. Empty text is ignored; an entry equal to a present one is not added again (logged at
     * MSG level as {@code   Ignore duplicate '<ip>' ('<text>'), already in ignore list}).
     *
     * @return true if an entry was added
     * @throws IllegalArgumentException for a network with an invalid mask, with upstream's message
     *         ({@code invalid mask '255.0.255.0', no plen representation})
     */
    public synchronized boolean add(String entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.isEmpty()) {
            return false;
        }
        Snapshot s = snapshot;
        Optional<String> file = FileIpSet.fileNameOf(entry);
        if (file.isPresent()) {
            List<Object> list = new ArrayList<>(s.list);
            list.add(files.get(file.get()));
            snapshot = new Snapshot(new LinkedHashSet<>(s.singles), list);
            return true;
        }
        IpAddress ip = IpAddress.parse(entry);
        if (s.singles.contains(ip) || s.list.contains(ip)) {
            IpDnsLog.FILTER.info(IpDnsLog.MSG, "  Ignore duplicate {} ({}), already in ignore list",
                    PyStrings.repr(ip.toString()), PyStrings.repr(entry));
            return false;
        }
        IpDnsLog.FILTER.debug("  Add {} to ignore list ({})", PyStrings.repr(ip.toString()), PyStrings.repr(entry));
        LinkedHashSet<IpAddress> singles = new LinkedHashSet<>(s.singles);
        List<Object> list = new ArrayList<>(s.list);
        if (ip.isSingle()) {
            singles.add(ip);
        } else {
            list.add(ip);
        }
        snapshot = new Snapshot(singles, list);
        return true;
    }

    /**
     * Upstream {@code delIgnoreIP(ip)} ({@code set <jail> delignoreip}): remove the entry equal to {@code entry}
     * (same address or network, same name, or the same {@code file:} list).
     *
     * @throws IllegalArgumentException with upstream's message {@code list.remove(x): x not in list} when there is
     *         no such entry, or for a network with an invalid mask
     */
    public synchronized void remove(String entry) {
        Objects.requireNonNull(entry, "entry");
        IpDnsLog.FILTER.debug("  Remove {} from ignore list", PyStrings.repr(entry));
        Snapshot s = snapshot;
        List<Object> list = new ArrayList<>(s.list);
        Optional<String> file = FileIpSet.fileNameOf(entry);
        if (file.isPresent()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof FileIpSet && ((FileIpSet) list.get(i)).fileName().equals(file.get())) {
                    list.remove(i);
                    snapshot = new Snapshot(new LinkedHashSet<>(s.singles), list);
                    return;
                }
            }
            throw new IllegalArgumentException(NOT_IN_LIST);
        }
        IpAddress ip = IpAddress.parse(entry);
        if (s.singles.contains(ip)) {
            LinkedHashSet<IpAddress> singles = new LinkedHashSet<>(s.singles);
            singles.remove(ip);
            snapshot = new Snapshot(singles, list);
            return;
        }
        if (!list.remove(ip)) {
            throw new IllegalArgumentException(NOT_IN_LIST);
        }
        snapshot = new Snapshot(new LinkedHashSet<>(s.singles), list);
    }

    /** Upstream {@code delIgnoreIP()}: remove every entry. */
    public synchronized void clear() {
        snapshot = new Snapshot(new LinkedHashSet<>(), List.of());
    }

    /**
     * Upstream {@code getIgnoreIP} ({@code get <jail> ignoreip}): the list entries in insertion order (networks,
     * names, {@code file:} lists), then the single addresses; each as its text.
     */
    public List<String> toList() {
        Snapshot s = snapshot;
        List<String> out = new ArrayList<>(s.list.size() + s.singles.size());
        for (Object o : s.list) {
            out.add(o.toString());
        }
        for (IpAddress ip : s.singles) {
            out.add(ip.toString());
        }
        return out;
    }

    /** True if there is no entry. */
    public boolean isEmpty() {
        Snapshot s = snapshot;
        return s.singles.isEmpty() && s.list.isEmpty();
    }

    /**
     * The list part of upstream {@code _inIgnoreIPList}: why {@code ip} is ignored ({@link #SOURCE_SELF},
     * {@link #SOURCE_IP}, {@code dns} or the {@code file:...} list), or empty if it is not. The caller logs
     * {@link #IGNORE_MESSAGE} and goes on with {@code ignorecommand}.
     */
    public Optional<String> ignoredBy(IpAddress ip) {
        if (ignoreSelf && resolver.selfAddresses().contains(ip)) {
            return Optional.of(SOURCE_SELF);
        }
        Snapshot s = snapshot;
        if (s.singles.contains(ip)) {
            return Optional.of(SOURCE_IP);
        }
        int net = s.nets.firstMatch(ip);
        for (int pos : s.slow) {
            if (net >= 0 && pos > net) {
                break;
            }
            Object o = s.list.get(pos);
            if (o instanceof FileIpSet) {
                FileIpSet file = (FileIpSet) o;
                if (file.contains(ip)) {
                    return Optional.of(file.toString());
                }
            } else {
                IpAddress name = (IpAddress) o;
                if (isInName(ip, name)) {
                    return Optional.of(name.instanceType());
                }
            }
        }
        return net >= 0 ? Optional.of(SOURCE_IP) : Optional.empty();
    }

    /** Upstream {@code ip.isInNet(net)} for a list entry that is no address network. */
    private boolean isInName(IpAddress ip, IpAddress net) {
        if (net.family() == IpAddress.Family.INVALID && !net.raw().isEmpty()) {
            return resolver.nameToIps(net.raw()).contains(ip);
        }
        return ip.isInNet(net);
    }

    /** True if {@link #ignoredBy} finds a reason. */
    public boolean contains(IpAddress ip) {
        return ignoredBy(ip).isPresent();
    }
}
