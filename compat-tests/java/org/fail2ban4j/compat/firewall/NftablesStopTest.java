package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.compat.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Three jails whose stock {@code nftables} actions (names ONE, TWO, THREE) share table {@code inet f2b-table} and
 * its chain, each with an IPv4 and an IPv6 set: stopping one jail removes its sets and rules and leaves the table
 * to the others (upstream's {@code _nft_shutdown_table} deletes the table only when no set is left in it), and
 * {@code fail2ban-client stop} then leaves an empty ruleset.
 */
class NftablesStopTest extends NamespaceTest {
    @Test
    void sharedTableGoesWithTheLastSet() throws Exception {
        try (Netns net = Netns.lan();
                Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651, 8080);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [one]
                        enabled = true
                        action = nftables[type=multiport, name=ONE, port="2201", protocol="tcp,udp"]

                        [two]
                        enabled = true
                        action = nftables[type=multiport, name=TWO, port="2525", protocol="tcp,udp"]

                        [three]
                        enabled = true
                        action = nftables[type=multiport, name=THREE, port="4651", protocol="tcp,udp"]
                        """)) {
            NftablesProof.start(server, "one", "two", "three");
            NftablesProof proof = new NftablesProof("nftables stop, three jails sharing f2b-table",
                    "jail stop removes its sets and rules only, table kept; server stop leaves an empty ruleset",
                    net, NftablesTraffic.probes(net, tmp.resolve("probe")), server);
            Netns.Host attacker = net.attacker();
            List<String> names = List.of("ONE", "TWO", "THREE");
            server.failLogins(attacker.ipv4(), 3);
            server.failLogins(attacker.ipv6(), 3);
            for (String name : names) {
                proof.awaitElement(NftablesProof.set(name, false), attacker.ipv4(), true);
                proof.awaitElement(NftablesProof.set(name, true), attacker.ipv6(), true);
            }
            proof.expect("banned in three jails", attacker, probes(proof, 2201, 2525, 4651), false);
            proof.expect("banned in three jails", attacker, probes(proof, 8080), true);

            Oracle.Run r = server.client("stop", "one");
            assertEquals(0, r.status(), () -> "stop one failed: " + r.stdout() + r.stderr());
            String ruleset = proof.ruleset();
            proof.check(!ruleset.contains("-ONE"), "jail one's sets or rules are left:\n" + ruleset);
            for (String name : List.of("TWO", "THREE")) {
                for (boolean v6 : new boolean[] {false, true}) {
                    String set = NftablesProof.set(name, v6);
                    proof.check(proof.elements(set).equals(List.of(attacker.address(v6))),
                            "stopping jail one touched set " + set + ":\n" + ruleset);
                }
            }
            proof.check(ruleset.contains("table inet f2b-table") && ruleset.contains("chain f2b-chain"),
                    "stopping jail one deleted the shared table or chain:\n" + ruleset);
            proof.expect("jail one stopped", attacker, probes(proof, 2201, 8080), true);
            proof.expect("jail one stopped", attacker, probes(proof, 2525, 4651), false);

            server.stop();
            String left = proof.ruleset();
            proof.check(left.isEmpty(), "fail2ban-client stop left:\n" + left);
            proof.expect("server stopped", attacker, probes(proof, 2201, 2525, 4651, 8080), true);
            proof.report();
        }
    }

    /** TCP and UDP probes over IPv4 and IPv6 on the given ports. */
    private static List<Traffic.Probe> probes(NftablesProof proof, int... ports) {
        List<Traffic.Probe> l = new ArrayList<>(proof.probes(false, ports));
        l.addAll(proof.probes(true, ports));
        return l;
    }
}
