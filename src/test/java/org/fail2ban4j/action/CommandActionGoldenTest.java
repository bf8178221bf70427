package org.fail2ban4j.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.fail2ban4j.exec.ShellCommand;
import org.fail2ban4j.expr.PyFloats;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.testing.RecordingCommandRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the commands our {@link CommandAction} runs with what fail2ban 1.1.1's {@code CommandAction} runs
 * ({@code action-golden.jsonl}, written by {@code make_action_golden.py}): every stock action of
 * {@code action.d/} with default options and the parametrised actions of upstream's
 * {@code testCheckStockCommandActions} (iptables, nftables, ipset, firewalld, pf, dummy ...), as the client's
 * reader resolves them, plus synthetic actions for check/repair/retry, families, all dynamic tags, errors.
 *
 * <p>Scenario per action: start, ban and unban of an IPv4 ticket (hostile user name and matches) and of an IPv6
 * ticket, reban, prolong (if prolongable), consistency check, flush, stop. For each step: the exact scripts and
 * positional arguments, the timeout, the error text, the result and the ban epoch.
 */
class CommandActionGoldenTest {

    private static final String GOLDEN = "action-golden.jsonl";

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CommandActionGoldenTest.class.getResourceAsStream(GOLDEN), GOLDEN),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Map<String, Object> rec = JSON.std.mapFrom(line);
                out.add(Arguments.of(rec.get("jail") + " " + rec.get("action"), rec));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(out.size() > 90, "golden cases: " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void sameCommandsAsUpstream(String title, Map<String, Object> rec) {
        String jailName = (String) rec.get("jail");
        String actname = (String) rec.get("actname");
        RecordingCommandRunner runner = new RecordingCommandRunner();
        for (Map<String, Object> rule : (List<Map<String, Object>>) rec.get("fail")) {
            runner.failWhenContains((String) rule.get("match"), ((Number) rule.get("times")).intValue());
        }
        FakeDnsResolver dns = new FakeDnsResolver().reverse("192.0.2.1", "test-host");
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(1700000200L, 250_000_000));
        TestTickets.Jail jail = new TestTickets.Jail(jailName);
        CommandAction a = new CommandAction(actname, jail, runner, dns, clock);
        for (List<Object> kv : (List<List<Object>>) rec.get("props")) {
            a.setProperty((String) kv.get(0), kv.get(1));
        }
        List<Map<String, Object>> actual = new ArrayList<>();
        for (String op : List.of("start", "ban4", "unban4", "ban6", "unban6", "reban4", "prolong4", "check", "flush",
                "stop")) {
            if (op.equals("prolong4") && !a.prolongable()) {
                continue;
            }
            runner.clear();
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("op", op);
            Object result = null;
            String error = null;
            try {
                switch (op) {
                    case "start" -> a.start();
                    case "ban4" -> a.ban(BanInfo.of(TestTickets.ipv4(), jail, dns));
                    case "unban4" -> a.unban(BanInfo.of(TestTickets.ipv4(), jail, dns));
                    case "ban6" -> a.ban(BanInfo.of(TestTickets.ipv6(), jail, dns));
                    case "unban6" -> a.unban(BanInfo.of(TestTickets.ipv6(), jail, dns));
                    case "reban4" -> a.reban(BanInfo.of(TestTickets.ipv4(), jail, dns));
                    case "prolong4" -> a.prolong(BanInfo.of(TestTickets.ipv4(), jail, dns));
                    case "check" -> result = a.consistencyCheck(null);
                    case "flush" -> result = a.flush();
                    case "stop" -> a.stop();
                    default -> throw new AssertionError(op);
                }
            } catch (ActionException | IllegalArgumentException e) {
                error = e.getMessage();
            }
            List<Map<String, Object>> cmds = new ArrayList<>();
            for (RecordingCommandRunner.Call c : runner.calls()) {
                Map<String, Object> cmd = new LinkedHashMap<>();
                cmd.put("t", PyFloats.reprNumber(c.timeout()));
                List<Object> parts = new ArrayList<>();
                ShellCommand sc = c.command();
                parts.add(sc.script());
                parts.addAll(sc.args());
                cmd.put("c", parts);
                cmds.add(cmd);
            }
            step.put("cmds", cmds);
            if (result != null) {
                step.put("result", result);
            }
            if (error != null) {
                step.put("error", error);
            }
            step.put("banEpoch", a.banEpoch());
            actual.add(step);
        }
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) rec.get("steps")) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("op", s.get("op"));
            e.put("cmds", s.get("cmds"));
            if (s.containsKey("result")) {
                e.put("result", s.get("result"));
            }
            if (s.containsKey("error")) {
                e.put("error", s.get("error"));
            }
            e.put("banEpoch", ((Number) s.get("banEpoch")).intValue());
            expected.add(e);
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), title + " step " + expected.get(i).get("op"));
        }
        assertEquals(expected.size(), actual.size(), title + " steps");
    }
}
