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

    /** A row of the table that gives Python's result of a search, match or fullmatch. */
    private record MatchRow(int id, String mode, int pos, String want, String input) {
        static List<MatchRow> all() {
            List<MatchRow> rows = new ArrayList<>();
            for (String[] r : ROWS) {
                if (r[0].equals("M")) {
                    rows.add(new MatchRow(Integer.parseInt(r[1]), r[2], Integer.parseInt(r[3]), r[4],
                            TsvTable.unescape(r[5])));
                }
            }
            return rows;
        }

        String describe(CompiledRegex c) {
            return mode + "(" + PyStrings.repr(c.source()) + ", " + PyStrings.repr(input) + ", " + pos + ")";
        }
    }

    @Test
    void matchesEqualPythons() {
        List<String> failures = new ArrayList<>();
        List<MatchRow> rows = MatchRow.all();
        for (MatchRow row : rows) {
            CompiledRegex c = COMPILED.get(row.id());
            if (c == null) {
                if (!REFUSED_RANDOM.contains(row.id())) {
                    failures.add("not compiled: " + PyStrings.repr(SOURCES.get(row.id())));
                }
                continue;
            }
            String input = row.input();
            int pos = row.pos();
            String got;
            try {
                Optional<RegexMatch> m;
                if (row.mode().equals("search")) {
                    m = c.search(input, pos);
                } else if (row.mode().equals("match")) {
                    m = pos == 0 ? c.match(input) : c.match(input, pos);
                } else {
                    m = c.fullmatch(input);
                }
                got = m.map(PythonDifferentialTest::spans).orElse("-");
            } catch (RuntimeException | StackOverflowError e) {
                got = e.toString();
            }
            if (!row.want().equals(got)) {
                failures.add(row.describe(c) + ": python " + row.want() + ", java " + got + " via " + c.pattern());
            }
        }
        assertTrue(rows.size() > 30000, "table too small: " + rows.size());
        assertEquals(List.of(), failures, summary(failures, rows.size()));
    }

    /**
     * Our own matcher ({@link Backtracker}) gives Python's spans of every group on every row whose pattern it takes,
     * and it takes every pattern but those with characters outside the BMP.
     */
    @Test
    void ourMatcherMatchesEqualPythons() {
        List<String> failures = new ArrayList<>();
        Map<Integer, Optional<Backtracker>> engines = new HashMap<>();
        Backtracker.Scratch scratch = Backtracker.newScratch();
        int checked = 0;
        for (MatchRow row : MatchRow.all()) {
            CompiledRegex c = COMPILED.get(row.id());
            Optional<Backtracker> engine = c == null ? Optional.empty()
                    : engines.computeIfAbsent(row.id(), k -> Backtracker.of(c));
            if (engine.isEmpty()) {
                continue;
            }
            String got;
            try {
                RegexMatch m = row.mode().equals("search")
                        ? engine.get().search(scratch, row.input(), row.pos(), 10_000_000L)
                        : engine.get().match(scratch, row.input(), row.pos(), row.mode().equals("fullmatch"),
                                10_000_000L);
                got = m == null ? "-" : spans(m);
            } catch (Backtracker.Fallback e) {
                // a character outside the BMP: java.util.regex searches it (checked above)
                continue;
            } catch (RuntimeException e) {
                got = e.toString();
            }
            checked++;
            if (!row.want().equals(got)) {
                failures.add(row.describe(c) + ": python " + row.want() + ", ours " + got);
            }
        }
        assertTrue(checked > 30000, "checked only " + checked);
        assertEquals(List.of(), failures, summary(failures, checked));
        List<String> refused = new ArrayList<>();
        for (Map.Entry<Integer, Optional<Backtracker>> e : engines.entrySet()) {
            if (e.getValue().isEmpty() && !astral(COMPILED.get(e.getKey()))) {
                refused.add(PyStrings.repr(SOURCES.get(e.getKey())));
            }
        }
        assertEquals(List.of(), refused);
        assertTrue(engines.values().stream().filter(Optional::isPresent).count() * 2 > engines.size());
    }

    private static boolean astral(CompiledRegex c) {
        return c.source().codePoints().anyMatch(cp -> cp > 0xFFFF) || c.source().contains("\\U");
    }

    /** The spans of a match as the table writes them. */
    static String spans(RegexMatch m) {
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
