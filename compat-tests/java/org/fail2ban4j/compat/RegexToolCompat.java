package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.SystemDnsResolver;
import org.fail2ban4j.regextool.RegexTool;
import org.fail2ban4j.regextool.RegexToolOptions;

/**
 * Runs Python's {@code fail2ban-regex} (Debian's 1.0.2, the oracle) and ours in-process with the same fixed time
 * zone, and turns 1.0.2's report into 1.1.1's where the two releases print differently.
 *
 * <p>Time: both run with the zone {@link #TZ}; dates without a year (syslog) get the current year in both, so the
 * reports agree whatever the year is. DNS: both use the system resolver, so host names resolve (or not) alike.
 */
final class RegexToolCompat {
    /** The zone both implementations run in (daylight saving time included, as upstream's tests use CET). */
    static final String TZ = "Europe/Berlin";
    static final String PYTHON = "/usr/bin/fail2ban-regex";
    private static final DnsResolver DNS = new CachingDnsResolver(new SystemDnsResolver(), InstantSource.system());

    private RegexToolCompat() {
    }

    static Path upstream() {
        return Oracle.upstream();
    }

    static Path config() {
        return upstream().resolve("config");
    }

    static Path sampleLog(String name) {
        return upstream().resolve("tests-files/logs").resolve(name);
    }

    /** The directory of the benchmark tools ({@code ../shared/bench}). */
    static Path bench() {
        Path p = upstream().toAbsolutePath().normalize().getParent().getParent().resolve("bench");
        assertTrue(Files.isDirectory(p), "benchmark tools not found at " + p);
        return p;
    }

    /** Python's fail2ban-regex with {@code TZ} set, with a time limit. */
    static Oracle.Run python(List<String> args) throws IOException, InterruptedException {
        return python(args, TZ);
    }

    /** Python's fail2ban-regex in the given zone, with a time limit. */
    static Oracle.Run python(List<String> args, String tz) throws IOException, InterruptedException {
        Path exe = Path.of(PYTHON);
        assertTrue(Files.isExecutable(exe),
                "the Python oracle " + exe + " is not installed (apt-get install fail2ban)");
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TZ", tz);
        pb.environment().put("COLUMNS", "80");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().remove("LC_ALL");
        Path out = Files.createTempFile("regex-oracle", ".out");
        Path err = Files.createTempFile("regex-oracle", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the Python oracle did not finish: " + cmd);
            }
            return new Oracle.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Our fail2ban-regex in-process, with the zone {@link #TZ}, the real clock and the system resolver. */
    static Oracle.Run ours(List<String> args) {
        return ours(args, TZ);
    }

    /** Our fail2ban-regex in-process, in the given zone, with the real clock and the system resolver. */
    static Oracle.Run ours(List<String> args, String tz) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        Map<String, String> env = new HashMap<>();
        env.put("COLUMNS", "80");
        env.put("LANG", "C.UTF-8");
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            RegexToolOptions.Outcome outcome = RegexToolOptions.parse(args, PYTHON, env);
            if (outcome instanceof RegexToolOptions.Exit) {
                RegexToolOptions.Exit x = (RegexToolOptions.Exit) outcome;
                o.print(x.stdout());
                e.print(x.stderr());
                rc = x.status();
            } else {
                RegexTool.Environment environment = new RegexTool.Environment(InstantSource.system(), ZoneId.of(tz),
                        DNS, 4242);
                rc = new RegexTool(((RegexToolOptions.Run) outcome).options(), environment, o).run();
            }
        }
        return new Oracle.Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final Pattern TIMING = Pattern.compile("(?m)^\\[processed in \\d+\\.\\d\\d sec\\]\\n");
    private static final Pattern USE_FILTER_102 = Pattern.compile(
            "(?m)^Use   failregex filter file : (.*), basedir: (.*)$");
    private static final Pattern REAL_OPTIONS = Pattern.compile("(?m)^(Real  filter options : \\{.*)\\}$");
    private static final Pattern USE_FILE_102 = Pattern.compile("(?m)^Use   failregex file : (.*)$");
    private static final Pattern SETS = Pattern.compile(
            "\\{('(?:[^'\\\\]|\\\\.)*'(?:, '(?:[^'\\\\]|\\\\.)*')+)\\}");

    /** A report without its timing line (the only line that differs from run to run). */
    static String withoutTiming(String report) {
        return TIMING.matcher(report).replaceAll("");
    }

    /**
     * Python sets (e.g. {@code 'users': {'a', 'b'}}) print in an order that depends on the string hash seed of
     * the process; ours keep the order the values were added. Both are sorted here.
     */
    static String sortedSets(String text) {
        Matcher m = SETS.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            List<String> items = new ArrayList<>(List.of(m.group(1).split(", ")));
            items.sort(null);
            m.appendReplacement(sb, Matcher.quoteReplacement("{" + String.join(", ", items) + "}"));
        }
        return m.appendTail(sb).toString();
    }

    /** Whether the configuration's {@code jail.conf} has a section of that name. */
    static boolean isStockJail(Path config, String name) throws IOException {
        return Files.readString(config.resolve("jail.conf")).contains("\n[" + name + "]\n");
    }

    /**
     * 1.0.2's report turned into 1.1.1's:
     * <ul>
     *   <li>1.1.1 first looks a name up as a jail of the configuration ({@code Use             jail : sshd},
     *       options shown as {@code Use jail/flt options}); a filter is announced as
     *       {@code Use      filter file : sshd, basedir: ...} (1.0.2: {@code Use   failregex filter file : ...}),
     *       a filter file outside the configuration as {@code Use      filter file : path}.</li>
     *   <li>1.1.1 changed the IPv6 part of {@code <HOST>}/{@code <ADDR>}: {@code (?:[0-9a-fA-F]{1,4}::?|:){1,7}}
     *       instead of {@code ...|::){1,7}}; expanded regexes (the prefregex, debuggex links) print it.</li>
     *   <li>1.1.1's default date template {@code %ExY%Exm%Exd(?:-|T|  ?)%ExH:?%ExM:?%ExS...} (1.0.2:
     *       {@code (?:T|  ?)} and no optional colons), printed by {@code -v} with its name, pattern and regex.</li>
     *   <li>For a jail, 1.1.1 adds the backend to the options it reads the jail with, so
     *       {@code Real  filter options} ({@code -vv}) ends with {@code 'backend': 'auto'}.</li>
     * </ul>
     *
     * @param jail whether the REGEX argument names a jail of the configuration (1.1.1 then reads the jail)
     */
    static String to111(String report102, boolean jail) {
        String r = report102;
        if (jail) {
            r = USE_FILTER_102.matcher(r).replaceAll(m -> Matcher.quoteReplacement(
                    "Use             jail : " + m.group(1)));
            r = r.replace("\nUse   filter options : ", "\nUse jail/flt options : ");
        } else {
            r = USE_FILTER_102.matcher(r).replaceAll(m -> Matcher.quoteReplacement(
                    "Use      filter file : " + m.group(1) + ", basedir: " + m.group(2)));
        }
        r = USE_FILE_102.matcher(r).replaceAll(m -> Matcher.quoteReplacement("Use      filter file : " + m.group(1)));
        if (jail) {
            r = REAL_OPTIONS.matcher(r).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ", 'backend': 'auto'}"));
        }
        return r.replace("(?:[0-9a-fA-F]{1,4}::?|::){1,7}", "(?:[0-9a-fA-F]{1,4}::?|:){1,7}")
                .replace("%28%3F%3A%5B0-9a-fA-F%5D%7B1%2C4%7D%3A%3A%3F%7C%3A%3A%29%7B1%2C7%7D",
                        "%28%3F%3A%5B0-9a-fA-F%5D%7B1%2C4%7D%3A%3A%3F%7C%3A%29%7B1%2C7%7D")
                .replace("(?:T|  ?)Ex24hourExMinuteExSecond", "(?:-|T|  ?)Ex24hour:?ExMinute:?ExSecond")
                .replace("%Exd(?:T|  ?)%ExH%ExM%ExS", "%Exd(?:-|T|  ?)%ExH:?%ExM:?%ExS")
                .replace("(?:T|  ?)(?P<H>[0-1]\\d|2[0-3])(?P<M>[0-5]\\d)(?P<S>",
                        "(?:-|T|  ?)(?P<H>[0-1]\\d|2[0-3]):?(?P<M>[0-5]\\d):?(?P<S>");
    }

    /** Asserts equal texts, showing the first differing lines. */
    static void assertSameText(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            assertEquals(expected, actual, what + ":\n" + Oracle.diff(expected, actual, 6));
        }
    }

    /**
     * The rows of {@code -o row} as comparable values: id, time and the failure data without the entries whose
     * value is {@code None} (1.1.1 no longer merges failregex groups that did not match into the data of a filter
     * with a prefregex, and the position of a key merged later from a multi-line failure can differ), keys sorted.
     */
    static List<String> rowsWithoutNone(String out) {
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int a = line.indexOf(",\t");
            int b = line.indexOf(",\t", a + 2);
            assertTrue(line.startsWith("[") && line.endsWith("}],") && a > 0 && b > a, "not a row: " + line);
            String dict = line.substring(b + 3, line.length() - 3);
            Map<String, String> entries = new TreeMap<>();
            for (String e : splitTopLevel(dict)) {
                int colon = e.indexOf("': ");
                String key = e.substring(0, colon + 1);
                String value = e.substring(colon + 3);
                if (!value.equals("None")) {
                    entries.put(key, sortedSets(value));
                }
            }
            rows.add(line.substring(0, b) + " " + entries);
        }
        return rows;
    }

    /** Splits {@code 'a': 1, 'b': {'x', 'y'}} at the commas outside quotes and brackets. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                parts.add(s.substring(start, i));
                start = i + 2;
            }
        }
        if (start < s.length()) {
            parts.add(s.substring(start));
        }
        return parts;
    }
}
