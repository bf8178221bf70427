package org.fail2ban4j.net;

import org.fail2ban4j.regex.PyStrings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Port of {@code fail2ban/server/ipdns.py:IPAddrSet}: an immutable set of addresses, networks and names, where
 * {@link #contains} means "is a member, or (if the set holds any network or name) is contained in one".
 *
 * <p>Members are found by hash, networks through a prefix index; names (entries that are no address, e.g. in a
 * {@code file:} list) are resolved through the {@link DnsResolver} given to {@link #contains(IpAddress,
 * DnsResolver)}. Iteration follows insertion order.
 */
public final class IpAddressSet implements Iterable<IpAddress> {

    /** The empty set. */
    public static final IpAddressSet EMPTY = new IpAddressSet(new LinkedHashSet<>());

    private final Set<IpAddress> members;
    /** Upstream {@code hasSubNet}: a member that is not a single address exists. */
    private final boolean hasSubnet;
    /** All address members (single ones too: upstream checks every member once a network is present). */
    private final NetIndex index;
    /** Members that are no address and not raw: names to resolve. */
    private final List<IpAddress> names;

    private IpAddressSet(LinkedHashSet<IpAddress> members) {
        this.members = Collections.unmodifiableSet(members);
        boolean subnet = false;
        List<IpAddress> nameList = new ArrayList<>();
        for (IpAddress ip : members) {
            subnet |= !ip.isSingle();
            if (ip.family() == IpAddress.Family.INVALID && !ip.raw().isEmpty()) {
                nameList.add(ip);
            }
        }
        this.hasSubnet = subnet;
        this.names = List.copyOf(nameList);
        this.index = subnet ? NetIndex.of(new ArrayList<>(members)) : NetIndex.EMPTY;
    }

    /** A set of the given members (duplicates collapse, first position kept). */
    public static IpAddressSet of(Collection<IpAddress> ips) {
        if (ips.isEmpty()) {
            return EMPTY;
        }
        LinkedHashSet<IpAddress> set = new LinkedHashSet<>();
        for (IpAddress ip : ips) {
            set.add(Objects.requireNonNull(ip, "member"));
        }
        return new IpAddressSet(set);
    }

    /** A set of the given members. */
    public static IpAddressSet of(IpAddress... ips) {
        return of(List.of(ips));
    }

    /**
     * Upstream {@code IPAddrSet(list_of_str)}: every text through {@link IpAddress#parse}.
     *
     * @throws IllegalArgumentException for a text with an invalid mask
     */
    public static IpAddressSet parse(Collection<String> texts) {
        List<IpAddress> ips = new ArrayList<>(texts.size());
        for (String t : texts) {
            ips.add(IpAddress.parse(t));
        }
        return of(ips);
    }

    /** This set plus the members of {@code other}. */
    public IpAddressSet union(IpAddressSet other) {
        if (other.members.isEmpty()) {
            return this;
        }
        if (members.isEmpty()) {
            return other;
        }
        LinkedHashSet<IpAddress> set = new LinkedHashSet<>(members);
        set.addAll(other.members);
        return new IpAddressSet(set);
    }

    /**
     * Upstream {@code ip in IPAddrSet} where no member is a name: a member, or inside a member network. Name members
     * only match an equal name here; see {@link #contains(IpAddress, DnsResolver)}.
     */
    public boolean contains(IpAddress ip) {
        if (members.contains(ip)) {
            return true;
        }
        return hasSubnet && index.matches(ip);
    }

    /**
     * Upstream {@code ip in IPAddrSet}: a member, inside a member network, or among the addresses a member name
     * resolves to (through {@code resolver}).
     */
    public boolean contains(IpAddress ip, DnsResolver resolver) {
        if (contains(ip)) {
            return true;
        }
        if (hasSubnet) {
            for (IpAddress name : names) {
                if (resolver.nameToIps(name.raw()).contains(ip)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Upstream {@code hasSubNet}: true if a member is a network, a name or a raw id. */
    public boolean hasSubnet() {
        return hasSubnet;
    }

    /** The members, unmodifiable, in insertion order. */
    public Set<IpAddress> members() {
        return members;
    }

    /** Number of members. */
    public int size() {
        return members.size();
    }

    /** True if there are no members. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public Iterator<IpAddress> iterator() {
        return members.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddressSet && members.equals(((IpAddressSet) o).members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** Python's {@code repr} of a set of {@code IPAddr}: {@code {'192.0.2.1', '2001:db8::1'}}, sorted. */
    @Override
    public String toString() {
        if (members.isEmpty()) {
            return "set()";
        }
        return members.stream().sorted().map(ip -> PyStrings.repr(ip.toString()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
