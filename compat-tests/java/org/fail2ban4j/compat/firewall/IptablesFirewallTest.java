package org.fail2ban4j.compat.firewall;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream 1.1.1's stock iptables actions ({@code iptables-multiport}, {@code iptables-allports}: a chain
 * {@code f2b-<name>} jumped to from INPUT; and the ipset ones: {@code iptables-ipset-proto6},
 * {@code iptables-ipset-proto6-allports}, {@code iptables-ipset} with each of its types) driven by our server in
 * network namespaces. One server per action bans the attacker's IPv4 address, then its IPv6 address (1.1.1 starts
 * the {@code inet6} family on demand with {@code ip6tables} and the set {@code f2b-<name>6}); each ban must block
 * exactly the action's ports and protocols for the attacker only, each unban must restore them;
 * {@code fail2ban-client stop} must then leave no {@code f2b-} chain, no rule and no set.
 *
 * <p>The namespaces and the listener are shared by the class (each server is stopped, and the firewall reset, after
 * each action), which keeps the whole class within a few seconds per action.
 */
class IptablesFirewallTest extends IptablesLanTest {
    /** label, action line. */
    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("iptables-multiport",
                        "iptables-multiport[name=SMTP, port=\"2201,2525\", protocol=\"tcp,udp\"]"),
                Arguments.of("iptables-allports", "iptables-allports[name=ALL, protocol=tcp]"),
                Arguments.of("iptables-ipset-proto6",
                        "iptables-ipset-proto6[name=SMTP, port=\"2201,2525\", protocol=\"tcp,udp\"]"),
                Arguments.of("iptables-ipset-proto6-allports",
                        "iptables-ipset-proto6-allports[name=ALL, protocol=tcp]"),
                Arguments.of("iptables-ipset[type=oneport]",
                        "iptables-ipset[name=ONE, port=2525, protocol=\"tcp,udp\"]"),
                Arguments.of("iptables-ipset[type=multiport]",
                        "iptables-ipset[type=multiport, name=SMTP, port=\"2201,2525\", protocol=udp]"),
                Arguments.of("iptables-ipset[type=allports]", "iptables-ipset[type=allports, name=ALL, protocol=udp]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void banBlocksUnbanRestores(String label, String action) throws Exception {
        try (FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"),
                "[smtp]\nenabled = true\nbackend = pyinotify\naction = " + action + "\n")) {
            server.start("smtp");
            for (boolean v6 : new boolean[] {false, true}) {
                BanCheck check = new BanCheck(label, net, traffic, server, "smtp", v6);
                List<Traffic.Probe> blocked = new ArrayList<>();
                List<Traffic.Probe> open = new ArrayList<>();
                for (Traffic.Probe p : check.probes(List.of("tcp", "udp"), 2201, 2525, 4651)) {
                    (blocks(action, p) ? blocked : open).add(p);
                }
                check.run(blocked, open).report();
            }
            server.stop();
            IptablesState.assertClean(net, label + ": fail2ban-client stop");
            System.out.println(label + " stop: no f2b- chain, rule or set left (iptables, ip6tables, ipset)");
        }
    }

    /** Whether the action blocks a probe: its protocols on its ports (every port for allports). */
    private static boolean blocks(String action, Traffic.Probe p) {
        boolean port = action.contains("allports")
                || (action.contains("2201,2525") ? List.of(2201, 2525) : List.of(2525)).contains(p.port());
        List<String> protos = action.contains("tcp,udp") ? List.of("tcp", "udp")
                : action.contains("protocol=udp") ? List.of("udp") : List.of("tcp");
        return port && protos.contains(p.protocol());
    }
}
