package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fail2ban4j.source.JournalFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fail2ban-regex systemd-journal[...] FILTER} against Python's on a real journal file: the messages of
 * upstream's sshd sample log written as journal entries of {@code sshd} (and some of {@code cron}, one with a
 * multi-line message) by {@code systemd-journal-remote}, read by Python through python-systemd and by ours through
 * {@code journalctl}. The reports must be the same text (without the timing line; 1.0.2's header lines turned
 * into 1.1.1's), with the filter's journal match, with {@code -m}, with {@code journalpath}, with a plain regex.
 * Needs {@code systemd-journal-remote}, {@code journalctl} and python3-systemd for the oracle.
 */
class RegexToolJournalCompatTest {
    private static final Pattern SYSLOG = Pattern.compile(
            "^[A-Z][a-z]{2} +\\d+ \\d\\d:\\d\\d:\\d\\d (\\S+) sshd\\[(\\d+)\\]: (.+)$");
    /** 2005-08-14 10:00:00 UTC, upstream's test time; entries follow each other by 7.25 s. */
    private static final long T0_MICROS = 1124013600L * 1_000_000L;

    private static final String UTC = "UTC";
    private static Path dir;
    private static Path journal;
    private static Path journalDir;

    static boolean pythonSystemd() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import systemd.journal")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @BeforeAll
    static void writeJournal() throws Exception {
        assumeTrue(JournalFixture.journalRemote() != null, "systemd-journal-remote is not installed");
        assumeTrue(Files.isExecutable(Path.of("/bin/journalctl")) || Files.isExecutable(Path.of("/usr/bin/journalctl")),
                "journalctl is not installed");
        assumeTrue(pythonSystemd(), "the oracle needs python3-systemd (apt-get install python3-systemd)");
        dir = Files.createTempDirectory("regex-journal");
        journal = dir.resolve("sshd.journal");
        List<byte[]> entries = new ArrayList<>();
        int i = 0;
        for (String l : Files.readAllLines(RegexToolCompat.sampleLog("sshd"), StandardCharsets.UTF_8)) {
            Matcher m = SYSLOG.matcher(l);
            if (!m.matches()) {
                continue;
            }
            entries.add(entry(i, List.of(Map.entry("_HOSTNAME", m.group(1)), Map.entry("SYSLOG_IDENTIFIER", "sshd"),
                    Map.entry("_COMM", "sshd"), Map.entry("SYSLOG_PID", m.group(2)),
                    Map.entry("MESSAGE", m.group(3)))));
            i++;
            if (i % 10 == 0) {
                entries.add(entry(i, List.of(Map.entry("_HOSTNAME", "srv"), Map.entry("SYSLOG_IDENTIFIER", "cron"),
                        Map.entry("_COMM", "cron"), Map.entry("_PID", Integer.toString(1000 + i)),
                        Map.entry("MESSAGE", i % 20 == 0 ? "Invalid user cron from 192.0.2." + i + " port 22"
                                : "line one\nFailed password for root from 192.0.2." + i + " port 22 ssh2"))));
                i++;
            }
        }
        assertTrue(entries.size() > 100, "too few sshd lines in the sample log: " + entries.size());
        write(journal, entries);
        journalDir = Files.createDirectory(dir.resolve("journal"));
        write(journalDir.resolve("system.journal"), entries.subList(0, 40));
    }

    @AfterAll
    static void removeJournal() throws IOException {
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted((a, b) -> b.compareTo(a)).toArray(Path[]::new)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** One entry in systemd's export format, {@code index} deciding its time (7.25 s apart, sub-second parts). */
    private static byte[] entry(int index, List<Map.Entry<String, String>> fields) {
        long micros = T0_MICROS + index * 7_250_000L + (index % 3) * 123L;
        return JournalFixture.entry(Instant.ofEpochSecond(0, micros * 1000), 1_000_000L + index, fields);
    }

    private static void write(Path file, List<byte[]> entries) throws IOException, InterruptedException {
        JournalFixture.write(file, entries);
    }

    private static String files() {
        return "systemd-journal[journalfiles=" + journal + "]";
    }

    static Stream<Arguments> sameAsPython() {
        String c = RegexToolCompat.config().toString();
        return Stream.of(
                Arguments.of(List.of("-c", c, "%FILES%", "sshd"), true),
                Arguments.of(List.of("-c", c, "-v", "--print-all-matched", "%FILES%", "sshd"), true),
                Arguments.of(List.of("-c", c, "-m", "SYSLOG_IDENTIFIER=cron", "%FILES%", "sshd"), true),
                Arguments.of(List.of("-c", c, "-m", "SYSLOG_IDENTIFIER=sshd + _COMM=cron", "--print-all-ignored",
                        "%FILES%", "sshd[mode=aggressive]"), true),
                Arguments.of(List.of("-c", c, "-D", "%FILES%", "sshd", "Accepted"), true),
                Arguments.of(List.of("-c", c, "%DIR%", "sshd"), true),
                Arguments.of(List.of("-c", c, "-e", "latin-1", "%FILES%", "sshd"), true),
                Arguments.of(List.of("%FILES%", "(?:Invalid|Failed) .* from <HOST>"), false),
                Arguments.of(List.of("-m", "SYSLOG_IDENTIFIER=cron", "%FILES%", "from <HOST>"), false),
                Arguments.of(List.of("-c", c, "-o", "<ip> <F-USER> <msg>", "%FILES%", "sshd"), true));
    }

    private static List<String> expand(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.equals("%FILES%") ? files() : a.equals("%DIR%") ? "systemd-journal[journalpath="
                    + journalDir + "]" : a);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource
    void sameAsPython(List<String> template, boolean jail) throws Exception {
        List<String> args = expand(template);
        Oracle.Run py = RegexToolCompat.python(args, UTC);
        Oracle.Run ours = RegexToolCompat.ours(args, UTC);
        assertEquals(0, py.status(), "python failed: " + py.stdout() + py.stderr());
        assertEquals(py.status(), ours.status(), "exit status; ours: " + ours.stdout());
        String expected = RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), jail));
        assertTrue(expected.contains("Use         systemd journal") || args.contains("-o"), expected);
        RegexToolCompat.assertSameText(expected, RegexToolCompat.withoutTiming(ours.stdout()), "stdout of " + args);
    }

    /** {@code -o row}: the rows carry the entry's own time (a float), as 1.1.1 without None values. */
    @Test
    void rowsCarryTheEntryTime() throws Exception {
        List<String> args = List.of("-c", RegexToolCompat.config().toString(), "-o", "row", files(), "sshd");
        Oracle.Run py = RegexToolCompat.python(args, UTC);
        Oracle.Run ours = RegexToolCompat.ours(args, UTC);
        assertEquals(0, py.status(), py.stderr());
        assertEquals(0, ours.status(), ours.stdout());
        assertEquals(RegexToolCompat.rowsWithoutNone(py.stdout()), RegexToolCompat.rowsWithoutNone(ours.stdout()));
        assertTrue(ours.stdout().contains("1124013600.0,"), ours.stdout());
    }

    /**
     * In a zone with daylight saving time the entry time is the journal's (1.1.1's {@code date.timestamp()});
     * 1.0.2 converts the wall time of the reader's fixed offset with {@code mktime}, which is an hour off for
     * entries whose offset differs from the one at start, so only the ISO text is compared with it.
     */
    @Test
    void entryTimeIsTheJournalTimeInEveryZone() throws Exception {
        List<String> args = List.of("-c", RegexToolCompat.config().toString(), "-o", "row", files(), "sshd");
        Oracle.Run ours = RegexToolCompat.ours(args, RegexToolCompat.TZ);
        assertEquals(0, ours.status(), ours.stdout());
        assertTrue(ours.stdout().startsWith("['192.030.0.6',\t1124013600.0,\t"), ours.stdout());
        List<String> print = List.of("-c", RegexToolCompat.config().toString(), "--print-all-matched", files(),
                "sshd");
        Oracle.Run py = RegexToolCompat.python(print, RegexToolCompat.TZ);
        Oracle.Run ours2 = RegexToolCompat.ours(print, RegexToolCompat.TZ);
        String matched = "|- Matched line(s):";
        String pyLines = py.stdout().substring(py.stdout().indexOf(matched));
        RegexToolCompat.assertSameText(pyLines, ours2.stdout().substring(ours2.stdout().indexOf(matched)),
                "matched lines with their ISO times");
    }

    /**
     * A journal that cannot be read: Python 1.0.2 ends with a traceback (exit status 1) naming the exception;
     * ours prints one {@code ERROR:} line naming what was wrong and exits with 255. (1.1.1 drops a missing
     * journal file silently and reads the local journals instead; ours refuses it.)
     */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("systemd-journal[journalfiles=%D/missing.journal]", "ValueError: Opening the journal "
                        + "failed", "ERROR: Opening the journal failed: No such journal file: '%D/missing.journal'"),
                Arguments.of("systemd-journal[journalpath=%D/no-such-dir]", "FileNotFoundError",
                        "ERROR: Opening the journal failed: journalctl failed (exit status 1): Failed to open "
                        + "%D/no-such-dir: No such file or directory"),
                Arguments.of("systemd-journal[journalfiles=%D/journal]", "IsADirectoryError",
                        "ERROR: Opening the journal failed: journalctl failed (exit status 1): "),
                Arguments.of("systemd-journal[foo=1]", "unexpected keyword argument 'foo'",
                        "ERROR: Wrong systemd journal options: Unknown option 'foo' of backend systemd (known: "
                        + "journalfiles, journalflags, journalpath, namespace, rotated)"),
                Arguments.of("systemd-journal[journalflags=abc]", "ValueError: invalid literal for int()",
                        "ERROR: Wrong systemd journal options: journalflags must be an integer, got 'abc'"));
    }

    @ParameterizedTest
    @MethodSource
    void errors(String log, String pythonError, String ourError) throws Exception {
        String d = dir.toString();
        List<String> args = List.of("-c", RegexToolCompat.config().toString(), log.replace("%D", d), "sshd");
        Oracle.Run py = RegexToolCompat.python(args);
        assertNotEquals(0, py.status(), py.stdout());
        assertTrue(py.stderr().contains(pythonError), py.stderr());
        Oracle.Run ours = RegexToolCompat.ours(args);
        assertEquals(255, ours.status(), ours.stdout());
        assertTrue(ours.stdout().contains("\nUse         systemd journal\n"), ours.stdout());
        assertTrue(ours.stdout().contains("\n" + ourError.replace("%D", d)), ours.stdout());
        assertTrue(!ours.stdout().contains("Results"), ours.stdout());
    }

    /** A journal match term that is not {@code FIELD=value}: both fail before reading. */
    @Test
    void badJournalMatch() throws Exception {
        List<String> args = List.of("-c", RegexToolCompat.config().toString(), "-m", "not-a-match", files(), "sshd");
        Oracle.Run py = RegexToolCompat.python(args);
        assertNotEquals(0, py.status(), py.stdout());
        Oracle.Run ours = RegexToolCompat.ours(args);
        assertEquals(255, ours.status(), ours.stdout());
        assertTrue(ours.stdout().contains("\nERROR: Opening the journal failed: Error adding journal match for: "
                + "'not-a-match': invalid term 'not-a-match'"), ours.stdout());
    }
}
