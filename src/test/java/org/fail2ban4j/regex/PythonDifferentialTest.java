package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the translator with Python 3.11 on the table {@code py-cases.tsv} that
 * {@code generate_expectations.py} wrote by running Python: hand-written cases for every construct, patterns
 * Python refuses (same message), constructs we refuse on purpose, random patterns, and every expanded
 * failregex/prefregex/ignoreregex of the stock filters searched over the lines of their sample logs.
 */
class PythonDifferentialTest {

    private static final List<String[]> ROWS = TsvTable.read(PythonDifferentialTest.class, "py-cases.tsv");
    private static final Map<Integer, CompiledRegex> COMPILED = new HashMap<>();
    private static final Map<Integer, String> SOURCES = new HashMap<>();
    private static final List<String> COMPILE_FAILURES = new ArrayList<>();
    private static final List<Integer> REFUSED_RANDOM = new ArrayList<>();
    private static int randomPatterns;

    @BeforeAll
    static void compileAll() {
        for (String[] r : ROWS) {
            if (!r[0].equals("P") && !r[0].equals("R")) {
                continue;
            }
            int id = Integer.parseInt(r[1]);
            int flags = Integer.parseInt(r[2]);
            String pattern = TsvTable.unescape(r[6]);
            SOURCES.put(id, pattern);
            if (r[0].equals("R")) {
                randomPatterns++;
            }
            try {
                COMPILED.put(id, PyRegex.compile(pattern, flags));
            } catch (RegexSyntaxException e) {
                if (r[0].equals("R") && e.reason().contains("not undo such captures")) {
                    REFUSED_RANDOM.add(id);
                } else {
                    COMPILE_FAILURES.add(PyStrings.repr(pattern) + " flags " + flags + ": " + e);
                }
            } catch (RuntimeException e) {
                COMPILE_FAILURES.add(PyStrings.repr(pattern) + " flags " + flags + ": " + e);
            }
        }
    }

    private static String summary(List<String> failures, int total) {
        StringBuilder sb = new StringBuilder(failures.size() + " of " + total + " cases differ from Python:");
        for (int i = 0; i < Math.min(40, failures.size()); i++) {
            sb.append("\n  ").append(failures.get(i));
        }
        return sb.toString();
    }

    @Test
    void everyPatternPythonCompilesCompiles() {
        int total = SOURCES.size();
        assertTrue(total > 1500, "table too small: " + total);
        assertEquals(List.of(), COMPILE_FAILURES, summary(COMPILE_FAILURES, total));
    }

    @Test
    void fewRandomPatternsAreRefused() {
        assertTrue(REFUSED_RANDOM.size() * 6 < randomPatterns,
                REFUSED_RANDOM.size() + " of " + randomPatterns + " random patterns refused");
    }

    @Test
    void flagsGroupCountsAndNamesAreThePythonOnes() {
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String[] r : ROWS) {
            if (!r[0].equals("P") && !r[0].equals("R")) {
                continue;
            }
            total++;
            CompiledRegex c = COMPILED.get(Integer.parseInt(r[1]));
            if (c == null) {
                continue;
            }
            Map<String, Integer> names = new LinkedHashMap<>();
            String gi = TsvTable.unescape(r[5]);
            if (!gi.isEmpty()) {
                for (String kv : gi.split(",")) {
                    int eq = kv.lastIndexOf('=');
                    names.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
                }
            }
            String want = r[3] + " " + r[4] + " " + names;
            String got = c.flags() + " " + c.groupCount() + " " + c.pyGroupIndex();
            if (!want.equals(got)) {
                failures.add(PyStrings.repr(c.source()) + ": python " + want + ", java " + got);
            }
        }
        assertEquals(List.of(), failures, summary(failures, total));
    }

    @Test
    void patternsPythonRefusesAreRefusedWithPythonsMessage() {
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String[] r : ROWS) {
            if (!r[0].equals("E")) {
                continue;
            }
            total++;
            int flags = Integer.parseInt(r[1]);
            String message = TsvTable.unescape(r[2]);
            String pattern = TsvTable.unescape(r[3]);
            try {
                CompiledRegex c = PyRegex.compile(pattern, flags);
                failures.add(PyStrings.repr(pattern) + " accepted (" + c.pattern() + "), python: " + message);
            } catch (RegexSyntaxException e) {
                if (!message.equals(e.pythonMessage())) {
                    failures.add(PyStrings.repr(pattern) + ": python '" + message + "', java '"
                            + e.pythonMessage() + "'");
                }
                assertEquals(pattern, e.pattern());
            }
        }
        assertTrue(total > 100, "table too small: " + total);
        assertEquals(List.of(), failures, summary(failures, total));
    }

    @Test
    void constructsJavaCannotReproduceAreRefused() {
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String[] r : ROWS) {
            if (!r[0].equals("U")) {
                continue;
            }
            total++;
            String pattern = TsvTable.unescape(r[2]);
            try {
                CompiledRegex c = PyRegex.compile(pattern, Integer.parseInt(r[1]));
                failures.add(PyStrings.repr(pattern) + " accepted as " + c.pattern());
            } catch (RegexSyntaxException e) {
                assertEquals(pattern, e.pattern());
            }
        }
        assertTrue(total > 0);
        assertEquals(List.of(), failures, summary(failures, total));
    }

    @Test
    void matchesEqualPythons() {
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String[] r : ROWS) {
            if (!r[0].equals("M")) {
                continue;
            }
            total++;
            int id = Integer.parseInt(r[1]);
            CompiledRegex c = COMPILED.get(id);
            if (c == null) {
                if (!REFUSED_RANDOM.contains(id)) {
                    failures.add("not compiled: " + PyStrings.repr(SOURCES.get(id)));
                }
                continue;
            }
            String mode = r[2];
            int pos = Integer.parseInt(r[3]);
            String want = r[4];
            String input = TsvTable.unescape(r[5]);
            String got;
            try {
                Optional<RegexMatch> m;
                if (mode.equals("search")) {
                    m = c.search(input, pos);
                } else if (mode.equals("match")) {
                    m = pos == 0 ? c.match(input) : c.match(input, pos);
                } else {
                    m = c.fullmatch(input);
                }
                got = m.map(PythonDifferentialTest::spans).orElse("-");
            } catch (RuntimeException | StackOverflowError e) {
                got = e.toString();
            }
            if (!want.equals(got)) {
                failures.add(mode + "(" + PyStrings.repr(c.source()) + ", " + PyStrings.repr(input) + ", " + pos
                        + "): python " + want + ", java " + got + " via " + c.pattern());
            }
        }
        assertTrue(total > 30000, "table too small: " + total);
        assertEquals(List.of(), failures, summary(failures, total));
    }

    private static String spans(RegexMatch m) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g <= m.groupCount(); g++) {
            if (g > 0) {
                sb.append(';');
            }
            sb.append(m.start(g)).append(',').append(m.end(g));
        }
        return sb.toString();
    }
}
