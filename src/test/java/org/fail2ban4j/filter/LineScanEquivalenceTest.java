package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scanning lines ahead ({@link LineScanner}) changes nothing but which thread does the work: every stock filter
 * over its sample logs and a sample of the other logs finds, line by line, the same failures, the same processed
 * line, the same prefregex answer and groups and the same last date with each line scanned first (the searches
 * made, or only the date, at random) as without. The scanner runs on the same thread here, in line order, as the
 * reader thread of {@code fail2ban-regex} does ahead of the processing one.
 */
class LineScanEquivalenceTest {

    private static FailureMatcher matcher(FilterTables.StockFilter f, boolean checkAll) {
        return PrefilterEquivalenceTest.matcher(f, true, checkAll);
    }

    /** What a line leaves observable on a matcher after its failures. */
    private static String state(FailureMatcher m) {
        return m.processedLine() + " | pref " + m.lastPrefRegexMatched() + " " + m.lastPrefRegexGroups() + " | date "
                + m.lastDate() + " | buffer " + m.lineBuffer() + " | over budget " + m.budgetExceeded();
    }

    @ParameterizedTest(name = "checkAllRegex={0}")
    @ValueSource(booleans = {true, false})
    void stockFiltersFindTheSameWithLinesScannedAhead(boolean checkAll) {
        Random rnd = new Random(7);
        List<String> differences = new ArrayList<>();
        int scannedFilters = 0;
        int processed = 0;
        int failures = 0;
        int prefMatches = 0;
        for (Map.Entry<FilterTables.StockFilter, List<String>> e : PrefilterEquivalenceTest.inputs().entrySet()) {
            FilterTables.StockFilter f = e.getKey();
            List<String> input = e.getValue();
            FailureMatcher plain = matcher(f, checkAll);
            FailureMatcher scanned = matcher(f, checkAll);
            LineScanner scanner = scanned.newLineScanner(rnd.nextBoolean());
            if (f.maxlines() > 1) {
                assertNull(scanner, f.key() + ": lines are not scanned ahead with several lines per buffer");
                continue;
            }
            assertNotNull(scanner, f.key());
            scannedFilters++;
            for (String line : input) {
                processed++;
                List<Failure> want = plain.processLine(line);
                String wantState = state(plain);
                List<Failure> got = scanned.processLine(line, scanner.scan(line, rnd.nextInt(4) != 0));
                String gotState = state(scanned);
                failures += want.size();
                if (plain.lastPrefRegexMatched()) {
                    prefMatches++;
                }
                if (!want.equals(got) || !wantState.equals(gotState)) {
                    differences.add(f.key() + ": " + line + "\n  plain:   " + want + " " + wantState
                            + "\n  scanned: " + got + " " + gotState);
                }
            }
        }
        assertTrue(scannedFilters > 60 && processed > 20000 && failures > 1000 && prefMatches > 1000,
                scannedFilters + " filters, " + processed + " lines, " + failures + " failures, " + prefMatches
                + " prefregex matches");
        assertEquals(List.of(), differences.subList(0, Math.min(10, differences.size())),
                differences.size() + " lines differ");
    }

    /**
     * Lines no failregex can match any part of, which the prefregex matches or not: the scanner answers the
     * prefregex for them too (or leaves it to the processing thread), with the same answer and groups as without.
     */
    @ParameterizedTest(name = "resolvePrefOnSkip={0}")
    @ValueSource(booleans = {true, false})
    void linesRuledOutGiveTheSamePrefregexAnswer(boolean resolvePrefOnSkip) {
        FilterTables.StockFilter f = new FilterTables.StockFilter("synthetic", "", 1,
                "^\\s*(?P<host>\\S+) sshd\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$",
                List.of("^Failed password for (?:invalid user )?<F-USER>\\S+</F-USER> from <HOST>"), List.of());
        FailureMatcher plain = matcher(f, true);
        FailureMatcher scanned = matcher(f, true);
        LineScanner scanner = scanned.newLineScanner(resolvePrefOnSkip);
        Random rnd = new Random(11);
        int prefOnRuledOut = 0;
        int found = 0;
        for (int i = 0; i < 6000; i++) {
            int r = rnd.nextInt(10);
            String msg = r == 0 ? "sshd[" + i + "]: Failed password for root from 192.0.2." + rnd.nextInt(250)
                    : r < 6 ? "sshd[" + i + "]: session opened for user alice"
                    : "CRON[" + i + "]: session opened for user root";
            String line = String.format("Aug 14 11:%02d:%02d host%d %s", i / 60 % 60, i % 60, r, msg);
            List<Failure> want = plain.processLine(line);
            String wantState = state(plain);
            LineScan scan = scanner.scan(line, rnd.nextInt(5) != 0);
            if (scan.partChecked && !scan.mayMatch && plain.lastPrefRegexMatched()) {
                prefOnRuledOut++;
            }
            assertEquals(want, scanned.processLine(line, scan), line);
            assertEquals(wantState, state(scanned), line);
            found += want.size();
        }
        assertTrue(prefOnRuledOut > 1000 && found > 300, prefOnRuledOut + " ruled-out lines the prefregex matches, "
                + found + " failures");
    }

    /**
     * A failregex that backtracks catastrophically on some lines: the scanner leaves such a search to the
     * processing thread, which gives up on it and counts it, as without scanning.
     */
    @Test
    void aSearchOverItsBudgetIsLeftToTheProcessingThread() {
        FilterTables.StockFilter f = new FilterTables.StockFilter("synthetic", "", 1,
                "^\\s*\\S+ \\S+\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$",
                List.of("(?:.*a){12}x <HOST>", "^Failed \\w+ from <HOST>"), List.of());
        FailureMatcher plain = matcher(f, true);
        FailureMatcher scanned = matcher(f, true);
        LineScanner scanner = scanned.newLineScanner(true);
        for (int i = 0; i < 6; i++) {
            // the evil lines have the literal "x " the first failregex needs: its prefilter cannot rule them out
            String msg = i % 2 == 0 ? "a".repeat(40) + "x !" : "Failed aaab from 192.0.2." + i;
            String line = "Aug 14 11:00:0" + i + " host sshd[" + i + "]: " + msg;
            LineScan scan = scanner.scan(line, true);
            if (i % 2 == 0) {
                assertTrue(List.of(scan.results).contains(LineScan.UNKNOWN), "the search over budget is left");
            }
            assertEquals(plain.processLine(line), scanned.processLine(line, scan), line);
            assertEquals(state(plain), state(scanned), line);
        }
        assertEquals(3, scanned.budgetExceeded());
    }

    /** A scan of another text is not used: the line is processed as without it. */
    @Test
    void theScanOfAnotherLineIsNotUsed() {
        FilterTables.StockFilter f = new FilterTables.StockFilter("synthetic", "", 1, null,
                List.of("^\\s*\\S+ \\S+: Failed password for \\S+ from <HOST>"), List.of());
        FailureMatcher m = matcher(f, true);
        LineScanner scanner = m.newLineScanner(true);
        String failing = "Aug 14 11:00:00 host sshd[1]: Failed password for root from 192.0.2.1";
        LineScan other = scanner.scan("Aug 14 11:00:01 host sshd[1]: Accepted password for root from 192.0.2.1",
                true);
        List<Failure> found = m.processLine(failing, other);
        assertEquals(1, found.size());
        assertEquals("192.0.2.1", found.get(0).fid().toString());
    }
}
