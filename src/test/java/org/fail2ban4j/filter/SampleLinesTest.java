package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The single-line stock filters (no {@code maxlines > 1}, no {@code mlfid}) find in each line of their sample log
 * what its {@code # failJSON:} comment states: match or no match, the host and the other captures. The lines are
 * read in place from {@code ../shared/upstream/fail2ban-1.1.1/tests-files/logs/}; their text without the date
 * comes from {@code sample-buffers.tsv} (split by upstream's date detector, which is not this package's job).
 * The failure search itself is a minimal copy of upstream's {@code Filter.findFailure} for one line, as upstream's
 * {@code samplestestcase.py} runs it (every failregex is tried; a line must match at most one).
 */
class SampleLinesTest {

    private static final Set<String> NOT_CAPTURES = Set.of("time", "match", "desc", "constraint");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private static final Map<String, List<String>> LOG_FILES = new HashMap<>();
    private static final int[] COUNTS = new int[3];

    /** A filter compiled as upstream's Filter would hold it. */
    record Compiled(Optional<FailRegex> pref, List<FailRegex> fails, List<FailRegex> ignores) {
        boolean multiLineOrMlfid(int maxlines) {
            if (maxlines > 1 || pref.map(p -> p.hasGroup("mlfid")).orElse(false)) {
                return true;
            }
            return fails.stream().anyMatch(f -> f.hasGroup("mlfid"));
        }
    }

    /** One failure found in a line. */
    record Found(int regexIndex, String host, Map<String, String> fail) {
    }

    static Compiled compile(FilterTables.StockFilter f) {
        Optional<FailRegex> pref = f.prefRegex() == null ? Optional.empty()
                : Optional.of(FailRegex.regex(f.prefRegex(), false, true));
        List<FailRegex> fails = new ArrayList<>();
        for (String r : f.failRegexes()) {
            fails.add(FailRegex.failRegex(r, pref, f.maxlines() > 1, true));
        }
        List<FailRegex> ignores = new ArrayList<>();
        for (String r : f.ignoreRegexes()) {
            ignores.add(FailRegex.regex(r, false, true));
        }
        return new Compiled(pref, fails, ignores);
    }

    private static boolean ignored(Compiled c, String buf) {
        for (FailRegex ir : c.ignores()) {
            if (ir.search(buf, List.of(buf), s -> s).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Upstream {@code Filter.findFailure} for one line with {@code checkAllRegex} and raw hosts. */
    static List<Found> findFailures(Compiled c, String lineText) {
        List<Found> found = new ArrayList<>();
        String buf = lineText + "\n";
        if (!c.ignores().isEmpty() && c.ignores().size() < c.fails().size() - 2 && ignored(c, buf)) {
            return found;
        }
        Map<String, String> preGroups = new LinkedHashMap<>();
        if (c.pref().isPresent()) {
            Optional<FailRegex.Match<String>> pm = c.pref().get().search(buf, List.of(lineText), s -> s);
            if (pm.isEmpty()) {
                return found;
            }
            preGroups.putAll(pm.get().groups());
            String content = preGroups.remove("content");
            if (content != null && !content.isEmpty()) {
                buf = content + "\n";
            }
        }
        for (int i = 0; i < c.fails().size(); i++) {
            FailRegex fr = c.fails().get(i);
            Optional<FailRegex.Match<String>> m = fr.search(buf, List.of(lineText), s -> s);
            if (m.isEmpty()) {
                continue;
            }
            if (!c.ignores().isEmpty() && ignored(c, buf)) {
                continue;
            }
            Map<String, String> fail = new LinkedHashMap<>(m.get().groups());
            if (!preGroups.isEmpty()) {
                Map<String, String> merged = new LinkedHashMap<>(preGroups);
                fail.forEach((k, v) -> {
                    if (v != null) {
                        merged.put(k, v);
                    }
                });
                fail = merged;
            }
            String fid = fail.get("fid");
            String ip = fail.get("ip4");
            boolean address = true;
            if (ip == null) {
                ip = fail.get("ip6");
            }
            if (ip == null) {
                ip = fail.get("dns");
                address = false;
                if (ip == null) {
                    if (fid == null) {
                        String searched = buf;
                        fid = m.get().failId().orElseThrow(() -> new AssertionError("No group found in " + searched));
                    }
                    ip = fid;
                }
            }
            String host = (fid == null || fid.equals(ip)) ? (address ? canonical(ip) : ip) : fid;
            String nofail = fail.get("nofail");
            if (nofail != null && !nofail.isEmpty()) {
                continue;
            }
            found.add(new Found(i, host, fail));
        }
        return found;
    }

    /** An IP literal in a comparable form (upstream prints {@code IPAddr}); other ids stay as they are. */
    static String canonical(String host) {
        if (host == null || !IP_LITERAL.matcher(host).matches()) {
            return host;
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static List<String> logLines(String file) {
        return LOG_FILES.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(FilterTables.upstream().resolve("tests-files/logs").resolve(f),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Map<String, Object> failJson(FilterTables.SampleBuffer b) {
        String comment = logLines(b.logFile()).get(b.lineNumber() - 2);
        int at = comment.indexOf("failJSON:");
        if (at < 0) {
            throw new AssertionError("no failJSON before " + b.logFile() + ":" + b.lineNumber());
        }
        try {
            return JSON.std.mapFrom(comment.substring(at + "failJSON:".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Compiled c, FilterTables.SampleBuffer b) {
        Map<String, Object> expected = failJson(b);
        List<Found> found = findFailures(c, b.buffer());
        String where = b.logFile() + ":" + b.lineNumber() + " " + expected;
        boolean shouldMatch = Boolean.TRUE.equals(expected.get("match"));
        if (found.isEmpty()) {
            assertTrue(!shouldMatch, "line not matched when it should have: " + where);
            return;
        }
        assertTrue(shouldMatch, "line matched when it should not have: " + where + " -> " + found);
        assertEquals(1, found.size(), "several failregexes matched: " + where + " -> " + found);
        Found f = found.get(0);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            String k = e.getKey();
            if (NOT_CAPTURES.contains(k)) {
                continue;
            }
            Object want = e.getValue();
            Object got = f.fail().get(k);
            if (got == null && k.equals("host")) {
                got = f.host();
                want = canonical(String.valueOf(want));
            } else if (got == null && k.equals("attempts")) {
                got = 1;
            }
            assertEquals(want == null ? null : String.valueOf(want), got == null ? null : String.valueOf(got),
                    "capture '" + k + "' of " + where + " (regex " + f.regexIndex() + ")");
        }
    }

    @TestFactory
    Stream<DynamicTest> singleLineFiltersFindTheFailJsonCaptures() {
        Map<String, FilterTables.StockFilter> filters = FilterTables.stockFilters();
        Map<String, Compiled> compiled = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (FilterTables.SampleBuffer b : FilterTables.sampleBuffers()) {
            FilterTables.StockFilter f = filters.get(b.filter() + b.options());
            Compiled c = compiled.computeIfAbsent(f.key(), k -> compile(f));
            if (c.multiLineOrMlfid(f.maxlines())) {
                COUNTS[2]++;
                continue;
            }
            tests.add(DynamicTest.dynamicTest(b.filter() + b.options() + " " + b.logFile() + ":" + b.lineNumber(),
                    () -> {
                        try {
                            check(c, b);
                            COUNTS[0]++;
                        } catch (AssertionError | RuntimeException e) {
                            COUNTS[1]++;
                            throw e;
                        }
                    }));
        }
        assertTrue(tests.size() > 800, "too few sample lines: " + tests.size());
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("SampleLinesTest: " + COUNTS[0] + " passed, " + COUNTS[1] + " failed, " + COUNTS[2]
                + " lines of multi-line filters left to the full samples suite");
    }
}
