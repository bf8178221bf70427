package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Upstream's stock {@code nftables} action with {@code chain_hook = forward}, run by our server on a router that
 * guards a server behind it (IPv4, then IPv6): the banned attacker no longer gets through the router to the server's
 * banned ports, the other host still does.
 */
class NftablesForwardTest extends NamespaceTest {
    @Test
    void forwardChainOnTheRouter() throws Exception {
        try (Netns net = Netns.routed();
                Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [gate]
                        enabled = true
                        action = nftables[type=multiport, name=GATE, port="2201,2525", protocol="tcp,udp", \
                        chain_hook=forward]
                        """)) {
            NftablesProof.start(server, "gate");
            NftablesTraffic probes = NftablesTraffic.probes(net, tmp.resolve("probe"));
            for (boolean v6 : new boolean[] {false, true}) {
                NftablesProof proof = new NftablesProof("nftables-multiport chain_hook=forward (router) "
                        + (v6 ? "ipv6" : "ipv4"), "ban blocks the attacker through the router, other host passes,"
                        + " unban restores", net, probes, server);
                proof.banUnban("gate", "GATE", v6, proof.probes(v6, 2201, 2525), proof.probes(v6, 4651));
                String ruleset = proof.ruleset();
                proof.check(ruleset.contains("hook forward"), "the chain does not hook forward:\n" + ruleset);
                proof.report();
            }
            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }
}
