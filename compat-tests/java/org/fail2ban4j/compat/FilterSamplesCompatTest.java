package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.reader.FilterReader;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.StrptimePattern;
import org.fail2ban4j.filter.Failure;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample log of upstream (tests-files/logs/NAME) run through the stock filter NAME with every
 * {@code filterOptions} set, checking every {@code failJSON} expectation (match, host and all captures, time) and
 * that every failregex has a sample, as upstream's {@code samplestestcase.py} does. Prints one line per filter
 * and a total.
 */
class FilterSamplesCompatTest {
    static final long TEST_NOW = 1124013600L;
    static final ZoneId ZONE = ZoneId.of("CET");
    static final String TEST_NOW_STR = "2005-08-14T10:00:00";
    private static final Pattern SPECIAL = Pattern.compile("^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$");
    private static final Map<String, String> SUMMARY = new TreeMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger CHECKED = new java.util.concurrent.atomic.AtomicInteger();

    /** No DNS in these tests: no name resolves. */
    static final DnsResolver NO_DNS = new FakeDnsResolver();

    @TestFactory
    Stream<DynamicTest> samples() throws IOException {
        Path config = Oracle.upstream().resolve("config");
        List<String> names = new ArrayList<>();
        try (var s = Files.list(config.resolve("filter.d"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf") && !n.endsWith("common.conf"))
                    .sorted().forEach(n -> names.add(n.substring(0, n.length() - 5)));
        }
        assertTrue(names.size() > 80, "stock filters: " + names);
        return names.stream().map(n -> DynamicTest.dynamicTest(n, () -> runFilter(n, config)));
    }

    @AfterAll
    static void printSummary() {
        int ok = 0;
        int failed = 0;
        for (Map.Entry<String, String> e : SUMMARY.entrySet()) {
            System.out.println("samples " + e.getKey() + ": " + e.getValue());
            if (e.getValue().startsWith("ok")) {
                ok++;
            } else {
                failed++;
            }
        }
        System.out.println("samples total: " + ok + " filters passed, " + failed + " failed; " + CHECKED.get()
                + " failJSON expectations checked (per option set)");
    }

    /** A filter with one set of options, and the failregexes that had a sample. */
    private static final class Flt {
        final FailureMatcher matcher;
        final Set<Integer> used = new HashSet<>();

        Flt(FailureMatcher m) {
            this.matcher = m;
        }
    }

    private final Map<String, Flt> filters = new LinkedHashMap<>();

    private Flt readFilter(String fltName, String name, Path basedir, Map<String, String> opts) {
        Flt f = filters.get(fltName);
        if (f != null) {
            return f;
        }
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(TEST_NOW));
        DefaultDateTemplates dates = new DefaultDateTemplates(new StrptimePattern(clock, ZONE, Year.now()));
        FailureMatcher m = new FailureMatcher("jail", clock, dates, NO_DNS);
        m.setReturnRawHost(true);
        m.setCheckAllRegex(true);
        m.setCheckFindTime(false);
        FilterReader reader = new FilterReader(name, "jail", new LinkedHashMap<>(opts), new IniCache(),
                basedir.toString(), ReaderLog.NONE);
        assertTrue(reader.read(), "cannot read filter " + name);
        reader.getOptions(Map.of(), false);
        for (List<Object> opt : reader.convert()) {
            List<?> values = opt.get(0).equals("multi-set") ? (List<?>) opt.get(3) : List.of(opt.get(3));
            for (Object v : values) {
                switch ((String) opt.get(2)) {
                    case "prefregex": m.setPrefRegex((String) v); break;
                    case "addfailregex": m.addFailRegex((String) v); break;
                    case "addignoreregex": m.addIgnoreRegex((String) v); break;
                    case "maxlines": m.setMaxLines(((Number) v).intValue()); break;
                    case "datepattern": m.setDatePattern((String) v); break;
                    default: break;
                }
            }
        }
        f = new Flt(m);
        filters.put(fltName, f);
        return f;
    }

    /** The few Python conditions the sample logs use. */
    static boolean condition(String expr, String name, Map<String, Object> opts) {
        Matcher m = Pattern.compile("^\\s*name\\s*==\\s*'([^']*)'\\s*$").matcher(expr);
        if (m.matches()) {
            return name.equals(m.group(1));
        }
        m = Pattern.compile("^\\s*opts\\.get\\('([^']*)'\\)\\s*(==|!=)\\s*'([^']*)'\\s*$").matcher(expr);
        if (m.matches()) {
            boolean eq = m.group(3).equals(opts.get(m.group(1)));
            return m.group(2).equals("==") == eq;
        }
        throw new AssertionError("unsupported condition in a sample log: " + expr);
    }

    private void runFilter(String name, Path config) throws Exception {
        try {
            runFilterChecked(name, config);
            SUMMARY.put(name, "ok");
        } catch (Throwable t) {
            SUMMARY.put(name, "FAILED " + t.getMessage().lines().findFirst().orElse(""));
            throw t;
        }
    }

    private void runFilterChecked(String name, Path config) throws Exception {
        filters.clear();
        Path logs = Oracle.upstream().resolve("tests-files/logs");
        assertTrue(Files.isRegularFile(logs.resolve(name)), "No sample log file available for '" + name + "' filter");
        List<String> filenames = new ArrayList<>(List.of(name));
        Map<String, Object> commonOpts = Map.of();
        Map<String, Object> faildata = Map.of();
        List<Object[]> filterTests = null;
        Set<String> usedRegexes = new HashSet<>();
        for (int fi = 0; fi < filenames.size(); fi++) {
            String filename = filenames.get(fi);
            byte[] bytes = Files.readAllBytes(logs.resolve(filename));
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            boolean ignoreBlock = false;
            for (int ln = 0; ln < lines.size(); ln++) {
                String line = lines.get(ln);
                String jsonline = "";
                Matcher jm = SPECIAL.matcher(line);
                if (jm.matches()) {
                    Object parsed = JSON.std.anyFrom(jm.group(2));
                    String kind = jm.group(1);
                    if (kind.equals("fileOptions")) {
                        commonOpts = asMap(parsed);
                        continue;
                    }
                    if (kind.equals("filterOptions")) {
                        filterTests = new ArrayList<>();
                        ignoreBlock = false;
                        List<Object> all = parsed instanceof List ? asList(parsed) : List.of(parsed);
                        for (Object fd : all) {
                            Map<String, Object> opts = new LinkedHashMap<>(commonOpts);
                            opts.putAll(asMap(fd));
                            Object cond = opts.get("test.condition");
                            if (cond != null && !cond.toString().isEmpty()) {
                                ignoreBlock = !condition(cond.toString(), name, opts);
                            }
                            if (!ignoreBlock) {
                                Map<String, String> fltOpts = new LinkedHashMap<>();
                                for (Map.Entry<String, Object> e : opts.entrySet()) {
                                    if (!e.getKey().startsWith("test.")) {
                                        fltOpts.put(e.getKey(), String.valueOf(e.getValue()));
                                    }
                                }
                                Object fn = opts.get("test.filter-name");
                                String fltName = name + (fn != null ? fn.toString() : fltOpts.isEmpty() ? ""
                                        : fltOpts.toString());
                                filterTests.add(new Object[] {fltName, readFilter(fltName, name, config.getParent()
                                        .resolve("config"), fltOpts), opts});
                            }
                        }
                        continue;
                    }
                    if (kind.equals("addFILE")) {
                        filenames.add(parsed.toString());
                        continue;
                    }
                    faildata = asMap(parsed);
                    jsonline = line;
                    ln++;
                    line = ln < lines.size() ? lines.get(ln) : "";
                } else if (ignoreBlock || line.startsWith("#") || line.isBlank()) {
                    continue;
                } else {
                    faildata = Map.of();
                }
                if (ignoreBlock) {
                    continue;
                }
                if (filterTests == null) {
                    filterTests = new ArrayList<>();
                    filterTests.add(new Object[] {name, readFilter(name, name, config, Map.of()), Map.of()});
                }
                line = stripLineEnd(line);
                for (Object[] ft : filterTests) {
                    String fltName = (String) ft[0];
                    Flt flt = (Flt) ft[1];
                    @SuppressWarnings("unchecked")
                    Map<String, Object> opts = (Map<String, Object>) ft[2];
                    Object constraint = faildata.get("constraint");
                    if (constraint != null && !condition(constraint.toString(), name, opts)) {
                        continue;
                    }
                    String where = fltName + " on " + filename + ":" + (ln + 1) + ", line:\n  "
                            + (jsonline.isEmpty() ? line : jsonline + "\n  " + line);
                    List<Failure> ret;
                    if (!"journal".equals(opts.get("logtype"))) {
                        ret = flt.matcher.processLine(line);
                    } else {
                        Object prefix = opts.get("test.prefix-line");
                        String l = prefix != null ? prefix + line : line;
                        ret = flt.matcher.processLine(new TupleLine("", TEST_NOW_STR, l), TEST_NOW);
                    }
                    List<Failure> found = new ArrayList<>();
                    for (Failure f : ret) {
                        if (f.fid() == null || f.isNoFail()) {
                            flt.used.add(f.regexIndex());
                            usedRegexes.add(flt.matcher.failRegexes().get(f.regexIndex()).regex());
                            continue;
                        }
                        found.add(f);
                    }
                    boolean expectMatch = Boolean.TRUE.equals(faildata.get("match"));
                    if (!jsonline.isEmpty()) {
                        CHECKED.incrementAndGet();
                    }
                    if (found.isEmpty()) {
                        assertTrue(!expectMatch, "Line not matched when should have: " + where);
                        continue;
                    }
                    assertTrue(expectMatch, "Line matched when shouldn't have: " + where + "\nfail: " + found);
                    assertEquals(1, found.size(), "Multiple regexs matched: " + where);
                    Failure f = found.get(0);
                    for (Map.Entry<String, Object> e : faildata.entrySet()) {
                        String k = e.getKey();
                        if (List.of("time", "match", "desc", "constraint").contains(k)) {
                            continue;
                        }
                        Object fv = f.data().get(k);
                        if (fv == null) {
                            if (k.equals("host") && f.fid() != null) {
                                // Python compares IPAddr objects: the expected text is parsed as an address too
                                IpAddress want = IpAddress.parse(String.valueOf(e.getValue()));
                                fv = want.isValid() && want.equals(f.fid()) ? e.getValue() : f.fid().toString();
                            }
                            if (k.equals("attempts")) {
                                fv = f.matches().size();
                            }
                        }
                        assertPyEquals(e.getValue(), fv, "capture " + k + ": " + where + "\nfail: " + f.data());
                    }
                    Object t = faildata.get("time");
                    if (t != null) {
                        double expected = jsonTime(t.toString());
                        assertEquals(expected, f.time(), 0.0, "time: " + where);
                    }
                    flt.used.add(f.regexIndex());
                    usedRegexes.add(flt.matcher.failRegexes().get(f.regexIndex()).regex());
                }
            }
        }
        for (Map.Entry<String, Flt> e : filters.entrySet()) {
            List<org.fail2ban4j.filter.FailRegex> regexes = e.getValue().matcher.failRegexes();
            for (int i = 0; i < regexes.size(); i++) {
                assertTrue(e.getValue().used.contains(i) || usedRegexes.contains(regexes.get(i).regex()),
                        e.getKey() + ": Regex has no samples: " + i + ": " + regexes.get(i).regex());
            }
        }
    }

    private static final Pattern JSON_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})T(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?");

    /** Python's {@code strptime(t, "%Y-%m-%dT%H:%M:%S[.%f]")} then {@code mktime} in the test zone. */
    static double jsonTime(String t) {
        Matcher m = JSON_TIME.matcher(t);
        assertTrue(m.matches(), "bad time in a failJSON: " + t);
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
        double frac = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000").substring(0, 6)) / 1e6;
        return local.atZone(ZONE).toEpochSecond() + frac;
    }

    private static String stripLineEnd(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\r' || s.charAt(e - 1) == '\n')) {
            e--;
        }
        return s.substring(0, e);
    }

    /** Python's {@code assertEqual(fv, v)} (sets and lists compared sorted) for JSON expectations. */
    static void assertPyEquals(Object expected, Object actual, String where) {
        if (actual instanceof Collection && expected instanceof List) {
            List<String> a = new ArrayList<>();
            for (Object o : (Collection<?>) actual) {
                a.add(String.valueOf(o));
            }
            List<String> b = new ArrayList<>();
            for (Object o : (List<?>) expected) {
                b.add(String.valueOf(o));
            }
            a.sort(null);
            b.sort(null);
            assertEquals(b, a, where);
            return;
        }
        if (expected instanceof Number && actual instanceof Number) {
            assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), 0.0, where);
            return;
        }
        if (expected instanceof Boolean) {
            boolean a = actual instanceof Boolean ? (Boolean) actual
                    : actual instanceof Number && ((Number) actual).intValue() == 1;
            assertTrue(actual != null && a == (Boolean) expected, where + " (expected " + expected + ", got "
                    + actual + ")");
            return;
        }
        assertEquals(expected == null ? null : expected.toString(), actual == null ? null : actual.toString(), where);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }
}
