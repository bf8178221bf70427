package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code fail2ban-regex -c <stock config> <sample log> <name>} for every stock filter that has a sample log of
 * upstream (tests-files/logs/NAME), ours against Python's: the same report after removing the timing line, for a
 * plain run and for a run printing every matched, missed and ignored line; and {@code -o} runs on a set of
 * samples. 1.0.2's text is turned into 1.1.1's where the releases differ ({@link RegexToolCompat#to111}); the few
 * sample results that 1.1.1 changed are asserted as 1.1.1 has them, with the reason.
 *
 * <p>Sample dates without a year are read in the current year by both, in the zone {@link RegexToolCompat#TZ}.
 */
class RegexToolSamplesCompatTest {

    /**
     * Samples whose 1.1.1 results differ from 1.0.2's beyond the text of {@link RegexToolCompat#to111}.
     * <ul>
     *   <li>dovecot: 1.1.1's IPv6 part of {@code <ADDR>} lets one more line of the sample match
     *       ({@code auth(info@example.com,192.0.2.110,sasl:login)<...>: Info: sql: Password mismatch}).</li>
     *   <li>freeswitch: 1.1.1 reads the jail [freeswitch], whose filter gets {@code mode=normal} from
     *       [DEFAULT] of jail.conf; 1.0.2 reads filter.d/freeswitch.conf with its own default mode=extra.</li>
     * </ul>
     */
    private static final Map<String, Map<String, String>> PLAIN_111 = Map.of(
            "dovecot", Map.of(
                    "Failregex: 44 total", "Failregex: 45 total",
                    "|   4) [10] ^(?:[a-z\\-]{3,15}\\(\\S*,<ADDR>(?:,\\S*)?\\): )?(?:[Uu]nknown user|[Ii]nvalid "
                            + "credentials|[Pp]assword mismatch)",
                    "|   4) [11] ^(?:[a-z\\-]{3,15}\\(\\S*,<ADDR>(?:,\\S*)?\\): )?(?:[Uu]nknown user|[Ii]nvalid "
                            + "credentials|[Pp]assword mismatch)",
                    "Lines: 67 lines, 0 ignored, 44 matched, 23 missed",
                    "Lines: 67 lines, 0 ignored, 45 matched, 22 missed",
                    "Missed line(s): too many to print.  Use --print-all-missed to print all 23 lines",
                    "Missed line(s): too many to print.  Use --print-all-missed to print all 22 lines"));

    /** Samples whose -o output prints "now" (a line whose date pattern matched an empty date), never equal. */
    private static final Set<String> NOW_DATED = Set.of("asterisk", "ejabberd-auth", "guacamole", "murmur",
            "named-refused");

    static List<String> sampleFilters() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(RegexToolCompat.config().resolve("filter.d"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().forEach(n -> {
                String name = n.substring(0, n.length() - ".conf".length());
                if (Files.isRegularFile(RegexToolCompat.sampleLog(name))) {
                    names.add(name);
                }
            });
        }
        assertTrue(names.size() > 80, "stock filters with a sample log: " + names);
        return names;
    }

    @TestFactory
    Stream<DynamicTest> plainReport() throws IOException {
        return sampleFilters().stream().map(n -> DynamicTest.dynamicTest(n, () -> compare(n, List.of())));
    }

    @TestFactory
    Stream<DynamicTest> reportPrintingAllLines() throws IOException {
        return sampleFilters().stream().filter(n -> !PLAIN_111.containsKey(n) && !n.equals("freeswitch"))
                .map(n -> DynamicTest.dynamicTest(n, () -> compare(n,
                        List.of("--print-all-matched", "--print-all-missed", "--print-all-ignored"))));
    }

    @TestFactory
    Stream<DynamicTest> outputFormats() throws IOException {
        List<String> names = List.of("sshd", "apache-auth", "postfix", "nginx-http-auth", "exim", "pam-generic",
                "recidive", "mongodb-auth", "sendmail-auth", "dropbear", "bitwarden", "vsftpd");
        List<DynamicTest> tests = new ArrayList<>();
        for (String n : names) {
            for (String fmt : List.of("id", "ip", "msg", "row:<F-USER>", "user", "fid")) {
                tests.add(DynamicTest.dynamicTest(n + " -o " + fmt, () -> compare(n, List.of("-o", fmt))));
            }
            tests.add(DynamicTest.dynamicTest(n + " -o row", () -> compareRows(n)));
        }
        return tests.stream();
    }

    private static void compare(String name, List<String> options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-c", RegexToolCompat.config().toString()));
        args.addAll(options);
        args.add(RegexToolCompat.sampleLog(name).toString());
        args.add(name);
        Oracle.Run ours = RegexToolCompat.ours(args);
        boolean jail = RegexToolCompat.isStockJail(RegexToolCompat.config(), name);
        String expected;
        if (name.equals("freeswitch")) {
            // 1.1.1 reads the jail, which gives the filter mode=normal: 1.0.2 reads that filter as
            // freeswitch[mode=normal]
            List<String> pyArgs = new ArrayList<>(args);
            pyArgs.set(pyArgs.size() - 1, "freeswitch[mode=normal]");
            expected = RegexToolCompat.to111(RegexToolCompat.python(pyArgs).stdout(), true)
                    .replace("Use jail/flt options : {'mode': 'normal'}\n", "");
        } else {
            Oracle.Run py = RegexToolCompat.python(args);
            assertEquals(py.status(), ours.status(), "exit status; python stderr: " + py.stderr());
            expected = RegexToolCompat.to111(py.stdout(), jail);
        }
        for (Map.Entry<String, String> e : PLAIN_111.getOrDefault(name, Map.of()).entrySet()) {
            assertTrue(expected.contains(e.getKey() + "\n"), name + ": 1.0.2 result changed: " + e.getKey());
            expected = expected.replace(e.getKey() + "\n", e.getValue() + "\n");
        }
        RegexToolCompat.assertSameText(RegexToolCompat.sortedSets(RegexToolCompat.withoutTiming(expected)),
                RegexToolCompat.sortedSets(RegexToolCompat.withoutTiming(ours.stdout())), name + " " + options);
    }

    /**
     * 1.1.1's own text of {@code -o row} for two multi-line sshd failures (the key order and the None values
     * differ from 1.0.2; the dates, which depend on the current year, are masked and compared in
     * {@link #compareRows}): recorded from fail2ban 1.1.1.
     */
    @Test
    void sshdRowsAs111() throws Exception {
        Oracle.Run ours = RegexToolCompat.ours(List.of("-c", RegexToolCompat.config().toString(), "-o", "row",
                RegexToolCompat.sampleLog("sshd").toString(), "sshd"));
        List<String> rows = List.of(RegexToolCompat.sortedSets(ours.stdout()).replaceAll(",\t[0-9.]+,\t", ",\t<T>,\t")
                .split("\n"));
        assertEquals("['2606:2800:220:1:248:1893:25c8:1946',\t<T>,\t{'mlfid': ' imago sshd[28732]: ', 'user': "
                + "'test-ipv6', 'dns': 'example.com', 'users': {'stefanor', 'test-ipv6'}, "
                + "'ip6': '2606:2800:220:1:248:1893:25c8:1946'}],", rows.get(1));
        assertEquals("['205.186.180.77',\t<T>,\t{'mlfid': ' Jamess-iMac.local sshd[2554]: ', 'cond_inv': 'invalid "
                + "user ', 'user': 'jamedds', 'ip4': '205.186.180.77', 'users': {'jamedds'}}],", rows.get(22));
    }

    /**
     * {@code -o row}: same rows as 1.0.2 once the entries whose value is None are left out (1.1.1 stopped merging
     * the None groups of the failregex into the data of a filter with a prefregex), and exactly 1.1.1's text for a
     * row of each kind (checked against 1.1.1 itself when this test was written).
     */
    private static void compareRows(String name) throws Exception {
        List<String> args = List.of("-c", RegexToolCompat.config().toString(), "-o", "row",
                RegexToolCompat.sampleLog(name).toString(), name);
        Oracle.Run ours = RegexToolCompat.ours(args);
        Oracle.Run py = RegexToolCompat.python(args);
        assertEquals(py.status(), ours.status());
        assertEquals(RegexToolCompat.rowsWithoutNone(py.stdout()), RegexToolCompat.rowsWithoutNone(ours.stdout()),
                name);
        assertTrue(NOW_DATED.stream().noneMatch(name::equals));
    }
}
