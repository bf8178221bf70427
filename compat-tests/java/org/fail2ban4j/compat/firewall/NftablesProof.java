package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.compat.Oracle;

/**
 * The checks of the nftables tests that go beyond {@link BanCheck}'s ban/unban proof: expectations on traffic from
 * any host (a second attacker, the other host), on the firewall's ruleset and on the server's log, collected as gaps
 * and reported with one summary line ({@code <label>: <what was proven>}, or the first gap).
 */
final class NftablesProof {
    private static final Pattern ELEMENTS = Pattern.compile("elements\\s*=\\s*\\{([^}]*)}");

    private final String label;
    private final String proven;
    private final Netns net;
    private final NftablesTraffic traffic;
    private final FirewallServer server;
    private final List<String> gaps = new ArrayList<>();

    NftablesProof(String label, String proven, Netns net, NftablesTraffic traffic, FirewallServer server)
            throws IOException {
        unlimitIcmp(net);
        this.label = label;
        this.proven = proven;
        this.net = net;
        this.traffic = traffic;
        this.server = server;
    }

    /**
     * Whether the tests drive Python's {@code fail2ban-server} (Debian's 1.0.2, whose action and ban code paths
     * used here are those of 1.1.1) instead of ours: {@code -Dfail2ban4j.firewall.oracle=python} re-runs every
     * nftables test against it, to check that what they assert is upstream's behaviour.
     */
    static boolean python() {
        return "python".equals(System.getProperty("fail2ban4j.firewall.oracle"));
    }

    /** Starts the server under test (ours, or Python's, see {@link #python()}) and waits for the jails. */
    static void start(FirewallServer server, String... jails) throws IOException, InterruptedException {
        if (python()) {
            server.startPython(jails);
        } else {
            server.start(jails);
        }
    }

    /**
     * Lifts the firewall host's ICMP rate limits (per namespace): a {@code reject} answers with ICMP errors, and
     * the kernel's per-peer limit would otherwise turn quick series of rejected probes into slow time-outs.
     */
    static void unlimitIcmp(Netns net) throws IOException {
        net.must(net.firewall().ns(), "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0",
                "net.ipv6.icmp.ratelimit=0");
    }

    /** TCP and UDP probes on the given ports to the server's address of a family. */
    List<Traffic.Probe> probes(boolean v6, int... ports) {
        return traffic.probes(List.of("tcp", "udp"), v6, ports);
    }

    /** Records a gap for every probe from {@code host} (at its address of the probes' family) not as expected. */
    void expect(String stage, Netns.Host host, List<Traffic.Probe> probes, boolean open) throws IOException {
        Map<Traffic.Probe, Boolean> got = traffic.reach(host, probes);
        got.forEach((probe, isOpen) -> {
            if (isOpen != open) {
                gaps.add(stage + ": " + probe + " from " + host.address(probe.address().contains(":")) + " is "
                        + (isOpen ? "open" : "blocked") + ", expected " + (open ? "open" : "blocked"));
            }
        });
    }

    /** Records a gap unless {@code cond} holds. */
    void check(boolean cond, String gap) {
        if (!cond) {
            gaps.add(gap);
        }
    }

    List<String> gaps() {
        return gaps;
    }

    /** Prints the summary line and fails the test (with every gap and the server's log) when there is a gap. */
    void report() {
        String line = (python() ? "[python fail2ban-server] " : "") + label + ": "
                + (gaps.isEmpty() ? proven : gaps.size() + " gap(s): " + gaps.get(0));
        System.out.println(line);
        if (!gaps.isEmpty()) {
            fail(line + "\n" + String.join("\n", gaps) + "\nserver log:\n" + server.serverLogText());
        }
    }

    /** The firewall host's whole ruleset. */
    String ruleset() throws IOException {
        return net.must(net.firewall().ns(), "nft", "list", "ruleset");
    }

    /**
     * The elements of a set of table {@code inet f2b-table} (empty when the set or the table does not exist), as
     * {@code nft} prints them.
     */
    List<String> elements(String set) throws IOException {
        Netns.Result r = net.exec(net.firewall().ns(), "nft", "list", "set", "inet", "f2b-table", set);
        List<String> l = new ArrayList<>();
        if (r.status() != 0) {
            return l;
        }
        Matcher m = ELEMENTS.matcher(r.stdout());
        if (m.find()) {
            for (String e : m.group(1).split(",")) {
                if (!e.isBlank()) {
                    l.add(e.strip());
                }
            }
        }
        return l;
    }

    /** Whether a set exists in table {@code inet f2b-table}. */
    boolean setExists(String set) throws IOException {
        return net.exec(net.firewall().ns(), "nft", "list", "set", "inet", "f2b-table", set).status() == 0;
    }

    /** The set the stock action fills for a family: {@code addr-set-<name>} or {@code addr6-set-<name>}. */
    static String set(String name, boolean v6) {
        return (v6 ? "addr6-set-" : "addr-set-") + name;
    }

    /**
     * Waits until {@code ip} is (or is no longer) an element of {@code set}: the jail logs its ban or unban notice
     * before the actions run, so traffic is probed only once the firewall shows the change.
     */
    void awaitElement(String set, String ip, boolean present) throws InterruptedException {
        FirewallServer.await(() -> {
            try {
                return elements(set).contains(ip) == present;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Duration.ofSeconds(15), ip + (present ? " in " : " gone from ") + "set " + set + "\n"
                + server.serverLogText());
    }

    /** Logs {@code ip}'s failures, waits for the jail's next ban notice of it and for {@code ip} in {@code set}. */
    void ban(String jail, String ip, String set) throws IOException, InterruptedException {
        long before = server.countLog("[" + jail + "] Ban " + ip);
        server.failLogins(ip, 3);
        server.awaitLogCount("[" + jail + "] Ban " + ip, before + 1);
        awaitElement(set, ip, true);
    }

    /** Unbans {@code ip} through the client, waits for the jail's unban notice and for {@code ip} to leave the set. */
    void unban(String jail, String ip, String set) throws InterruptedException {
        long before = server.countLog("[" + jail + "] Unban " + ip);
        Oracle.Run r = server.client("set", jail, "unbanip", ip);
        if (r.status() != 0) {
            fail("unbanip " + ip + " in " + jail + " failed: " + r.stdout() + r.stderr());
        }
        server.awaitLogCount("[" + jail + "] Unban " + ip, before + 1);
        awaitElement(set, ip, false);
    }

    /**
     * {@link BanCheck}'s proof, waiting for the firewall after each notice: everything open for the attacker (at
     * his address of the family), ban, {@code blocked} probes blocked and {@code open} ones open for him, all open
     * for the other host, unban, everything open again. Gaps are recorded; the caller reports.
     */
    NftablesProof banUnban(String jail, String name, boolean v6, List<Traffic.Probe> blocked,
            List<Traffic.Probe> open) throws IOException, InterruptedException {
        return banUnban(jail, name, v6, blocked, open, () -> { });
    }

    /** A check made while the attacker is banned (the ruleset, say). */
    @FunctionalInterface
    interface WhileBanned {
        void check() throws IOException;
    }

    /** {@link #banUnban(String, String, boolean, List, List)} with more checks while the attacker is banned. */
    NftablesProof banUnban(String jail, String name, boolean v6, List<Traffic.Probe> blocked,
            List<Traffic.Probe> open, WhileBanned whileBanned) throws IOException, InterruptedException {
        List<Traffic.Probe> all = new ArrayList<>(blocked);
        all.addAll(open);
        String ip = net.attacker().address(v6);
        expect("before ban", net.attacker(), all, true);
        ban(jail, ip, set(name, v6));
        whileBanned.check();
        expect("banned", net.attacker(), blocked, false);
        expect("banned", net.attacker(), open, true);
        expect("banned, other host", net.other(), all, true);
        unban(jail, ip, set(name, v6));
        expect("after unban", net.attacker(), all, true);
        return this;
    }
}
