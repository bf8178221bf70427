package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the iptables-based actions left in the firewall host's namespace: the rules of both families
 * ({@code iptables -S}, {@code ip6tables -S}) and the ipsets, to prove that a stop leaves nothing behind and that no
 * ban is applied twice.
 */
final class IptablesState {
    private IptablesState() {
    }

    private static String tool(boolean v6) {
        return v6 ? "ip6tables" : "iptables";
    }

    /**
     * Lifts the kernel's rate limit of ICMP errors in the firewall host (per namespace), so that every probe a REJECT
     * rule refuses is answered at once: with the default limit (one ICMPv6 error a second) the second refused probe
     * of a row would wait for its timeout.
     */
    static void fastRejects(Netns net) throws IOException {
        net.must(net.firewall().ns(), "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0");
    }

    /**
     * Removes every rule, chain and set from the firewall host, so that a namespace shared by several tests starts
     * each one clean even after a failed test.
     */
    static void reset(Netns net) throws IOException {
        String ns = net.firewall().ns();
        for (String t : List.of("iptables", "ip6tables")) {
            net.must(ns, t, "-w", "-F");
            net.must(ns, t, "-w", "-X");
        }
        net.must(ns, "ipset", "destroy");
    }

    /** {@code iptables -S} (or {@code ip6tables -S}) of the filter table, one rule or chain a line. */
    static List<String> rules(Netns net, boolean v6) throws IOException {
        return net.must(net.firewall().ns(), tool(v6), "-w", "-S").lines().toList();
    }

    /** The names of the ipsets in the firewall host. */
    static List<String> ipsets(Netns net) throws IOException {
        return net.must(net.firewall().ns(), "ipset", "list", "-n").lines().filter(l -> !l.isBlank()).toList();
    }

    /** The members of an ipset. */
    static List<String> members(Netns net, String set) throws IOException {
        String out = net.must(net.firewall().ns(), "ipset", "list", set);
        int i = out.indexOf("Members:\n");
        return i < 0 ? List.of() : out.substring(i + 9).lines().filter(l -> !l.isBlank()).toList();
    }

    /** How many rules of {@code iptables -S} contain every one of the given fragments. */
    static long count(Netns net, boolean v6, String... fragments) throws IOException {
        return rules(net, v6).stream().filter(l -> {
            for (String f : fragments) {
                if (!l.contains(f)) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    /**
     * Fails unless {@code iptables-save} and {@code ip6tables-save} show no {@code f2b-} chain or rule (and no rule
     * matching a set) and {@code ipset list -n} is empty; {@code what} names the step (e.g. "stop").
     */
    static void assertClean(Netns net, String what) throws IOException {
        List<String> left = new ArrayList<>();
        for (String save : List.of("iptables-save", "ip6tables-save")) {
            for (String l : net.must(net.firewall().ns(), save).lines().toList()) {
                if (l.contains("f2b-") || l.contains("--match-set")) {
                    left.add(save + ": " + l);
                }
            }
        }
        for (String set : ipsets(net)) {
            left.add("ipset: " + set);
        }
        if (!left.isEmpty()) {
            fail(what + " leaves firewall state behind:\n" + String.join("\n", left));
        }
    }
}
