package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.Oracle;

/**
 * The proof every firewall test makes: before the ban the attacker and the other host reach every port; after the
 * attacker's failures are logged and the jail bans it, the attacker is cut off on the banned ports (each protocol in
 * the list) and still reaches the others, the other host reaches everything; after {@code unbanip} the attacker
 * reaches everything again. Gaps are collected and reported together; {@link #summary()} is the line printed per
 * action.
 */
public final class BanCheck {
    private final String label;
    private final Netns net;
    private final Traffic traffic;
    private final FirewallServer server;
    private final String jail;
    private final boolean v6;
    private final List<String> gaps = new ArrayList<>();
    private int maxretry = 3;

    public BanCheck(String label, Netns net, Traffic traffic, FirewallServer server, String jail, boolean v6) {
        this.label = label;
        this.net = net;
        this.traffic = traffic;
        this.server = server;
        this.jail = jail;
        this.v6 = v6;
    }

    public BanCheck maxretry(int n) {
        maxretry = n;
        return this;
    }

    /** The probes of the given protocols on the given ports, to the server's address of this check's family. */
    public List<Traffic.Probe> probes(List<String> protocols, int... ports) {
        List<Traffic.Probe> l = new ArrayList<>();
        for (String proto : protocols) {
            for (int p : ports) {
                l.add(new Traffic.Probe(proto, net.server().address(v6), p));
            }
        }
        return l;
    }

    /**
     * Checks that from {@code host} each probe is open ({@code true}) or blocked as expected; records gaps. The
     * server logs "Ban"/"Unban" before its action has run, so a probe that disagrees is tried again for a few seconds
     * before it counts as a gap.
     */
    public void expect(String stage, Netns.Host host, List<Traffic.Probe> probes, boolean open)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Traffic.Probe> pending = new ArrayList<>(probes);
        Map<Traffic.Probe, Boolean> got = traffic.reach(host, pending);
        while (true) {
            pending.clear();
            got.forEach((probe, isOpen) -> {
                if (isOpen != open) {
                    pending.add(probe);
                }
            });
            if (pending.isEmpty() || System.nanoTime() > end) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
            got = traffic.reach(host, pending);
        }
        for (Traffic.Probe probe : pending) {
            gaps.add(stage + ": " + probe + " from " + host.address(v6) + " is " + (open ? "blocked" : "open")
                    + ", expected " + (open ? "open" : "blocked"));
        }
    }

    /** Logs the attacker's failures and waits for the jail's ban notice. */
    public void ban() throws IOException, InterruptedException {
        String ip = net.attacker().address(v6);
        long before = server.countLog("[" + jail + "] Ban " + ip);
        server.failLogins(ip, maxretry);
        server.awaitLogCount("[" + jail + "] Ban " + ip, before + 1);
    }

    /** Unbans the attacker through the client and waits until the action has run. */
    public void unban() throws InterruptedException {
        String ip = net.attacker().address(v6);
        long before = server.countLog("[" + jail + "] Unban " + ip);
        Oracle.Run r = server.client("set", jail, "unbanip", ip);
        if (r.status() != 0) {
            gaps.add("unbanip failed: " + r.stdout() + r.stderr());
            return;
        }
        server.awaitLogCount("[" + jail + "] Unban " + ip, before + 1);
    }

    /**
     * The whole proof: everything open, ban, {@code blocked} probes blocked and {@code open} ones open for the
     * attacker, all open for the other host, unban, everything open again.
     */
    public BanCheck run(List<Traffic.Probe> blocked, List<Traffic.Probe> open) throws IOException, InterruptedException {
        List<Traffic.Probe> all = new ArrayList<>(blocked);
        all.addAll(open);
        expect("before ban", net.attacker(), all, true);
        ban();
        expect("banned", net.attacker(), blocked, false);
        expect("banned", net.attacker(), open, true);
        expect("banned, other host", net.other(), all, true);
        unban();
        expect("after unban", net.attacker(), all, true);
        return this;
    }

    public List<String> gaps() {
        return gaps;
    }

    /** The summary line; fails the test (after printing it) when there is a gap. */
    public void report() {
        String line = summary();
        System.out.println(line);
        if (!gaps.isEmpty()) {
            fail(line + "\n" + String.join("\n", gaps) + "\nserver log:\n" + server.serverLogText());
        }
    }

    public String summary() {
        return label + " " + (v6 ? "ipv6" : "ipv4") + ": " + (gaps.isEmpty() ? "ban blocks, unban restores"
                : gaps.size() + " gap(s): " + gaps.get(0));
    }
}
