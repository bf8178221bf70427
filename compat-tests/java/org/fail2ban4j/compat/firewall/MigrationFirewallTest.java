package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Moving from Python fail2ban to ours on a live firewall: Python's {@code fail2ban-server} runs an iptables jail on
 * the configuration directory and database, bans the attacker's IPv4 and IPv6 addresses, and either stops (its
 * {@code actionstop} removes chain and rules) or is killed with SIGKILL (rules and sets stay); then our server starts
 * on the same configuration and database, restores the bans ({@code Restore Ban}; after a kill the log position
 * Python stored may be older than its bans, so ours may find the failures again first) and the attacker is cut off
 * again, each ban applied once; unbans through our client restore access, our stop leaves nothing.
 *
 * <p>After a SIGKILL, the stock {@code iptables-multiport} inserts the restored ban a second time (its
 * {@code actionban} is {@code iptables -I} without a check, upstream 1.1.1 does the same, and so does Python when it
 * restarts itself), so one unban leaves one copy: that case asserts upstream's behaviour; the ipset actions
 * ({@code ipset -exist add}) hold each ban once.
 */
class MigrationFirewallTest extends IptablesLanTest {
    @BeforeAll
    static void pythonServer() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fail2ban-server")), "Python fail2ban is not installed");
    }

    @ParameterizedTest(name = "{0}, Python {1}")
    @CsvSource({"iptables-multiport, stop", "iptables-ipset-proto6, kill", "iptables-multiport, kill"})
    void pythonThenOurs(String action, String end) throws Exception {
        boolean ipset = action.contains("ipset");
        boolean killed = end.equals("kill");
        String label = "migration " + action + " (Python " + (killed ? "killed -9" : "stopped") + ", then ours)";
        String jail = "[smtp]\nenabled = true\nbackend = %s\naction = " + action
                + "[name=SMTP, port=\"2201,2525\", protocol=tcp]\n";
        try (FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), jail.formatted("polling"))) {
            server.startPython("smtp");
            List<BanCheck> checks = new ArrayList<>();
            for (boolean v6 : new boolean[] {false, true}) {
                BanCheck check = new BanCheck(label, net, traffic, server, "smtp", v6);
                checks.add(check);
                check.expect("before ban (Python)", net.attacker(), all(check), true);
                check.ban();
                awaitBan(ipset, v6, 1);
                check.expect("banned by Python", net.attacker(), blocked(check), false);
                check.expect("banned by Python", net.attacker(), open(check), true);
            }
            awaitDatabase(server, 2);
            if (killed) {
                server.kill();
            } else {
                server.stop();
                IptablesState.assertClean(net, "Python's stop");
            }
            for (BanCheck check : checks) {
                if (killed) {
                    check.expect("Python killed, its rules stay", net.attacker(), blocked(check), false);
                    check.expect("Python killed, its rules stay", net.attacker(), open(check), true);
                } else {
                    check.expect("Python stopped", net.attacker(), all(check), true);
                }
            }

            server.jailLocal(jail.formatted("pyinotify"));
            long[] pythonBans = new long[2];
            for (int i = 0; i < 2; i++) {
                pythonBans[i] = server.countLog("Ban " + net.attacker().address(i == 1));
            }
            server.start("smtp");
            // a duplicate only where upstream makes one: the stock iptables actionban after a SIGKILL
            int copies = killed && !ipset ? 2 : 1;
            for (BanCheck check : checks) {
                boolean v6 = check == checks.get(1);
                String ip = net.attacker().address(v6);
                if (killed) {
                    // Python stores the log position every 5 s: killed sooner, ours reads the failures again and
                    // bans from them, or restores the database's ban first, whichever comes first (as upstream)
                    awaitLogCount(server, "Ban " + ip, pythonBans[v6 ? 1 : 0] + 1);
                } else {
                    awaitLogCount(server, "[smtp] Restore Ban " + ip, 1);
                }
                awaitBan(ipset, v6, copies);
                check.expect("restored by ours", net.attacker(), blocked(check), false);
                check.expect("restored by ours", net.attacker(), open(check), true);
                check.expect("restored by ours, other host", net.other(), all(check), true);
                String dup = duplicates(ipset, v6, copies);
                if (dup != null) {
                    check.gaps().add(dup);
                }
                check.unban();
                if (copies == 1) {
                    check.expect("after unban (ours)", net.attacker(), all(check), true);
                } else {
                    // upstream's actionunban deletes one copy: the one Python left still blocks
                    check.expect("after unban, Python's copy left", net.attacker(), blocked(check), false);
                }
                if (copies == 1) {
                    check.report();
                } else {
                    String line = label + " " + (v6 ? "ipv6" : "ipv4") + ": "
                            + (check.gaps().isEmpty() ? "restored ban blocks; unban removes our copy, Python's blocks "
                                    + "until stop (as upstream)" : check.gaps().size() + " gap(s)");
                    System.out.println(line);
                    if (!check.gaps().isEmpty()) {
                        fail(line + "\n" + String.join("\n", check.gaps()) + "\nserver log:\n"
                                + server.serverLogText());
                    }
                }
            }
            server.stop();
            IptablesState.assertClean(net, label + ": our stop");
            System.out.println(label + ": each ban applied " + (copies == 1 ? "once" : "twice, as upstream 1.1.1 does")
                    + ", stop leaves no f2b- chain, rule or set");
        }
    }

    /** {@link FirewallServer#awaitLogCount}, failing with the server's log. */
    private static void awaitLogCount(FirewallServer server, String text, long n) throws InterruptedException {
        try {
            server.awaitLogCount(text, n);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.serverLogText(), e);
        }
    }

    private static List<Traffic.Probe> blocked(BanCheck check) {
        return check.probes(List.of("tcp"), 2201, 2525);
    }

    private static List<Traffic.Probe> open(BanCheck check) {
        List<Traffic.Probe> l = check.probes(List.of("udp"), 2201, 2525, 4651);
        l.addAll(check.probes(List.of("tcp"), 4651));
        return l;
    }

    private static List<Traffic.Probe> all(BanCheck check) {
        List<Traffic.Probe> l = blocked(check);
        l.addAll(open(check));
        return l;
    }

    /** The firewall's record of the attacker's ban: its rules in the f2b- chain, or its set entries. */
    private static long banCount(boolean ipset, boolean v6) throws IOException {
        String ip = net.attacker().address(v6);
        if (ipset) {
            return IptablesState.members(net, v6 ? "f2b-SMTP6" : "f2b-SMTP").stream()
                    .filter(m -> m.startsWith(ip + " ") || m.equals(ip)).count();
        }
        return IptablesState.count(net, v6, "-A f2b-SMTP -s " + ip + (v6 ? "/128" : "/32") + " -j REJECT");
    }

    private static void awaitBan(boolean ipset, boolean v6, long copies) throws InterruptedException {
        FirewallServer.await(() -> {
            try {
                return banCount(ipset, v6) == copies;
            } catch (IOException | AssertionError e) {
                return false;
            }
        }, Duration.ofSeconds(15), copies + " x the attacker's ban in the firewall (" + (v6 ? "ipv6" : "ipv4") + ")");
    }

    /** A rule of the action present more often than expected, or {@code null}. */
    private static String duplicates(boolean ipset, boolean v6, int copies) throws IOException {
        long ban = banCount(ipset, v6);
        String jump = ipset ? "--match-set f2b-SMTP" + (v6 ? "6" : "") + " src" : "-j f2b-SMTP";
        long input = IptablesState.count(net, v6, "-A INPUT ", jump);
        long chains = ipset ? 0 : IptablesState.count(net, v6, "-N f2b-SMTP");
        if (ban != copies || input != 1 || chains != (ipset ? 0 : 1)) {
            return (v6 ? "ip6tables" : "iptables") + ": the attacker's ban " + ban + " x (expected " + copies
                    + "), INPUT rule " + input + " x, chain " + chains + " x:\n" + String.join("\n",
                    IptablesState.rules(net, v6));
        }
        return null;
    }

    /** Waits until Python's observer wrote the bans to the database (it does so after the actions). */
    private static void awaitDatabase(FirewallServer server, int bans) throws InterruptedException {
        FirewallServer.await(() -> {
            try {
                Netns.Result r = net.exec(null, "python3", "-c", "import sqlite3,sys; "
                        + "print(sqlite3.connect(sys.argv[1]).execute('select count(*) from bans').fetchone()[0])",
                        server.database().toString());
                return r.status() == 0 && Integer.parseInt(r.stdout().trim()) >= bans;
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }, Duration.ofSeconds(15), bans + " bans in " + server.database());
    }
}
