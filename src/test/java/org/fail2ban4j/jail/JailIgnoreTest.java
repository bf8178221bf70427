package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ignoreip, ignoreself, ignorecommand and ignorecache of a jail (upstream {@code Filter._inIgnoreIPList}). */
class JailIgnoreTest {

    private JailFixture fx;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        fx.dns.interfaces("192.0.2.7").name("trusted.example.test", "198.51.100.5");
        jail = fx.jail("test", Optional.empty());
        jail.setMaxRetry(1);
        JailFixture.dummyAction(jail, "a");
        jail.startWithoutThreads();
        fx.takeScripts();
    }

    @AfterEach
    void tearDown() {
        jail.stop();
    }

    private List<String> ignoreLines() {
        return fx.filterLog.lines().stream().filter(l -> l.contains(" Ignore ")).collect(Collectors.toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1              | 192.0.2.1   | ip",
        "192.0.2.0/28           | 192.0.2.14  | ip",
        "2001:db8::/32          | 2001:db8::5 | ip",
        "trusted.example.test   | 198.51.100.5| dns",
    })
    void ignoreipEntriesIgnoreMatchingFailures(String entry, String ip, String by) {
        jail.addIgnoreIp(entry);
        fx.fail(ip, 2);
        JailFixture.drive(jail);
        assertFalse(jail.isBanned(IpAddress.parse(ip)));
        assertEquals(List.of("INFO [test] Ignore " + ip + " by " + by, "INFO [test] Ignore " + ip + " by " + by),
                ignoreLines());
        assertEquals(0, jail.status("basic").totalFailed());
        assertEquals(List.of(), fx.takeScripts());
    }

    @Test
    void ignoreipListCanBeChanged() {
        jail.addIgnoreIp("192.0.2.1");
        jail.addIgnoreIp("10.0.0.0/8");
        assertEquals(List.of("10.0.0.0/8", "192.0.2.1"), jail.ignoreIps());
        jail.delIgnoreIp("192.0.2.1");
        assertEquals(List.of("10.0.0.0/8"), jail.ignoreIps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jail.delIgnoreIp("1.2.3.4"));
        assertEquals("list.remove(x): x not in list", e.getMessage());
        fx.fail("192.0.2.1", 1);
        JailFixture.drive(jail);
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.1")));
    }

    @Test
    void ignoreselfIgnoresOwnAddressesUnlessSwitchedOff() {
        assertTrue(jail.isIgnoreSelf());
        fx.fail("192.0.2.7", 1);
        JailFixture.drive(jail);
        assertFalse(jail.isBanned(IpAddress.parse("192.0.2.7")));
        assertEquals(List.of("INFO [test] Ignore 192.0.2.7 by ignoreself rule"), ignoreLines());
        jail.setIgnoreSelf(false);
        fx.fail("192.0.2.7", 1);
        JailFixture.drive(jail);
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.7")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | true",
        "1 | false",
        "2 | false",
    })
    void ignorecommandExitStatusDecides(int status, boolean ignored) {
        fx.runner.alwaysFailWhen(s -> s.startsWith("is-trusted"), status);
        jail.setIgnoreCommand("is-trusted <ip> <F-USER>");
        assertEquals(Optional.of("is-trusted <ip> <F-USER>"), jail.ignoreCommand());
        fx.fail("192.0.2.1", 1);
        JailFixture.drive(jail);
        List<RecordingCommandRunner.Call> calls = fx.runner.calls();
        assertEquals("is-trusted 192.0.2.1 root", calls.get(0).command().script());
        assertEquals(60L, calls.get(0).timeout());
        assertEquals(Set.of(0, 1), calls.get(0).successCodes());
        assertEquals(!ignored, jail.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(ignored ? List.of("INFO [test] Ignore 192.0.2.1 by command") : List.of(), ignoreLines());
    }

    @Test
    void ignorecommandGetsUntrustedValuesAsArguments() {
        fx.runner.alwaysFailWhen(s -> true, 1);
        jail.setIgnoreCommand("is-trusted <ip> <F-USER>");
        fx.source.append(JailFixture.LOG, fx.failure("192.0.2.1", "x;rm"));
        JailFixture.drive(jail);
        RecordingCommandRunner.Call c = fx.runner.calls().get(0);
        assertEquals("f2bV_F_user=$0 \nis-trusted 192.0.2.1 $f2bV_F_user", c.command().script());
        assertEquals(List.of("x;rm"), c.command().args());
    }

    @Test
    void ignorecacheRunsTheCommandOncePerKey() {
        fx.runner.alwaysFailWhen(s -> s.startsWith("is-trusted 192.0.2.2"), 1);
        jail.setMaxRetry(3);
        jail.setIgnoreCommand("is-trusted <ip>");
        jail.setIgnoreCache("key=\"<ip>\", max-count=10, max-time=1m");
        assertEquals(Optional.of(List.of("<ip>", 10L, 60L)), jail.ignoreCache());
        fx.fail("192.0.2.1", 3);
        fx.fail("192.0.2.2", 3);
        JailFixture.drive(jail);
        List<String> checks = fx.runner.scripts().stream().filter(s -> s.startsWith("is-trusted"))
                .collect(Collectors.toList());
        assertEquals(List.of("is-trusted 192.0.2.1", "is-trusted 192.0.2.2"), checks);
        assertFalse(jail.isBanned(IpAddress.parse("192.0.2.1")));
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.2")));
        assertEquals(List.of("INFO [test] Ignore 192.0.2.1 by command"), ignoreLines(),
                "a cached answer is not logged again");
        fx.runner.clear();
        fx.clock.advanceSeconds(61);
        fx.fail("192.0.2.1", 1);
        JailFixture.drive(jail);
        assertEquals(List.of("is-trusted 192.0.2.1"), fx.runner.scripts(), "expired entries are asked again");
        jail.setIgnoreCache("");
        assertEquals(Optional.empty(), jail.ignoreCache());
    }

    @Test
    void ignorecacheNeedsAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jail.setIgnoreCache("max-count=10"));
        assertTrue(e.getMessage().contains("key"), e.getMessage());
    }

    @Test
    void banipBypassesTheIgnoreRules() {
        jail.addIgnoreIp("192.0.2.1");
        assertEquals(1, jail.banIps(List.of("192.0.2.1")));
        assertTrue(jail.isIgnored(IpAddress.parse("192.0.2.1"), false));
    }
}
