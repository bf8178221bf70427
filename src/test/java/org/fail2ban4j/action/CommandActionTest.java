package org.fail2ban4j.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.CapturingLogger;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.fail2ban4j.time.DurationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CommandAction} with a recording runner: order of commands, families, check/repair/retry, properties. */
class CommandActionTest {

    /** {@code iptables-multiport} for jail {@code sshd}, as {@code fail2ban-client -d} sends it. */
    static final String[][] IPTABLES_MULTIPORT = {
        {"actionstart", "{ <iptables> -C f2b-sshd -j RETURN >/dev/null 2>&1; } || { <iptables> -N f2b-sshd || true; "
                + "<iptables> -A f2b-sshd -j RETURN; }\nfor chain in $(echo 'INPUT' | sed 's/,/ /g'); do for proto in "
                + "$(echo 'tcp' | sed 's/,/ /g'); do\n{ <iptables> -C $chain -p $proto -m multiport --dports ssh -j "
                + "f2b-sshd >/dev/null 2>&1; } || { <iptables> -I $chain -p $proto -m multiport --dports ssh -j "
                + "f2b-sshd; }\ndone; done"},
        {"actionstop", "for chain in $(echo 'INPUT' | sed 's/,/ /g'); do for proto in $(echo 'tcp' | sed 's/,/ /g'); "
                + "do\n<iptables> -D $chain -p $proto -m multiport --dports ssh -j f2b-sshd\ndone; done\n<iptables> -F "
                + "f2b-sshd\n<iptables> -X f2b-sshd"},
        {"actionflush", "<iptables> -F f2b-sshd"},
        {"actioncheck", "for chain in $(echo 'INPUT' | sed 's/,/ /g'); do for proto in $(echo 'tcp' | sed 's/,/ /g'); "
                + "do\n<iptables> -C $chain -p $proto -m multiport --dports ssh -j f2b-sshd\ndone; done"},
        {"actionban", "<iptables> -I f2b-sshd 1 -s <ip> -j <blocktype>"},
        {"actionunban", "<iptables> -D f2b-sshd -s <ip> -j <blocktype>"},
        {"port", "ssh"}, {"protocol", "tcp"}, {"chain", "<known/chain>"}, {"name", "sshd"},
        {"actname", "iptables-multiport"}, {"blocktype", "REJECT --reject-with icmp-port-unreachable"},
        {"returntype", "RETURN"}, {"lockingopt", "-w"}, {"iptables", "iptables <lockingopt>"},
        {"blocktype?family=inet6", "REJECT --reject-with icmp6-port-unreachable"},
        {"iptables?family=inet6", "ip6tables <lockingopt>"},
    };

    private static String startFor(String tool) {
        return "{ " + tool + " -w -C f2b-sshd -j RETURN >/dev/null 2>&1; } || { " + tool + " -w -N f2b-sshd || true; "
                + tool + " -w -A f2b-sshd -j RETURN; }\nfor chain in $(echo 'INPUT' | sed 's/,/ /g'); do for proto in "
                + "$(echo 'tcp' | sed 's/,/ /g'); do\n{ " + tool + " -w -C $chain -p $proto -m multiport --dports ssh "
                + "-j f2b-sshd >/dev/null 2>&1; } || { " + tool + " -w -I $chain -p $proto -m multiport --dports ssh "
                + "-j f2b-sshd; }\ndone; done";
    }

    private static String stopFor(String tool) {
        return "for chain in $(echo 'INPUT' | sed 's/,/ /g'); do for proto in $(echo 'tcp' | sed 's/,/ /g'); do\n"
                + tool + " -w -D $chain -p $proto -m multiport --dports ssh -j f2b-sshd\ndone; done\n" + tool
                + " -w -F f2b-sshd\n" + tool + " -w -X f2b-sshd";
    }

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeDnsResolver dns = new FakeDnsResolver();
    private final InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(1700000200L));
    private final TestTickets.Jail jail = new TestTickets.Jail("sshd");
    private final CapturingLogger log = new CapturingLogger("fail2ban.CommandAction");
    private final CapturingLogger moduleLog = new CapturingLogger("fail2ban.action").debugEnabled(false);

    @BeforeEach
    void quiet() {
        log.clear();
    }

    private CommandAction action(String name, String[]... props) {
        CommandAction a = new CommandAction(name, jail, runner, dns, clock).withLoggers(log, moduleLog);
        for (String[] kv : props) {
            a.setProperty(kv[0], kv[1]);
        }
        log.clear();
        return a;
    }

    private BanInfo info(String ip) {
        return BanInfo.of(TestTickets.withUser(ip, "root"), jail, dns);
    }

    private List<String> take() {
        List<String> s = runner.scripts();
        runner.clear();
        return s;
    }

    @Test
    void iptablesMultiportStartsEachFamilyOnDemand() {
        CommandAction a = action("iptables-multiport", IPTABLES_MULTIPORT);
        assertTrue(a.hasCondSection());
        assertTrue(a.startOnDemand());
        assertEquals(List.of("inet4", "inet6"), a.families());
        a.start();
        assertEquals(List.of(), take());
        a.ban(info("192.0.2.1"));
        assertEquals(List.of(startFor("iptables"),
                "iptables -w -I f2b-sshd 1 -s 192.0.2.1 -j REJECT --reject-with icmp-port-unreachable"), take());
        a.ban(info("192.0.2.2"));
        assertEquals(List.of("iptables -w -I f2b-sshd 1 -s 192.0.2.2 -j REJECT --reject-with icmp-port-unreachable"),
                take());
        a.ban(info("2001:db8::1"));
        assertEquals(List.of(startFor("ip6tables"),
                "ip6tables -w -I f2b-sshd 1 -s 2001:db8::1 -j REJECT --reject-with icmp6-port-unreachable"), take());
        a.unban(info("192.0.2.1"));
        assertEquals(List.of("iptables -w -D f2b-sshd -s 192.0.2.1 -j REJECT --reject-with icmp-port-unreachable"),
                take());
        assertTrue(a.flush());
        assertEquals(List.of("iptables -w -F f2b-sshd", "ip6tables -w -F f2b-sshd"), take());
        a.stop();
        assertEquals(List.of(stopFor("iptables"), stopFor("ip6tables")), take());
        assertEquals(Map.of(), a.startedFamilies());
    }

    @Test
    void iptablesWithoutIpv6StartsOnlyInet4WhenNotOnDemand() {
        dns.ipv6Allowed(false);
        CommandAction a = action("iptables-multiport", IPTABLES_MULTIPORT);
        a.setProperty("actionstart_on_demand", false);
        assertEquals(List.of("inet4"), a.families());
        a.start();
        assertEquals(List.of(startFor("iptables")), take());
        a.ban(info("2001:db8::1"));
        assertEquals(List.of(
                "ip6tables -w -I f2b-sshd 1 -s 2001:db8::1 -j REJECT --reject-with icmp6-port-unreachable"), take());
    }

    @Test
    void nftablesSetsPerFamily() {
        CommandAction a = action("nftables", new String[][] {
            {"actionban", "nft add element <table_family> <table> <addr_set> \\{ <ip> \\}"},
            {"actionstart", "nft add set <table_family> <table> <addr_set> \\{ type <addr_type>\\;<sp>flags interval\\; \\}"},
            {"table", "f2b-table"}, {"table_family", "inet"}, {"name", "nft"}, {"addr_set", "addr-set-<name>"},
            {"addr_type", "ipv4_addr"}, {"addr_set?family=inet6", "addr6-set-<name>"},
            {"addr_type?family=inet6", "ipv6_addr"}});
        a.ban(info("192.0.2.1"));
        a.ban(info("2001:db8::1"));
        assertEquals(List.of(
                "nft add set inet f2b-table addr-set-nft \\{ type ipv4_addr\\; flags interval\\; \\}",
                "nft add element inet f2b-table addr-set-nft \\{ 192.0.2.1 \\}",
                "nft add set inet f2b-table addr6-set-nft \\{ type ipv6_addr\\; flags interval\\; \\}",
                "nft add element inet f2b-table addr6-set-nft \\{ 2001:db8::1 \\}"), take());
    }

    @Test
    void plainActionStartsAtStartAndRunsInOrder() {
        CommandAction a = action("plain", new String[][] {
            {"actionstart", "start <name> <family>|<ip>|<time>"}, {"actionstop", "stop <name>"},
            {"actionban", "ban <ip>"}, {"actionunban", "unban <ip>"}, {"actionflush", "flush"},
            {"actionreload", "reload <name>"}, {"name", "web"}});
        assertFalse(a.startOnDemand());
        assertEquals(List.of(""), a.families());
        a.start();
        a.start();
        a.ban(info("192.0.2.1"));
        a.unban(info("192.0.2.1"));
        a.reload();
        assertTrue(a.flush());
        assertTrue(a.flush());
        a.stop();
        a.stop();
        assertEquals(List.of("start web ||1700000200.0", "start web ||1700000200.0", "ban 192.0.2.1", "unban 192.0.2.1", "reload web", "flush",
                "stop web"), take());
    }

    @Test
    void unbanWithoutBanRunsNothing() {
        CommandAction a = action("plain", new String[][] {{"actionstart", "start"}, {"actionunban", "unban <ip>"}});
        a.start();
        a.unban(info("192.0.2.1"));
        assertEquals(List.of("start"), take());
    }

    @Test
    void rawIdWithConditionalsStartsAllFamiliesAndUsesDefaults() {
        CommandAction a = action("fam", new String[][] {
            {"actionstart", "start <tool> <family>"}, {"actionstop", "stop <tool>"},
            {"actionban", "ban <tool> <ip> <family>"}, {"actionunban", "unban <tool> <ip>"}, {"tool", "iptables"},
            {"tool?family=inet6", "ip6tables"}});
        TestTickets.Ticket raw = new TestTickets.Ticket(IpAddress.raw("some raw;id"), 1700000000.0, List.of(), 1,
                OptionalLong.empty(), 0, false, Map.of());
        a.ban(BanInfo.of(raw, jail, dns));
        assertEquals(List.of("start iptables inet4", "start ip6tables inet6",
                "f2bV_ip=$0 \nban iptables $f2bV_ip None"), take());
        Map<String, Integer> started = new HashMap<>();
        started.put("inet4", 1);
        started.put("inet6", 1);
        started.put(null, 3);
        assertEquals(started, a.startedFamilies());
        a.unban(BanInfo.of(raw, jail, dns));
        assertEquals(List.of("f2bV_ip=$0 \nunban iptables $f2bV_ip"), take());
        assertEquals(List.of("some raw;id"), runnerArgsOfLast(a, raw));
        a.stop();
        assertEquals(List.of("stop iptables", "stop ip6tables"), take());
    }

    private List<String> runnerArgsOfLast(CommandAction a, TestTickets.Ticket raw) {
        return a.command("<actionunban>", BanInfo.of(raw, jail, dns)).args();
    }

    @Test
    void failedBanIsCheckedRepairedAndRetriedOnce() {
        runner.failWhenContains("ban 192.0.2.1", 1).failWhenContains("check", 1);
        CommandAction a = action("a", new String[][] {
            {"actionstart", "start"}, {"actioncheck", "check"}, {"actionrepair", "repair"}, {"actionban", "ban <ip>"}});
        a.start();
        a.ban(info("192.0.2.1"));
        assertEquals(List.of("start", "ban 192.0.2.1", "check", "repair", "check", "ban 192.0.2.1"), take());
        assertEquals(List.of("ERROR Invariant check failed. Trying to restore a sane environment"), logLines());
        assertEquals(1, a.banEpoch());
        assertEquals(1, jail.epoch.get());
    }

    @Test
    void sameCheckSucceedingMeansNoRepairButOneRetry() {
        runner.failWhenContains("ban ", 1);
        CommandAction a = action("a", new String[][] {
            {"actioncheck", "check"}, {"actionrepair", "repair"}, {"actionban", "ban <ip>"}});
        a.ban(info("192.0.2.1"));
        assertEquals(List.of("ban 192.0.2.1", "check", "ban 192.0.2.1"), take());
        assertEquals(0, a.banEpoch());
    }

    @Test
    void withoutCheckAFailedBanIsRetriedOnceThenFails() {
        runner.failWhenContains("ban ", 5);
        CommandAction a = action("a", new String[][] {{"actionban", "ban <ip>"}});
        ActionException e = assertThrows(ActionException.class, () -> a.ban(info("192.0.2.1")));
        assertEquals("Error banning 192.0.2.1", e.getMessage());
        assertEquals(List.of("ban 192.0.2.1", "ban 192.0.2.1"), take());
    }

    @Test
    void failedRepairGivesUp() {
        runner.failWhenContains("ban ", 5).failWhenContains("check", 5).failWhenContains("repair", 5);
        CommandAction a = action("a", new String[][] {
            {"actionstart", "start"}, {"actioncheck", "check"}, {"actionrepair", "repair"}, {"actionban", "ban <ip>"}});
        a.start();
        ActionException e = assertThrows(ActionException.class, () -> a.ban(info("192.0.2.1")));
        assertEquals("Error banning 192.0.2.1", e.getMessage());
        assertEquals(List.of("start", "ban 192.0.2.1", "check", "repair"), take());
        assertEquals(List.of("ERROR Invariant check failed. Trying to restore a sane environment",
                "CRITICAL Unable to restore environment"), logLines());
    }

    @Test
    void withoutRepairCommandTheFamilyIsRestarted() {
        runner.failWhenContains("ban 192.0.2.1", 1).failWhenContains("check", 1);
        CommandAction a = action("a", new String[][] {
            {"actionstart", "start <family>"}, {"actionstop", "stop <family>"}, {"actioncheck", "check"},
            {"actionban", "ban <ip>"}, {"x?family=inet6", "6"}});
        a.ban(info("192.0.2.1"));
        assertEquals(List.of("start inet4", "ban 192.0.2.1", "check", "stop inet4", "start inet4", "check",
                "ban 192.0.2.1"), take());
    }

    @Test
    void restartOfTheTicketFamilyIsSkippedWhenTheSameStartAlreadyRan() {
        runner.failWhenContains("ban 192.0.2.1", 1).failWhenContains("check", 1);
        CommandAction a = action("a", new String[][] {
            {"actionstart", "start"}, {"actionstop", "stop"}, {"actioncheck", "check"}, {"actionban", "ban <ip>"}});
        a.start();
        a.ban(info("192.0.2.1"));
        assertEquals(List.of("start", "ban 192.0.2.1", "check", "check", "ban 192.0.2.1"), take());
    }

    @Test
    void failedUnbanIsNotRepairedUnlessAsked() {
        runner.failWhenContains("unban", 1).failWhenContains("check", 1);
        CommandAction a = action("a", new String[][] {
            {"actioncheck", "check"}, {"actionrepair", "repair"}, {"actionban", "ban <ip>"},
            {"actionunban", "unban <ip>"}});
        a.ban(info("192.0.2.1"));
        take();
        ActionException e = assertThrows(ActionException.class, () -> a.unban(info("192.0.2.1")));
        assertEquals("Error unbanning 192.0.2.1", e.getMessage());
        assertEquals(List.of("unban 192.0.2.1", "check"), take());
        assertEquals(List.of("ERROR Invariant check failed. Unban is impossible."), logLines());

        runner.failWhenContains("unban", 1).failWhenContains("check", 1);
        a.setProperty("actionrepair_on_unban", true);
        a.unban(info("192.0.2.1"));
        assertEquals(List.of("unban 192.0.2.1", "check", "repair", "check", "unban 192.0.2.1"), take());
    }

    @Test
    void consistencyCheckRespectsBeforeRepair() {
        CommandAction a = action("a", new String[][] {
            {"actionstart", "start"}, {"actioncheck", "check"}, {"actionrepair", "repair"}});
        a.start();
        take();
        runner.failWhenContains("check", 1);
        assertTrue(a.consistencyCheck(() -> false));
        assertEquals(List.of("check"), take());
        runner.failWhenContains("check", 3).failWhenContains("repair", 1);
        assertFalse(a.consistencyCheck(null));
        assertEquals(List.of("check", "repair"), take());
        assertEquals(Map.of("", 0), a.startedFamilies());
    }

    @Test
    void rebanUsesActionrebanWhenSet() {
        CommandAction a = action("a", new String[][] {{"actionban", "ban <ip>"}});
        a.reban(info("192.0.2.1"));
        a.setProperty("actionreban", "reban <ip> <restored>");
        a.reban(BanInfo.of(TestTickets.ipv6(), jail, dns));
        assertEquals(List.of("ban 192.0.2.1", "reban 2001:db8:: 1"), take());
    }

    @Test
    void prolongRunsActionprolong() {
        CommandAction a = action("a", new String[][] {{"actionban", "ban <ip>"}});
        assertFalse(a.prolongable());
        a.setProperty("actionprolong", "  \n ");
        assertFalse(a.prolongable());
        a.setProperty("actionprolong", "prolong <ip> <bantime>");
        assertTrue(a.prolongable());
        a.prolong(BanInfo.of(TestTickets.ipv4(), jail, dns));
        assertEquals(List.of("prolong 192.0.2.1 600"), take());
        runner.failWhenContains("prolong", 2);
        ActionException e = assertThrows(ActionException.class,
                () -> a.prolong(BanInfo.of(TestTickets.ipv4(), jail, dns)));
        assertEquals("Error prolonging 192.0.2.1", e.getMessage());
    }

    @Test
    void startErrorNamesJailAndAction() {
        runner.failWhenContains("start", 5);
        CommandAction a = action("web", new String[][] {{"actionstart", "start"}});
        ActionException e = assertThrows(ActionException.class, a::start);
        assertEquals("Error starting action Jail('sshd')/web: 'Script error'", e.getMessage());
        CommandAction alone = new CommandAction("web", null, runner, dns, clock).withLoggers(log, moduleLog);
        alone.setProperty("actionstart", "start");
        e = assertThrows(ActionException.class, alone::start);
        assertEquals("Error starting action None/web: 'Script error'", e.getMessage());
    }

    @Test
    void selfReferenceIsAValueError() {
        CommandAction a = action("web", new String[][] {{"actionstart", "start <a>"}, {"a", "<b>"}, {"b", "<a>"}});
        ActionException e = assertThrows(ActionException.class, a::start);
        assertEquals("Error starting action Jail('sshd')/web: ValueError(\"properties contain self referencing "
                + "definitions and cannot be resolved, fail tag: a, found: a in {'b': 1}, value: <a>\")",
                e.getMessage());
    }

    @Test
    void actionOutsideAJailGetsNoDynamicTagsAtStart() {
        CommandAction alone = new CommandAction("web", null, runner, dns, clock).withLoggers(log, moduleLog);
        alone.setProperty("actionstart", "start <ip> <time> <fq-hostname><sp><br>");
        alone.start();
        assertEquals(List.of("start <ip> <time> fakehost.example.test \n"), take());
    }

    @Test
    void propertiesAsUpstream() {
        CommandAction a = action("a");
        assertEquals(60L, a.timeout());
        a.setProperty("timeout", "1.5m");
        assertEquals(90.0, a.timeout());
        a.setProperty("timeout", 30L);
        a.setProperty("bantime", "1h");
        a.setProperty("port", "ssh");
        a.setProperty("norestored", true);
        assertEquals(List.of("DEBUG   Set timeout = 90.0", "DEBUG   Set timeout = 30", "DEBUG   Set port = 'ssh'",
                "DEBUG   Set norestored = True"), logLines());
        assertEquals(Optional.empty(), a.property("bantime"));
        assertEquals(Optional.of("ssh"), a.property("port"));
        assertTrue(a.norestored());
        assertEquals("30", a.properties().get("timeout"));
        assertEquals("True", a.properties().get("norestored"));
        assertEquals(List.of("actionban", "actioncheck", "actionflush", "actionreban", "actionreload",
                "actionrepair", "actionstart", "actionstop", "actionunban", "norestored", "port", "timeout"),
                List.copyOf(a.properties().keySet()));
        a.setProperty("actionban", "ban");
        a.clearAllParams();
        assertEquals(Optional.of(""), a.property("actionban"));
        assertEquals(Optional.of("ssh"), a.property("port"));
        assertEquals(60L, a.timeout());
        log.clear();
        a.unsetProperty("port");
        assertEquals(List.of("DEBUG   Unset port"), logLines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.unsetProperty("port"));
        assertEquals("action 'a' has no property 'port'", e.getMessage());
        DurationException d = assertThrows(DurationException.class, () -> a.setProperty("timeout", "soon"));
        assertTrue(d.getMessage().contains("soon"), d.getMessage());
    }

    @ParameterizedTest(name = "actionstart_on_demand={0}")
    @CsvSource(textBlock = """
            true,      true
            false,     false
            str:false, true
            str:,      false
            """)
    void startOnDemandIsPythonTruthiness(String value, boolean onDemand) {
        CommandAction a = action("a");
        Object v = value.startsWith("str:") ? value.substring(4) : Boolean.valueOf(value);
        a.setProperty("actionstart_on_demand", v);
        assertEquals(onDemand, a.startOnDemand());
    }

    @Test
    void changingAPropertyChangesTheCommands() {
        CommandAction a = action("a", new String[][] {{"actionban", "ban <ip> <opt>"}, {"opt", "x"}});
        a.ban(info("192.0.2.1"));
        a.setProperty("opt", "y");
        a.ban(info("192.0.2.1"));
        assertEquals(List.of("ban 192.0.2.1 x", "ban 192.0.2.1 y"), take());
    }

    @Test
    void flushIsSupportedOnlyWithActionflush() {
        CommandAction a = action("a", new String[][] {{"actionban", "ban"}});
        assertFalse(a.supportsFlush());
        a.setProperty("actionflush", "flush");
        assertTrue(a.supportsFlush());
        assertTrue(a.flush());
        assertEquals(List.of(), take());
    }

    @Test
    void emptyCommandsRunNothing() {
        CommandAction a = action("a");
        a.start();
        a.ban(info("192.0.2.1"));
        a.unban(info("192.0.2.1"));
        a.stop();
        assertEquals(List.of(), take());
    }

    @Test
    void commandsGetTheTimeout() {
        CommandAction a = action("a", new String[][] {{"actionban", "ban"}, {"timeout", "2m"}});
        a.ban(info("192.0.2.1"));
        assertEquals(120L, runner.calls().get(0).timeout());
        assertEquals(CommandRunnerDefaults.SUCCESS_ZERO, runner.calls().get(0).successCodes());
    }

    @Test
    void pythonActionsAreRefused() {
        ActionFactory f = new ActionFactory(runner, dns, clock);
        ActionException e = assertThrows(ActionException.class,
                () -> f.create(jail, "smtp", "/etc/fail2ban/action.d/smtp.py"));
        assertEquals("Python action 'smtp' of jail 'sshd' (/etc/fail2ban/action.d/smtp.py) cannot run: fail2ban4j "
                + "runs only command actions (action.d/*.conf); replace it by a command action or remove it from "
                + "the jail", e.getMessage());
        Action a = f.create(jail, "iptables", null);
        assertEquals("iptables", a.name());
        assertTrue(a instanceof CommandAction);
    }

    private List<String> logLines() {
        List<String> l = log.lines();
        log.clear();
        return l;
    }

    /** The success codes of an action command. */
    private static final class CommandRunnerDefaults {
        static final java.util.Set<Integer> SUCCESS_ZERO = org.fail2ban4j.exec.CommandRunner.SUCCESS_ZERO;
    }
}
