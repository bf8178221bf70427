package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upstream's stock {@code nftables} action (1.1.1's action.d) driven by our server in network namespaces: a ban
 * really cuts the attacker off on the jail's ports, and only there, and only the attacker.
 */
class NftablesFirewallTest extends NamespaceTest {
    /** {@code type=multiport}: the jail's ports (TCP and UDP) are closed to the attacker; IPv4, then IPv6. */
    @Test
    void multiport() throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [smtp]
                        enabled = true
                        action = nftables[type=multiport, name=SMTP, port="2201,2525", protocol="tcp,udp"]
                        """)) {
            NftablesProof.start(server, "smtp");
            NftablesTraffic probes = NftablesTraffic.probes(net, tmp.resolve("probe"));
            for (boolean v6 : new boolean[] {false, true}) {
                NftablesProof proof = new NftablesProof("nftables-multiport " + (v6 ? "ipv6" : "ipv4"),
                        "ban blocks, unban restores", net, probes, server);
                proof.banUnban("smtp", "SMTP", v6, proof.probes(v6, 2201, 2525), proof.probes(v6, 4651)).report();
            }
            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }

    /** {@code type=allports}: every port of the listed protocols is closed to the attacker, to him only. */
    @Test
    void allports() throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [web]
                        enabled = true
                        action = nftables[type=allports, name=WEB, port="2201", protocol="tcp,udp"]
                        """)) {
            NftablesProof.start(server, "web");
            NftablesTraffic probes = NftablesTraffic.probes(net, tmp.resolve("probe"));
            for (boolean v6 : new boolean[] {false, true}) {
                NftablesProof proof = new NftablesProof("nftables-allports " + (v6 ? "ipv6" : "ipv4"),
                        "ban blocks every port, other host unaffected, unban restores", net, probes, server);
                proof.banUnban("web", "WEB", v6, proof.probes(v6, 2201, 2525, 4651), List.of()).report();
            }
            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }

    /**
     * {@code protocol = tcp,udp,udplite,sctp} set the way admins do, in {@code action.d/nftables-common.local}
     * (which {@code nftables.conf} includes after itself): the ban lists a rule (multiport: one per protocol;
     * allports: one protocol set) for each; TCP, UDP and UDP-Lite are really cut off on the banned ports, SCTP too
     * when the kernel has it. IPv4 then IPv6 on one server.
     */
    @ParameterizedTest(name = "type={0}")
    @CsvSource({"multiport, '2201,2525', 4651", "allports, '2201,2525,4651', ''"})
    void protocolsFromCommonLocal(String type, String blockedPorts, String openPorts) throws Exception {
        protocols(type, ports(blockedPorts), ports(openPorts), List.of("udplite"));
    }

    /** SCTP traffic is probed only where the kernel has SCTP (the rules are checked in every case above). */
    @Test
    void sctpTrafficWhereTheKernelHasIt() throws Exception {
        assumeTrue(NftablesTraffic.sctpInKernel(), "this kernel has no SCTP sockets (sctp module missing)");
        protocols("multiport", new int[] {2201, 2525}, new int[] {4651}, List.of("sctp"));
    }

    private void protocols(String type, int[] blocked, int[] open, List<String> rareProtocols) throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 2525, 4651);
                NftablesTraffic rare = NftablesTraffic.probes(net, tmp.resolve("probe")).listenRare(2201, 2525, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [mail]
                        enabled = true
                        action = nftables[type=%s, name=MAIL, port="2201,2525"]
                        """.formatted(type))) {
            Files.writeString(server.etc().resolve("action.d/nftables-common.local"),
                    "[Init]\nprotocol = tcp,udp,udplite,sctp\n");
            NftablesProof.start(server, "mail");
            for (boolean v6 : new boolean[] {false, true}) {
                String family = v6 ? "ipv6" : "ipv4";
                String set = NftablesProof.set("MAIL", v6);
                NftablesProof proof = new NftablesProof("nftables-" + type + " protocol=tcp,udp,udplite,sctp "
                        + family, "rules for tcp, udp, udplite, sctp; tcp, udp, " + String.join(", ", rareProtocols)
                        + " traffic blocked, unban restores", net, rare, server);
                List<String> protocols = new ArrayList<>(List.of("tcp", "udp"));
                protocols.addAll(rareProtocols);
                proof.banUnban("mail", "MAIL", v6, rare.probes(protocols, v6, blocked),
                        rare.probes(protocols, v6, open), () -> {
                            String chain = net.exec(net.firewall().ns(), "nft", "list", "chain", "inet",
                                    "f2b-table", "f2b-chain").stdout();
                            for (String proto : List.of("tcp", "udp", "udplite", "sctp")) {
                                proof.check(chain.lines().anyMatch(l -> l.contains("@" + set + " reject")
                                        && (type.equals("multiport") ? l.contains(proto + " dport { 2201, 2525 }")
                                                : l.contains("meta l4proto")
                                                        && List.of(l.split("[ {},]+")).contains(proto))),
                                        "no " + proto + " rule on set " + set + " in:\n" + chain);
                            }
                        });
                proof.report();
            }
            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }

    private static int[] ports(String list) {
        return list.isBlank() ? new int[0] : java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt)
                .toArray();
    }
}
