package org.fail2ban4j.compat.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code actioncheck} and the repair of upstream 1.1.1 ({@code CommandAction._processCmd}) with the stock
 * {@code nftables} action, whose table is deleted behind the server's back while a ban is in force.
 *
 * <p>What upstream does, and what is asserted: a command runs first; only when it fails does the check run
 * ({@code nft list chain ... | grep -q '@<set>'}); when the check fails too, the server logs
 * {@code Invariant check failed. Trying to restore a sane environment}, moves the jail's ban epoch on and, the action
 * having no {@code actionrepair}, stops and starts the action (this recreates table, chain, set and rules), checks
 * again and runs the command once more. The bans in force before are <em>not</em> put back by the repair: a banned
 * address comes back into the set only when it fails again, as {@code [jail] Reban <ip>} (its ticket's epoch is
 * behind the jail's). An unban that fails does not repair unless {@code actionrepair_on_unban} is set (the log says
 * {@code Invariant check failed. Unban is impossible.}); the next ban then repairs. With it set, the unban's
 * repair stops the action but, the stock action starting on demand, does not start it again for an unban (upstream
 * passes {@code forceStart = cmd != '<actionunban>'}), so the retried unban fails as well; the next ban starts the
 * action anew. A repair restarts only the family whose command failed: after the IPv6 repair the IPv4 set is still
 * missing and the next IPv4 ban repairs again.
 */
class NftablesRepairTest extends NamespaceTest {
    private static final String REPAIR = "Invariant check failed. Trying to restore a sane environment";

    @Test
    void deletedTableIsRepairedByTheNextBan() throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 4651);
                FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                        [guard]
                        enabled = true
                        action = nftables[type=multiport, name=GUARD, port="2201", protocol="tcp,udp"]
                        """)) {
            Netns.Host second = net.addClient("b");
            NftablesProof.start(server, "guard");
            NftablesTraffic probes = NftablesTraffic.probes(net, tmp.resolve("probe"));
            String set4 = NftablesProof.set("GUARD", false);
            String a = net.attacker().ipv4();
            String b = second.ipv4();

            // another address banned after the table was deleted
            NftablesProof other = new NftablesProof("nftables repair, ban of another address ipv4",
                    "deleted table rebuilt by the next ban, new ban blocks; earlier ban back only on reban",
                    net, probes, server);
            List<Traffic.Probe> banned = other.probes(false, 2201);
            List<Traffic.Probe> free = other.probes(false, 4651);
            other.ban("guard", a, set4);
            other.expect("banned", net.attacker(), banned, false);
            net.must(net.firewall().ns(), "nft", "delete", "table", "inet", "f2b-table");
            other.expect("table deleted", net.attacker(), banned, true);
            other.ban("guard", b, set4);
            other.check(server.countLog(REPAIR) == 1, "no (or more than one) '" + REPAIR + "' in the log");
            String ruleset = other.ruleset();
            other.check(ruleset.contains("chain f2b-chain") && ruleset.contains("@" + set4 + " reject"),
                    "the repair did not rebuild chain and rule:\n" + ruleset);
            other.expect("repaired", second, banned, false);
            other.expect("repaired", second, free, true);
            other.expect("repaired, earlier ban not restored", net.attacker(), banned, true);
            other.check(!other.elements(set4).contains(a), "the repair put the earlier ban " + a + " back");
            other.expect("repaired, other host", net.other(), banned, true);
            long rebans = server.countLog("[guard] Reban " + a);
            server.failLogins(a, 3);
            server.awaitLogCount("[guard] Reban " + a, rebans + 1);
            other.awaitElement(set4, a, true);
            other.expect("earlier ban failing again: rebanned", net.attacker(), banned, false);
            other.unban("guard", a, set4);
            other.unban("guard", b, set4);
            other.expect("after unban", net.attacker(), banned, true);
            other.expect("after unban", second, banned, true);
            other.report();

            // the same address banned again after its unban failed on the deleted table (IPv6 this time)
            String set6 = NftablesProof.set("GUARD", true);
            String a6 = net.attacker().ipv6();
            NftablesProof same = new NftablesProof("nftables repair, same address after unban ipv6",
                    "unban on deleted table: no repair (Unban is impossible); next ban rebuilds and blocks",
                    net, probes, server);
            List<Traffic.Probe> banned6 = same.probes(true, 2201);
            same.ban("guard", a6, set6);
            same.expect("banned", net.attacker(), banned6, false);
            net.must(net.firewall().ns(), "nft", "delete", "table", "inet", "f2b-table");
            long unbans = server.countLog("[guard] Unban " + a6);
            org.fail2ban4j.compat.Oracle.Run r = server.client("set", "guard", "unbanip", a6);
            assertEquals(0, r.status(), () -> "unbanip " + a6 + " failed: " + r.stdout() + r.stderr());
            server.awaitLogCount("[guard] Unban " + a6, unbans + 1);
            server.awaitLog("Invariant check failed. Unban is impossible.");
            server.awaitLog("Failed to execute unban jail 'guard'");
            same.check(server.countLog(REPAIR) == 1, "the failed unban repaired (actionrepair_on_unban is not set)");
            same.check(net.exec(net.firewall().ns(), "nft", "list", "table", "inet", "f2b-table").status() != 0,
                    "the failed unban recreated the table");
            same.ban("guard", a6, set6);
            same.check(server.countLog(REPAIR) == 2, "the second ban did not repair");
            same.expect("banned again, repaired", net.attacker(), banned6, false);
            same.expect("banned again, other host", net.other(), banned6, true);
            same.unban("guard", a6, set6);
            same.expect("after unban", net.attacker(), banned6, true);
            same.report();

            // with actionrepair_on_unban set (at runtime, as an admin would), the failed unban "repairs": the action
            // is stopped, but an action started on demand is not started again for an unban (forceStart is off),
            // so the retried unban fails as well; the next ban starts the action anew, without a repair
            NftablesProof mend = new NftablesProof("nftables repair, unban with actionrepair_on_unban ipv4",
                    "unban on deleted table: repair stops the action only, unban fails; next ban starts it anew",
                    net, probes, server);
            org.fail2ban4j.compat.Oracle.Run set = server.client("set", "guard", "action", "nftables-GUARD",
                    "actionrepair_on_unban", "true");
            assertEquals(0, set.status(), () -> "set actionrepair_on_unban failed: " + set.stdout() + set.stderr());
            long ipv4Repairs = server.countLog(REPAIR);
            mend.ban("guard", b, set4);
            mend.check(server.countLog(REPAIR) == ipv4Repairs + 1,
                    "the IPv6 repair restarted the IPv4 family too (upstream repairs the failing family only)");
            mend.expect("banned", second, banned, false);
            net.must(net.firewall().ns(), "nft", "delete", "table", "inet", "f2b-table");
            long repairs = server.countLog(REPAIR);
            long failedUnbans = server.countLog("Failed to execute unban jail 'guard'");
            unbans = server.countLog("[guard] Unban " + b);
            org.fail2ban4j.compat.Oracle.Run u = server.client("set", "guard", "unbanip", b);
            assertEquals(0, u.status(), () -> "unbanip " + b + " failed: " + u.stdout() + u.stderr());
            server.awaitLogCount("[guard] Unban " + b, unbans + 1);
            server.awaitLogCount("Failed to execute unban jail 'guard'", failedUnbans + 1);
            mend.check(server.countLog(REPAIR) == repairs + 1, "the unban did not try to repair");
            mend.check(mend.ruleset().isEmpty(), "the unban's repair started the action again:\n" + mend.ruleset());
            mend.expect("unbanned, action stopped", second, banned, true);
            mend.ban("guard", b, set4);
            mend.check(server.countLog(REPAIR) == repairs + 1, "the ban after the unban's repair repaired");
            mend.expect("banned after repair", second, banned, false);
            mend.unban("guard", b, set4);
            mend.expect("after unban", second, banned, true);
            mend.report();

            server.stop();
            assertEquals("", net.must(net.firewall().ns(), "nft", "list", "ruleset"),
                    "fail2ban-client stop leaves no table, chain or set");
        }
    }
}
