package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.StrptimePattern;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The literal prefilters and our own matcher ({@link org.fail2ban4j.regex.Backtracker}) change nothing but speed:
 * every stock filter over every line of its sample logs (and a sample of the other logs, to see many lines that do
 * not match) finds the same failures, with the same data, as with both off (every search by
 * {@code java.util.regex}), in {@code fail2ban-regex} mode (every failregex tried) and in jail mode.
 */
class PrefilterEquivalenceTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1124013600L));

    static FailureMatcher matcher(FilterTables.StockFilter f, boolean prefilters, boolean checkAll) {
        DefaultDateTemplates dates = new DefaultDateTemplates(new StrptimePattern(CLOCK, ZoneId.of("CET"),
                Year.of(2026)));
        FailureMatcher m = new FailureMatcher("test", CLOCK, dates, new FakeDnsResolver());
        m.setReturnRawHost(true);
        m.setCheckAllRegex(checkAll);
        m.setCheckFindTime(false);
        m.setLiteralPrefilters(prefilters);
        m.setOwnMatcher(prefilters);
        m.setMaxLines(f.maxlines());
        if (f.prefRegex() != null) {
            m.setPrefRegex(f.prefRegex());
        }
        for (String r : f.failRegexes()) {
            m.addFailRegex(r);
        }
        for (String r : f.ignoreRegexes()) {
            m.addIgnoreRegex(r);
        }
        return m;
    }

    private static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /**
     * Every stock filter with the lines to try it on: its sample logs, then a sample of every log (lines of other
     * formats, which the prefilters mostly rule out).
     */
    static Map<FilterTables.StockFilter, List<String>> inputs() {
        Path logs = FilterTables.upstream().resolve("tests-files/logs");
        Map<String, Set<String>> logsOf = new LinkedHashMap<>();
        for (FilterTables.SampleBuffer b : FilterTables.sampleBuffers()) {
            logsOf.computeIfAbsent(b.filter() + b.options(), k -> new LinkedHashSet<>()).add(b.logFile());
        }
        List<String> otherLog = new ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.list(logs)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                List<String> l = lines(p);
                for (int i = 0; i < l.size(); i += 25) {
                    otherLog.add(l.get(i));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + logs, e);
        }
        Map<FilterTables.StockFilter, List<String>> inputs = new LinkedHashMap<>();
        for (FilterTables.StockFilter f : FilterTables.stockFilters().values()) {
            Set<String> files = new LinkedHashSet<>(logsOf.getOrDefault(f.key(), Set.of()));
            if (Files.isRegularFile(logs.resolve(f.filter()))) {
                files.add(f.filter());
            }
            List<String> input = new ArrayList<>();
            for (String file : files) {
                input.addAll(lines(logs.resolve(file)));
            }
            input.addAll(otherLog);
            inputs.put(f, input);
        }
        return inputs;
    }

    @ParameterizedTest(name = "checkAllRegex={0}")
    @ValueSource(booleans = {true, false})
    void stockFiltersFindTheSameFailuresWithAndWithoutPrefilters(boolean checkAll) {
        List<String> differences = new ArrayList<>();
        int processed = 0;
        int failures = 0;
        for (Map.Entry<FilterTables.StockFilter, List<String>> e : inputs().entrySet()) {
            FilterTables.StockFilter f = e.getKey();
            List<String> input = e.getValue();
            FailureMatcher with = matcher(f, true, checkAll);
            FailureMatcher without = matcher(f, false, checkAll);
            for (String line : input) {
                processed++;
                List<Failure> want = without.processLine(line);
                List<Failure> got = with.processLine(line);
                failures += want.size();
                if (!want.equals(got) || !String.valueOf(without.processedLine())
                        .equals(String.valueOf(with.processedLine()))) {
                    differences.add(f.key() + ": " + line + "\n  without: " + want + "\n  with:    " + got);
                }
            }
        }
        assertTrue(processed > 20000 && failures > 1000, processed + " lines, " + failures + " failures");
        assertEquals(List.of(), differences.subList(0, Math.min(10, differences.size())),
                differences.size() + " lines differ");
    }

    /**
     * Long runs of lines the prefilters let through and of lines they rule out (the check of a line's parts pauses
     * while it rules out few lines): the same failures as without prefilters.
     */
    @ParameterizedTest(name = "checkAllRegex={0}")
    @ValueSource(booleans = {true, false})
    void longRunsGiveTheSameFailures(boolean checkAll) {
        FilterTables.StockFilter f = new FilterTables.StockFilter("synthetic", "", 1,
                "^\\s*\\S+ \\S+\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$",
                List.of("^Failed password for (?:invalid user )?<F-USER>\\S+</F-USER> from <HOST>",
                        "^Accepted \\w+ for <F-USER>\\S+</F-USER> from <HOST>"), List.of());
        FailureMatcher with = matcher(f, true, checkAll);
        FailureMatcher without = matcher(f, false, checkAll);
        java.util.Random rnd = new java.util.Random(3);
        int found = 0;
        for (int i = 0; i < 24_000; i++) {
            boolean passingPhase = (i / 3000) % 2 == 0;
            int r = rnd.nextInt(10);
            String msg = r == 0 ? "Failed password for root from 192.0.2." + rnd.nextInt(250)
                    : passingPhase || r < 3 ? "Accepted publickey for bob from 198.51.100." + rnd.nextInt(250)
                    + (r % 2 == 0 ? "" : " and more") : "session opened for user alice";
            String line = String.format("Aug 14 11:%02d:%02d host sshd[%d]: %s", i / 60 % 60, i % 60, i, msg);
            List<Failure> want = without.processLine(line);
            found += want.size();
            assertEquals(want, with.processLine(line), line);
        }
        assertTrue(found > 6_000, found + " failures");
    }
}
