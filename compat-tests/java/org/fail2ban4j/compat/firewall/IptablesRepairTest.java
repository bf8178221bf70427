package org.fail2ban4j.compat.firewall;


import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code actioncheck} and the repair of upstream 1.1.1 ({@code CommandAction._processCmd}, {@code _invariantCheck})
 * with the stock iptables actions: after the attacker is banned, someone removes the action's {@code f2b-} chain
 * (or its ipset) behind the server's back, and the attacker gets through again. The next ban (of another address)
 * fails, the check fails, the action has no {@code actionrepair} so it is stopped and started again (recreating the
 * chain or set and the INPUT rule), the ban is retried and holds; the ban epoch moved on, so the attacker's next
 * failure rebans it ({@code [jail] Reban}) and it is cut off again. Each rule exists once; unbans restore access,
 * stop leaves nothing.
 */
class IptablesRepairTest extends IptablesLanTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iptables-multiport", "iptables-ipset-proto6"})
    void banAfterRemovalRepairs(String action) throws Exception {
        boolean ipset = action.contains("ipset");
        String label = action + " repair (" + (ipset ? "set" : "chain") + " removed behind the server's back)";
        String fw = net.firewall().ns();
        String attacker = net.attacker().ipv4();
        String other = net.other().ipv4();
        String input = "INPUT -p tcp -m multiport --dports 2201,2525 -m set --match-set f2b-SMTP src "
                + "-j REJECT --reject-with icmp-port-unreachable";
        if (!ipset) {
            input = "INPUT -p tcp -m multiport --dports 2201,2525 -j f2b-SMTP";
        }
        try (FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), "[smtp]\nenabled = true\n"
                + "backend = pyinotify\naction = " + action + "[name=SMTP, port=\"2201,2525\", protocol=tcp]\n")) {
            server.start("smtp");
            BanCheck check = new BanCheck(label, net, traffic, server, "smtp", false);
            List<Traffic.Probe> blocked = check.probes(List.of("tcp"), 2201, 2525);
            List<Traffic.Probe> open = check.probes(List.of("udp"), 2201, 2525, 4651);
            open.addAll(check.probes(List.of("tcp"), 4651));
            List<Traffic.Probe> all = new ArrayList<>(blocked);
            all.addAll(open);

            check.expect("before ban", net.attacker(), all, true);
            check.ban();
            check.expect("banned", net.attacker(), blocked, false);
            // behind the server's back
            net.must(fw, "sh", "-c", "iptables -w -D " + input);
            if (ipset) {
                net.must(fw, "ipset", "destroy", "f2b-SMTP");
            } else {
                net.must(fw, "iptables", "-w", "-F", "f2b-SMTP");
                net.must(fw, "iptables", "-w", "-X", "f2b-SMTP");
            }
            check.expect("chain/set removed", net.attacker(), all, true);

            // the next ban repairs
            server.failLogins(other, 3);
            server.awaitLog("Invariant check failed. Trying to restore a sane environment");
            String otherBanned = ipset ? other : "-A f2b-SMTP -s " + other + "/32 -j REJECT";
            awaitState(ipset, otherBanned);
            check.expect("repaired, other host banned", net.other(), blocked, false);
            check.expect("repaired, other host banned", net.other(), open, true);
            // the attacker's next failures (a new ticket) reban it: the ban epoch moved on
            server.failLogins(attacker, 3);
            server.awaitLog("[smtp] Reban " + attacker);
            awaitState(ipset, ipset ? attacker : "-A f2b-SMTP -s " + attacker + "/32 -j REJECT");
            check.expect("repaired, rebanned", net.attacker(), blocked, false);
            check.expect("repaired, rebanned", net.attacker(), open, true);
            if (server.countLog("Unable to restore environment") != 0) {
                check.gaps().add("the server logged 'Unable to restore environment'");
            }
            // no rule twice
            List<String> twice = new ArrayList<>();
            List<String> expected = new ArrayList<>(List.of("-A " + input));
            if (!ipset) {
                expected.addAll(List.of("-N f2b-SMTP", "-A f2b-SMTP -j RETURN",
                        "-A f2b-SMTP -s " + attacker + "/32 -j REJECT --reject-with icmp-port-unreachable",
                        "-A f2b-SMTP -s " + other + "/32 -j REJECT --reject-with icmp-port-unreachable"));
            }
            List<String> rules = IptablesState.rules(net, false).stream()
                    .filter(l -> l.contains("f2b-") || l.contains("match-set")).sorted().toList();
            if (!rules.equals(expected.stream().sorted().toList())) {
                twice.add("iptables -S: " + rules + ", expected " + expected);
            }
            if (ipset) {
                List<String> members = IptablesState.members(net, "f2b-SMTP").stream().map(m -> m.split(" ")[0])
                        .sorted().toList();
                if (!members.equals(List.of(attacker, other))) {
                    twice.add("ipset f2b-SMTP: " + members);
                }
            }
            check.gaps().addAll(twice);

            check.unban();
            if (server.client("set", "smtp", "unbanip", other).status() != 0) {
                check.gaps().add("unbanip " + other + " failed");
            }
            server.awaitLog("[smtp] Unban " + other);
            check.expect("after unban", net.attacker(), all, true);
            check.expect("after unban", net.other(), all, true);
            check.report();
            server.stop();
            IptablesState.assertClean(net, label + ": fail2ban-client stop");
            System.out.println(action + " repair stop: no f2b- chain, rule or set left");
        }
    }

    /** Waits until a ban shows in the firewall: an {@code iptables -S} line, or a member of the set. */
    private static void awaitState(boolean ipset, String what) throws InterruptedException {
        FirewallServer.await(() -> {
            try {
                return ipset ? IptablesState.members(net, "f2b-SMTP").stream().anyMatch(m -> m.startsWith(what + " "))
                        : IptablesState.rules(net, false).stream().anyMatch(l -> l.startsWith(what));
            } catch (IOException | AssertionError e) {
                return false;
            }
        }, Duration.ofSeconds(15), what + " in the firewall");
    }

}
