package org.fail2ban4j.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fail2ban4j.exec.ProcessCommandRunner;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CommandAction} with the real {@link ProcessCommandRunner} and {@code /bin/sh}: values from log lines
 * (user names, matches, raw ids) reach the commands as text, never as shell syntax.
 */
class CommandActionExecTest {

    @TempDir
    Path dir;

    private final FakeDnsResolver dns = new FakeDnsResolver();
    private final TestTickets.Jail jail = new TestTickets.Jail("sshd");

    private CommandAction action(String actionban) {
        CommandAction a = new CommandAction("echo", jail, new ProcessCommandRunner(true, dir), dns,
                InstantSource.fixed(Instant.ofEpochSecond(1700000000L)));
        a.setProperty("actionban", actionban);
        a.setProperty("out", dir.resolve("out").toString());
        a.setProperty("timeout", "10");
        return a;
    }

    /** Hostile texts; each tries to create the file {@code pwned-N} in the test directory. */
    static Stream<String> hostile() {
        return Stream.of(
                "$(touch %s/pwned-1)",
                "`touch %s/pwned-2`",
                "'; touch %s/pwned-3; echo '",
                "\"; touch %s/pwned-4; echo \"",
                "x\ntouch %s/pwned-5",
                "x; touch %s/pwned-6 #",
                "x && touch %s/pwned-7 || touch %s/pwned-7",
                "$(touch${IFS}%s/pwned-8)",
                "\\\"$(touch %s/pwned-9)\\\"",
                "x | touch %s/pwned-10",
                "<ip> <F-USER> $f2bV_F_user %s");
    }

    private String fill(String template) {
        return template.replace("%s", dir.toString());
    }

    private List<String> pwned() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pwned"))
                    .collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileUserNameIsOnlyText(String template) throws IOException {
        String user = fill(template);
        CommandAction a = action("printf '%s|' \"<F-USER>\" <F-USER> > <out>");
        a.ban(BanInfo.of(TestTickets.withUser("192.0.2.1", user), jail, dns));
        assertEquals(List.of(), pwned());
        String out = Files.readString(dir.resolve("out"));
        assertTrue(out.startsWith(user + "|"), out);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileMatchesAreOnlyText(String template) throws IOException {
        String line = fill(template);
        CommandAction a = action("printf '%s' \"<matches>\" > <out>");
        TestTickets.Ticket t = new TestTickets.Ticket(IpAddress.parse("192.0.2.1"), 1.0, List.of(line, line), 2,
                OptionalLong.empty(), 0, false, Map.of());
        a.ban(BanInfo.of(t, jail, dns));
        assertEquals(List.of(), pwned());
        assertEquals(line + "\n" + line, Files.readString(dir.resolve("out")));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileRawIdIsOnlyText(String template) throws IOException {
        String id = fill(template);
        CommandAction a = action("printf '%s' \"<ip>\" > <out>");
        TestTickets.Ticket t = new TestTickets.Ticket(IpAddress.raw(id), 1.0, List.of(), 1, OptionalLong.empty(), 0,
                false, Map.of());
        a.ban(BanInfo.of(t, jail, dns));
        assertEquals(List.of(), pwned());
        assertEquals(id, Files.readString(dir.resolve("out")));
    }

    @Test
    void escapedPropertyTagsStayText() throws IOException {
        CommandAction a = action("printf '%s' <matches> > <out>");
        a.setProperty("matches", fill("a;b $(touch %s/pwned-p)`touch %s/pwned-q`"));
        a.ban(BanInfo.of(TestTickets.withUser("192.0.2.1", "root"), jail, dns));
        assertEquals(List.of(), pwned());
        assertEquals(fill("a;b$(touch%s/pwned-p)`touch%s/pwned-q`"), Files.readString(dir.resolve("out")));
    }

    @Test
    void plainValuesAreInlinedAndTheCommandRuns() throws IOException {
        CommandAction a = action("echo <ip> <F-USER> <family> <bantime> > <out>");
        a.ban(BanInfo.of(TestTickets.withUser("2001:db8::1", "root"), jail, dns));
        assertEquals("2001:db8::1 root inet6 600\n", Files.readString(dir.resolve("out")));
    }

    @Test
    void failingCommandIsAnActionError() {
        CommandAction a = action("exit 3");
        assertFalse(runs(a));
    }

    private boolean runs(CommandAction a) {
        try {
            a.ban(BanInfo.of(TestTickets.withUser("192.0.2.1", "root"), jail, dns));
            return true;
        } catch (ActionException e) {
            assertEquals("Error banning 192.0.2.1", e.getMessage());
            return false;
        }
    }
}
