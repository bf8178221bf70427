package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail2ban-regex} on generated corpora ({@code ../shared/bench/gen-logs}, 3000 lines each, fixed seed): the
 * stock filters (and the benchmark's qmail-smtp filter file) against each kind of log, ours against Python's, for
 * the plain report, the report printing all matched or all missed lines, and the {@code -o} outputs.
 *
 * <p>The syslog kinds have no year in their dates: both implementations take the current year, in the zone
 * {@link RegexToolCompat#TZ}.
 */
class RegexToolCorporaCompatTest {
    private static final int LINES = 3000;
    private static final int SEED = 7;

    @TempDir
    static Path dir;

    /** kind -> REGEX argument. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    @BeforeAll
    static void generate() throws Exception {
        KINDS.put("sshd", "sshd");
        KINDS.put("dovecot", "dovecot");
        KINDS.put("postfix", "postfix[mode=extra]");
        KINDS.put("nginx-http-auth", "nginx-http-auth");
        KINDS.put("qmail-smtp", RegexToolCompat.bench().resolve("filter.d/qmail-smtp.conf").toString());
        KINDS.put("noise", "sshd");
        for (String kind : KINDS.keySet()) {
            Path out = dir.resolve(kind + ".log");
            Process p = new ProcessBuilder("python3", RegexToolCompat.bench().resolve("gen-logs").toString(),
                    "--kind", kind, "--lines", Integer.toString(LINES), "--seed", Integer.toString(SEED),
                    "-o", out.toString()).redirectErrorStream(true).start();
            String msg = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "gen-logs " + kind + ": " + msg);
            assertTrue(Files.size(out) > 0, "empty corpus " + out);
        }
    }

    private static boolean isJail(String regex) throws Exception {
        String name = regex.contains("[") ? regex.substring(0, regex.indexOf('[')) : regex;
        return !name.contains("/") && RegexToolCompat.isStockJail(RegexToolCompat.config(), name);
    }

    private static List<String> args(String kind, List<String> options) {
        List<String> args = new ArrayList<>(List.of("-c", RegexToolCompat.config().toString()));
        args.addAll(options);
        args.add(dir.resolve(kind + ".log").toString());
        args.add(KINDS.get(kind));
        return args;
    }

    @TestFactory
    Stream<DynamicTest> reports() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("sshd", "dovecot", "postfix", "nginx-http-auth", "qmail-smtp", "noise")) {
            for (List<String> opts : List.of(List.<String>of(), List.of("--print-all-matched"),
                    List.of("--print-all-missed"))) {
                tests.add(DynamicTest.dynamicTest(kind + " " + opts, () -> {
                    List<String> a = args(kind, opts);
                    Oracle.Run py = RegexToolCompat.python(a);
                    Oracle.Run ours = RegexToolCompat.ours(a);
                    assertEquals(py.status(), ours.status(), "python stderr: " + py.stderr());
                    RegexToolCompat.assertSameText(
                            RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), isJail(KINDS.get(kind)))),
                            RegexToolCompat.withoutTiming(ours.stdout()), kind + " " + opts);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> outputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("sshd", "dovecot", "postfix", "nginx-http-auth", "qmail-smtp")) {
            for (String fmt : List.of("id", "ip", "msg", "matches", "row:<F-USER>", "fid", "<ip> <F-USER> <msg>")) {
                tests.add(DynamicTest.dynamicTest(kind + " -o " + fmt, () -> {
                    List<String> a = args(kind, List.of("-o", fmt));
                    Oracle.Run py = RegexToolCompat.python(a);
                    Oracle.Run ours = RegexToolCompat.ours(a);
                    assertEquals(py.status(), ours.status());
                    RegexToolCompat.assertSameText(RegexToolCompat.sortedSets(py.stdout()),
                            RegexToolCompat.sortedSets(ours.stdout()), kind + " -o " + fmt);
                }));
            }
            tests.add(DynamicTest.dynamicTest(kind + " -o row", () -> {
                List<String> a = args(kind, List.of("-o", "row"));
                Oracle.Run py = RegexToolCompat.python(a);
                Oracle.Run ours = RegexToolCompat.ours(a);
                assertEquals(py.status(), ours.status());
                List<String> expected = RegexToolCompat.rowsWithoutNone(py.stdout());
                assertTrue(expected.size() > 50, kind + ": few failures: " + expected.size());
                assertEquals(expected, RegexToolCompat.rowsWithoutNone(ours.stdout()), kind);
                if (kind.equals("qmail-smtp")) {
                    // no prefregex: 1.0.2 and 1.1.1 print the same rows, TAI64N dates as integers
                    RegexToolCompat.assertSameText(py.stdout(), ours.stdout(), kind + " -o row");
                }
            }));
        }
        return tests.stream();
    }
}
