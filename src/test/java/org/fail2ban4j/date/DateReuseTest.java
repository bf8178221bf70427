package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A detector reuses the search of a line-anchored template and the conversion of the same date text from the
 * previous line, and searches the other templates with our own matcher; the results are those of a detector that
 * searches every line afresh with {@code java.util.regex} and converts it afresh.
 */
class DateReuseTest {

    /** What a detector says of a line: template, every group span, date text and time. */
    private static String outcome(DateDetector dd, String line) {
        Optional<TemplateMatch> m = dd.matchTime(line);
        if (m.isEmpty()) {
            return "-";
        }
        TemplateMatch tm = m.get();
        StringBuilder sb = new StringBuilder(tm.template().name());
        for (int g = 0; g <= tm.groupCount(); g++) {
            sb.append(' ').append(g == 0 ? tm.start() : tm.start(g)).append(',').append(g == 0 ? tm.end() : tm.end(g));
        }
        sb.append(" '").append(tm.dateText()).append("' ");
        sb.append(dd.getTime(tm).map(d -> Double.toString(d.epochSeconds())).orElse("none"));
        return sb.toString();
    }

    private static DateDetector detector(DefaultDateTemplates defaults, boolean reuse, String datePattern) {
        DateDetector dd = datePattern == null ? new DateDetector(defaults)
                : DateDetector.forDatePattern(defaults, datePattern);
        dd.setReuseResults(reuse);
        return dd;
    }

    @Test
    void sampleLogsGiveTheSameResultsWithAndWithoutReuse() throws IOException {
        String upstream = System.getProperty("fail2ban4j.upstream", "");
        Path logs = Path.of(upstream, "tests-files", "logs");
        assumeTrue(!upstream.isEmpty() && Files.isDirectory(logs), "upstream sample logs not found: " + logs);
        FilterDatePatterns patterns = new FilterDatePatterns(Path.of(upstream, "config", "filter.d"));
        List<Path> files;
        try (Stream<Path> s = Files.list(logs)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        DefaultDateTemplates defaults = DateTestSupport.defaults();
        List<String> differences = new ArrayList<>();
        int lines = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            Optional<String> dp = patterns.exists(name) ? patterns.datePattern(name, Map.of()) : Optional.empty();
            List<String> text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            for (String pattern : dp.isPresent() ? new String[] {null, dp.get()} : new String[] {null}) {
                DateDetector reusing = detector(defaults, true, pattern);
                DateDetector fresh = detector(defaults, false, pattern);
                for (String line : text) {
                    lines++;
                    String want = outcome(fresh, line);
                    String got = outcome(reusing, line);
                    if (!want.equals(got)) {
                        differences.add(name + ": " + line + "\n  fresh:   " + want + "\n  reusing: " + got);
                    }
                }
            }
        }
        assertTrue(lines > 3000, "too few sample lines: " + lines);
        assertEquals(List.of(), differences.subList(0, Math.min(10, differences.size())),
                differences.size() + " lines differ");
    }

    /**
     * The year of a date without one comes from the clock, and a date more than a day ahead is taken from the
     * year before: a reused conversion follows the clock over these edges.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(textBlock = """
            'Dec 31 23:59:59 host x', 2025-12-31T23:59:58, 2026-01-01T00:00:03, 2026-01-01T23:59:58
            'Jan  1 00:00:01 host x', 2025-12-31T00:00:00, 2025-12-31T00:00:02, 2026-01-01T00:00:00
            'Jan  1 00:00:01 host x', 2025-12-30T23:59:59, 2025-12-31T00:00:01, 2025-12-31T00:00:02
            'Feb 29 12:00:00 host x', 2024-02-28T12:00:00, 2025-01-01T00:00:00, 2025-03-01T00:00:00
            """)
    void reusedConversionsFollowTheClock(String line, LocalDateTime first, LocalDateTime second,
            LocalDateTime third) {
        DateTestSupport.MovableClock clock = new DateTestSupport.MovableClock(0);
        DefaultDateTemplates defaults = new DefaultDateTemplates(new StrptimePattern(clock, DateTestSupport.ZONE,
                Year.of(2026)));
        DateDetector reusing = detector(defaults, true, null);
        DateDetector fresh = detector(defaults, false, null);
        for (LocalDateTime at : List.of(first, second, third, first, third)) {
            for (int s = -2; s <= 2; s++) {
                Instant t = at.plusSeconds(s).atZone(DateTestSupport.ZONE).toInstant();
                clock.set(t.getEpochSecond());
                assertEquals(outcome(fresh, line), outcome(reusing, line), line + " at " + at.plusSeconds(s));
            }
        }
    }

    @Test
    void linesSharingTheirStartReuseTheSearch() {
        DateDetector dd = detector(DateTestSupport.defaults(), true, null);
        TemplateMatch a = dd.matchTime("Nov  1 00:00:00 srv1 sshd[1]: x").orElseThrow();
        TemplateMatch b = dd.matchTime("Nov  1 00:00:00 srv1 sshd[2]: y").orElseThrow();
        assertTrue(a.spans() == b.spans(), "spans reused");
        TemplateMatch c = dd.matchTime("Nov  1 00:00:00 2025 srv1 sshd[2]: y").orElseThrow();
        assertEquals("Nov  1 00:00:00 2025", c.dateText());
    }
}
