package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A custom action as container hosts write them, on a router in front of the server ({@link Netns#routed()}):
 * Docker's {@code DOCKER-USER} chain, jumped to from FORWARD, gets a rule matching an ipset ({@code hash:net})
 * that {@code actionstart} creates; a ban adds the attacker's whole network ({@code <ip>/24}, {@code /64} for IPv6
 * through the action's {@code [Init?family=inet6]}), so another address of the attacker's network is cut off too,
 * while the other host's network is not; {@code actionstop} removes the rule and destroys the set, and leaves
 * Docker's chain as it found it.
 */
class CustomIpsetActionTest extends NamespaceTest {
    /** The action as a container host would write it in {@code action.d/docker-ipset.conf}. */
    static final String ACTION = """
            [Definition]
            actionstart = ipset -exist create <ipmset> hash:net timeout 0 <familyopt>
                          <iptables> -I DOCKER-USER <rule>
            actionstop = <iptables> -D DOCKER-USER <rule>
                         ipset destroy <ipmset>
            actioncheck = <iptables> -C DOCKER-USER <rule>
            actionban = ipset -exist add <ipmset> <ip>/<prefix>
            actionunban = ipset -exist del <ipmset> <ip>/<prefix>
            rule = -p <protocol> -m multiport --dports <port> -m set --match-set <ipmset> src -j <blocktype>

            [Init]
            name = default
            port = 80,443
            protocol = tcp
            ipmset = f2b-<name>
            prefix = 24
            familyopt =
            iptables = iptables -w
            blocktype = REJECT --reject-with icmp-port-unreachable

            [Init?family=inet6]
            ipmset = f2b-<name>6
            prefix = 64
            familyopt = family inet6
            iptables = ip6tables -w
            blocktype = REJECT --reject-with icmp6-port-unreachable
            """;

    @Test
    void networkBanOnDockerUserChain() throws Exception {
        try (Netns net = Netns.routed();
                Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [web]
                        enabled = true
                        backend = pyinotify
                        action = docker-ipset[name=WEB, port="2525,8443"]
                        """)) {
            Files.writeString(server.etc().resolve("action.d/docker-ipset.conf"), ACTION);
            IptablesState.fastRejects(net);
            String fw = net.firewall().ns();
            // what Docker sets up on a host with IPv6 enabled
            for (String t : List.of("iptables", "ip6tables")) {
                net.must(fw, t, "-w", "-N", "DOCKER-USER");
                net.must(fw, t, "-w", "-A", "DOCKER-USER", "-j", "RETURN");
                net.must(fw, t, "-w", "-I", "FORWARD", "-j", "DOCKER-USER");
            }
            Netns.Host attacker = net.attacker();
            Netns.Host neighbour = net.addAddress(attacker, "10.77.1.7", "fd77:1::7");
            server.start("web");
            for (boolean v6 : new boolean[] {false, true}) {
                BanCheck check = new BanCheck("custom docker-ipset (router, FORWARD -> DOCKER-USER, <ip>/"
                        + (v6 ? 64 : 24) + ")", net, traffic, server, "web", v6);
                List<Traffic.Probe> blocked = check.probes(List.of("tcp"), 2525);
                List<Traffic.Probe> open = check.probes(List.of("udp"), 2201, 2525, 4651);
                open.addAll(check.probes(List.of("tcp"), 2201, 4651));
                List<Traffic.Probe> all = check.probes(List.of("tcp", "udp"), 2201, 2525, 4651);
                check.expect("before ban", attacker, all, true);
                check.expect("before ban", net.other(), all, true);
                check.ban();
                String set = v6 ? "f2b-WEB6" : "f2b-WEB";
                // "Ban" is logged before the actions run: wait for the set to show the attacker's network
                String network = v6 ? "fd77:1::/64" : "10.77.1.0/24";
                FirewallServer.await(() -> {
                    try {
                        return IptablesState.members(net, set).stream().map(m -> m.split(" ")[0]).toList()
                                .equals(List.of(network));
                    } catch (IOException | AssertionError e) {
                        return false;
                    }
                }, Duration.ofSeconds(10), "set " + set + " holding only " + network);
                check.expect("banned", attacker, blocked, false);
                check.expect("banned", attacker, open, true);
                net.preferSource(neighbour);
                String route = net.must(attacker.ns(), "ip", "route", "get", net.server().address(v6));
                if (!route.contains(" src " + neighbour.address(v6) + " ")) {
                    fail("the attacker's host does not connect from " + neighbour.address(v6) + ": " + route);
                }
                check.expect("banned, attacker's neighbour " + neighbour.address(v6), neighbour, blocked, false);
                check.expect("banned, attacker's neighbour " + neighbour.address(v6), neighbour, open, true);
                check.expect("banned, other host", net.other(), all, true);
                check.unban();
                check.expect("after unban, attacker's neighbour", neighbour, all, true);
                net.preferSource(attacker);
                check.expect("after unban", attacker, all, true);
                check.report();
            }
            server.stop();
            IptablesState.assertClean(net, "docker-ipset: fail2ban-client stop");
            for (boolean v6 : new boolean[] {false, true}) {
                List<String> docker = IptablesState.rules(net, v6).stream().filter(l -> l.contains("DOCKER-USER"))
                        .toList();
                if (!docker.equals(List.of("-N DOCKER-USER", "-A FORWARD -j DOCKER-USER",
                        "-A DOCKER-USER -j RETURN"))) {
                    fail("stop changed Docker's chain (" + (v6 ? "ip6tables" : "iptables") + "): " + docker);
                }
            }
            System.out.println("custom docker-ipset stop: set and rule removed, DOCKER-USER left as Docker made it");
        }
    }
}
