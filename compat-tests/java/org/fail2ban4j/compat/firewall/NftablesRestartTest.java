package org.fail2ban4j.compat.firewall;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.compat.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Bans across a restart of our server with the stock {@code nftables} action: jail {@code due} (ban time 1 h)
 * bans the attacker's IPv4 and IPv6 addresses, jail {@code brief} (ban time 5 s) bans a second attacker; the server
 * goes down, stays down until the brief ban is over, and starts again: first after {@code fail2ban-client stop},
 * then (the second attacker banned again) after SIGKILL, the watched log rotated while down so that its failures
 * are not read again (their read position is stored only every 5 s, and a re-read would ban them anew, racing the
 * restore).
 *
 * <p>Upstream ({@code Jail.restoreCurrentBans}): the database's bans still due are queued as restored tickets; the
 * actions thread takes them from the queue (up to {@code banPrecedence} per round) and bans each with
 * {@code [jail] Restore Ban <ip>}, starting the on-demand action per family on the first. A ban that is over is
 * not restored. The stock nftables action starts on demand, so a start alone runs no command: after
 * {@code stop} (which deleted every set, rule and the table) the brief ban stays gone. After SIGKILL nothing
 * removed the dead server's set, and upstream leaves the brief ban's element (and its rule) in the kernel, still
 * blocking for good. Ours differs there on purpose: the pid file left behind by the killed server tells the new one
 * that the previous end was unclean, and jail {@code brief} lifts at start the ban that ended while no server ran
 * ({@code [brief] Lift 1 ban(s) expired while the server was down}, its {@code actionunban} run quietly without
 * starting the action), so the second attacker's traffic passes again; the dead server's then empty set and its rule
 * stay, and {@code stop} later does not remove them (that jail's action never started in the new server's life), as
 * upstream. The restored jail's action adds its rules a second time (its set survived); {@code stop} removes them
 * all by handle. With {@code -Dfail2ban4j.firewall.oracle=python} the kill case asserts upstream's outcome instead
 * (the stale element left, still blocking).
 */
class NftablesRestartTest extends NamespaceTest {
    private static final int BRIEF = 5;

    @Test
    void bansComeBackExpiredStayGone() throws Exception {
        try (Netns net = Netns.lan(); Traffic traffic = Traffic.listen(net, tmp.resolve("traffic"), 2201, 4651)) {
            Netns.Host second = net.addClient("b");
            Netns.Host attacker = net.attacker();
            try (FirewallServer server = FirewallServer.configure(net, tmp.resolve("f2b"), """
                    [due]
                    enabled = true
                    ignoreip = %s
                    action = nftables[type=multiport, name=DUE, port="2201", protocol="tcp,udp"]

                    [brief]
                    enabled = true
                    bantime = %d
                    ignoreip = %s %s
                    action = nftables[type=multiport, name=BRIEF, port="2201", protocol="tcp,udp"]
                    """.formatted(second.ipv4(), BRIEF, attacker.ipv4(), attacker.ipv6()))) {
                NftablesTraffic probes = NftablesTraffic.probes(net, tmp.resolve("probe"));
                NftablesProof.start(server, "due", "brief");
                server.failLogins(attacker.ipv4(), 3);
                server.failLogins(attacker.ipv6(), 3);
                restart(net, server, probes, second, false);
                restart(net, server, probes, second, true);
            }
        }
    }

    /**
     * Bans the second attacker in {@code brief} (the attacker's failures are logged by the caller the first time),
     * takes the server down ({@code kill}: SIGKILL, else stop), waits out the brief ban, starts again and checks.
     */
    private void restart(Netns net, FirewallServer server, NftablesTraffic probes, Netns.Host second, boolean kill)
            throws Exception {
        Netns.Host attacker = net.attacker();
        boolean lifts = kill && !NftablesProof.python();
        NftablesProof proof = new NftablesProof("nftables restart after " + (kill ? "kill -9" : "stop"),
                "due bans restored (ipv4, ipv6)" + (NftablesProof.python() ? "" : " in one batch")
                        + ", traffic blocked again; expired ban "
                        + (!kill ? "stays gone, traffic open"
                                : lifts ? "lifted at start, traffic open"
                                        : "not restored, its stale element left in the kernel as upstream leaves it"),
                net, probes, server);
        String due4 = NftablesProof.set("DUE", false);
        String due6 = NftablesProof.set("DUE", true);
        String brief = NftablesProof.set("BRIEF", false);
        List<Traffic.Probe> attacker4 = proof.probes(false, 2201);
        List<Traffic.Probe> attacker6 = proof.probes(true, 2201);
        List<Traffic.Probe> free = proof.probes(false, 4651);

        long banned = System.nanoTime();
        long briefUnbans = server.countLog("[brief] Unban");
        int briefStored = Oracle.storedBans(server.database(), "brief", second.ipv4());
        server.failLogins(second.ipv4(), 3);
        proof.awaitElement(due4, attacker.ipv4(), true);
        proof.awaitElement(due6, attacker.ipv6(), true);
        proof.awaitElement(brief, second.ipv4(), true);
        proof.check(server.countLog("[brief] Unban") == briefUnbans,
                "the brief ban ended before the server went down (machine too slow for the test)");
        if (kill) {
            // the ban reaches the database shortly after its log line (the observer thread, as upstream's): the
            // next server learns from that row that the ban ended while it was down
            FirewallServer.await(() -> Oracle.storedBans(server.database(), "brief", second.ipv4()) > briefStored,
                    java.time.Duration.ofSeconds(15), "the brief ban in " + server.database());
            server.kill();
            Files.writeString(server.log(), "");
        } else {
            server.stop();
            proof.check(proof.ruleset().isEmpty(), "stop left rules:\n" + proof.ruleset());
        }
        long wait = banned + TimeUnit.MILLISECONDS.toNanos(BRIEF * 1000L + 1200) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        long restored4 = server.countLog("[due] Restore Ban " + attacker.ipv4());
        long restored6 = server.countLog("[due] Restore Ban " + attacker.ipv6());
        long bans = server.countLog("] Ban ");
        long restores = server.countLog("Restore Ban");
        long errors = server.countLog("ERROR");
        long jailLinesBefore = server.countLog("[due] ");
        NftablesProof.start(server, "due", "brief");
        server.awaitLogCount("[due] Restore Ban " + attacker.ipv4(), restored4 + 1);
        server.awaitLogCount("[due] Restore Ban " + attacker.ipv6(), restored6 + 1);
        proof.awaitElement(due4, attacker.ipv4(), true);
        proof.awaitElement(due6, attacker.ipv6(), true);
        proof.check(server.countLog("Restore Ban") == restores + 2, "restored other bans than the two due ones");
        proof.check(server.countLog("] Ban ") == bans, "a restored ban was logged as a new ban");
        if (!NftablesProof.python()) {
            // ours restores the due bans in one batch: the jail queues them all before its actions thread takes
            // them, so their notices follow each other with no other line of the jail in between
            List<String> jailLines = server.serverLogText().lines().filter(l -> l.contains("[due] "))
                    .skip(jailLinesBefore).toList();
            int first = -1;
            for (int i = 0; i < jailLines.size() && first < 0; i++) {
                first = jailLines.get(i).contains("Restore Ban") ? i : -1;
            }
            proof.check(first >= 0 && first + 1 < jailLines.size()
                    && jailLines.get(first + 1).contains("Restore Ban"),
                    "the due bans were not restored in one batch:\n" + String.join("\n", jailLines));
        }
        List<Traffic.Probe> all = new java.util.ArrayList<>(attacker4);
        all.addAll(attacker6);
        proof.expect("restarted", attacker, all, false);
        proof.expect("restarted", attacker, free, true);
        proof.expect("restarted, other host", net.other(), attacker4, true);
        if (lifts) {
            server.awaitLogCount("[brief] Lift 1 ban(s) expired while the server was down", 1);
            proof.awaitElement(brief, second.ipv4(), false);
            proof.check(proof.elements(brief).isEmpty(), "the dead server's expired element is left: "
                    + proof.elements(brief));
            proof.check(server.countLog("ERROR") == errors, "the start logged errors:\n" + server.serverLogText());
            proof.expect("restarted, expired ban lifted", second, attacker4, true);
        } else if (kill) {
            proof.check(proof.elements(brief).equals(List.of(second.ipv4())),
                    "the dead server's expired element is not left as upstream leaves it: " + proof.elements(brief));
            proof.expect("restarted, expired ban's stale element", second, attacker4, false);
        }
        if (kill) {
            String chain = proof.ruleset();
            proof.check(chain.lines().filter(l -> l.contains("@" + due4 + " reject")).count() == 4,
                    "the restored action did not add its rules a second time (upstream does):\n" + chain);
            server.stop();
            String left = proof.ruleset();
            proof.check(!left.contains("DUE") && left.contains("set " + brief),
                    "stop should remove every DUE set and rule and leave the dead server's BRIEF set:\n" + left);
        } else {
            String chain = proof.ruleset();
            for (String set : List.of(due4, due6)) {
                proof.check(chain.lines().filter(l -> l.contains("@" + set + " reject")).count() == 2,
                        "the restored bans did not start the action exactly once for " + set + ":\n" + chain);
            }
            proof.check(!proof.setExists(brief), "the expired ban's set exists again");
            proof.expect("restarted, expired ban", second, attacker4, true);
        }
        proof.report();
    }
}
