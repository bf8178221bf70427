package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tool end to end on small scenarios, with a fixed clock and zone (UTC) and no DNS. The golden reports were
 * recorded from fail2ban 1.1.1's {@code fail2ban-regex} (with {@code TZ=UTC}; timing line set to 0.00 sec, paths
 * replaced by {@code {DIR}}).
 */
class RegexToolTest {
    private static final String RES = "/org/fail2ban4j/regextool/";
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z"));

    @TempDir
    Path dir;

    @BeforeEach
    void copyScenario() throws IOException {
        for (String f : List.of("s1.log", "s2.log", "s3.log", "s4.log", "explicit.conf", "common.conf", "cfg/jail.conf",
                "cfg/filter.d/common.conf", "cfg/filter.d/myfilt.conf")) {
            Path to = dir.resolve(f);
            Files.createDirectories(to.getParent());
            try (InputStream in = RegexToolTest.class.getResourceAsStream(RES + "scenario/" + f)) {
                Files.copy(in, to);
            }
        }
    }

    private String golden(String name) {
        try (InputStream in = RegexToolTest.class.getResourceAsStream(RES + "golden/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{DIR}", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the tool; returns exit status and output. */
    static String[] run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            RegexToolOptions.Outcome outcome = RegexToolOptions.parse(args, "fail2ban-regex", Map.of());
            if (outcome instanceof RegexToolOptions.Exit) {
                RegexToolOptions.Exit e = (RegexToolOptions.Exit) outcome;
                o.print(e.stdout() + e.stderr());
                rc = e.status();
            } else {
                rc = new RegexTool(((RegexToolOptions.Run) outcome).options(),
                        new RegexTool.Environment(CLOCK, ZoneId.of("UTC"), new FakeDnsResolver(), 1), o).run();
            }
        }
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8)};
    }

    private List<String> args(String... a) {
        List<String> l = new ArrayList<>();
        for (String s : a) {
            l.add(s.replace("{DIR}", dir.toString()));
        }
        return l;
    }

    private void assertGolden(String name, List<String> args) {
        String[] r = run(args);
        assertEquals(golden(name), r[1]);
        assertEquals("0", r[0]);
    }

    @Test
    void verboseReportOfALogGivenAsLines() throws IOException {
        assertGolden("s1", List.of("-v", "--VD", "--print-all-matched", "--print-all-ignored",
                Files.readString(dir.resolve("s1.log")).stripTrailing(),
                "Invalid user <F-USER>\\S+</F-USER> from <HOST>",
                "user ignored"));
    }

    /** A failure over two buffered lines counts the earlier line as matched too (and no longer as missed). */
    @Test
    void multiLineBufferCountsConsumedLines() {
        assertGolden("s2", args("-L", "2", "--print-all-matched", "--print-all-missed", "{DIR}/s2.log",
                "(?m)start \\d+\\n.*fail from <HOST>"));
    }

    /** Dates as upstream holds them: TAI64N and dates with a zone are integers, others floats. */
    @Test
    void rowsWithIntegerAndFloatDates() {
        assertGolden("s3a", args("-o", "row", "{DIR}/s3.log", "x <HOST>"));
        assertGolden("s3b", args("--timezone", "UTC+0100", "-o", "row", "{DIR}/s3.log", "x <HOST>"));
    }

    @Test
    void jailOfTheConfiguration() {
        assertGolden("s4a", args("-c", "{DIR}/cfg", "-vv", "--print-all-matched", "--print-all-ignored",
                "--print-all-missed", "{DIR}/s4.log", "myjail"));
    }

    @Test
    void jailWithOptionsOverTheFilterOptionsOfTheJail() {
        assertGolden("s4b", args("-c", "{DIR}/cfg", "-vv", "--print-all-matched", "{DIR}/s4.log",
                "myjail[what=fail]"));
    }

    @Test
    void filterWithOptions() {
        assertGolden("s4c", args("-c", "{DIR}/cfg", "-vv", "--print-all-matched", "{DIR}/s4.log",
                "myfilt[what=bad]"));
    }

    @Test
    void filterFileOutsideTheConfiguration() {
        assertGolden("s4e", args("-c", "{DIR}/cfg", "-vv", "--print-all-matched", "{DIR}/s4.log",
                "{DIR}/explicit.conf"));
    }

    /** A bare file name that is not in filter.d is taken for a regex, as upstream does. */
    @Test
    void bareFileNameIsARegex() {
        String[] r = run(args("-c", "{DIR}/cfg", "-vv", "--print-all-matched", "{DIR}/s4.log", "explicit.conf"));
        assertEquals(golden("s4d"), r[1]);
        assertEquals("255", r[0]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-l bogus|ERROR: Invalid log level 'bogus'",
        "--timezone XYZ|ERROR: Unknown or unsupported time zone: 'XYZ'",
        "-L -1|ERROR: maxlines must be integer greater than zero",
        "-e bogus-enc|ERROR: unknown encoding: bogus-enc",
        "-m 'a|ERROR: No closing quotation",
    })
    void errorsNameWhatIsWrong(String options, String message) {
        List<String> a = new ArrayList<>(List.of(options.split(" ")));
        a.add("{DIR}/s4.log");
        a.add("x <HOST>");
        String[] r = run(args(a.toArray(new String[0])));
        assertEquals("255", r[0]);
        assertTrue(r[1].endsWith("\n" + message + "\n"), r[1]);
    }

    /** Journal options that cannot work are refused before reading, naming the value (no journal needed). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "systemd-journal[foo=1]|ERROR: Wrong systemd journal options: Unknown option 'foo' of backend systemd",
        "systemd-journal[journalflags=x]|ERROR: Wrong systemd journal options: journalflags must be an integer, "
            + "got 'x'",
        "systemd-journal[journalfiles=/nonexistent/x.journal]|ERROR: Opening the journal failed: No such journal "
            + "file: '/nonexistent/x.journal'",
        "systemd-journal[|ERROR: Wrong systemd journal options: "})
    void badJournalOptionsAreRefusedClearly(String log, String error) {
        String[] r = run(List.of(log, "x <HOST>"));
        assertEquals("255", r[0]);
        assertTrue(r[1].contains("\nUse         systemd journal\n"), r[1]);
        assertTrue(r[1].contains("\n" + error), r[1]);
    }

    @Test
    void aBadJournalMatchIsRefusedClearly() {
        String[] r = run(List.of("-m", "sshd", "systemd-journal[journalfiles=/nonexistent/x.journal]", "x <HOST>"));
        assertEquals("255", r[0]);
        assertTrue(r[1].contains("ERROR: Opening the journal failed: Error adding journal match for: 'sshd': "
                + "invalid term 'sshd'"), r[1]);
    }

    @Test
    void unreadableLogFile() throws IOException {
        Path log = dir.resolve("locked.log");
        Files.writeString(log, "x 192.0.2.1\n");
        assertTrue(log.toFile().setReadable(false));
        String[] r = run(List.of(log.toString(), "x <HOST>"));
        if (Files.isReadable(log)) {
            return; // running as root: permissions do not apply
        }
        assertEquals("255", r[0]);
        assertTrue(r[1].endsWith("[Errno 13] Permission denied: '" + log + "'\n"), r[1]);
    }

    /** {@code -o} with tags: one line per failure, a failure of several lines printed once per line. */
    @Test
    void tagOutput() {
        String[] r = run(args("-o", "<ip> <F-USER> <time> [<msg>]", "-c", "{DIR}/cfg", "{DIR}/s4.log", "myjail"));
        assertEquals("0", r[0]);
        assertEquals("192.0.2.2  1124020802.0 [2005-08-14 12:00:02 srv app: bad from 192.0.2.2]\n"
                + "192.0.2.3 bob 1124020803.0 [2005-08-14 12:00:03 srv app: denied bob at 192.0.2.3]\n", r[1]);
        String[] ml = run(args("-L", "2", "-o", "<ip>: <msg>", "{DIR}/s2.log", "(?m)start \\d+\\n.*fail from <HOST>"));
        assertEquals("192.0.2.1: 2005-08-14 12:00:01 a: start 1\n"
                + "192.0.2.1: 2005-08-14 12:00:02 a: fail from 192.0.2.1\n"
                + "192.0.2.2: 2005-08-14 12:00:04 a: start 2\n192.0.2.2: 2005-08-14 12:00:05 a: fail from 192.0.2.2\n",
                ml[1]);
    }
}
