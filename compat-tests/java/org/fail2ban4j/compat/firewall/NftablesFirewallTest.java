package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream's stock {@code nftables} action (1.1.1's action.d) driven by our server in network namespaces: a ban
 * really cuts the attacker off on the jail's ports, and only there, and only the attacker.
 */
class NftablesFirewallTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void namespaces() {
        assumeTrue(Netns.available(), "network namespaces need root and iproute2 (the CI runs as root)");
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void multiport(boolean v6) throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [smtp]
                        enabled = true
                        action = nftables[type=multiport, name=SMTP, port="2201,2525", protocol="tcp,udp"]
                        """)) {
            server.start("smtp");
            BanCheck check = new BanCheck("nftables-multiport", net, traffic, server, "smtp", v6);
            check.run(check.probes(List.of("tcp", "udp"), 2201, 2525), check.probes(List.of("tcp", "udp"), 4651))
                    .report();
            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }
}
