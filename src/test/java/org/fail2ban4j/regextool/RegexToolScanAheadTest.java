package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;

/**
 * The reader thread's scanning of the lines ahead ({@link RegexTool#SCAN_AHEAD_FROM}) changes nothing in the
 * report: every sample log of upstream's tests with the stock filter of its name gives the same text, plain and
 * with {@code -v} and every line printed, whether the lines are scanned ahead from the first line or never (a
 * sample log is far shorter than the line from which a run scans ahead).
 */
class RegexToolScanAheadTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z"));

    private static String run(List<String> args, long scanFrom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            RegexToolOptions.Run opts = (RegexToolOptions.Run) RegexToolOptions.parse(args, "fail2ban-regex", Map.of());
            RegexTool tool = new RegexTool(opts.options(), new RegexTool.Environment(CLOCK, ZoneId.of("UTC"),
                    new FakeDnsResolver(), 1), o);
            tool.scanAheadFrom(scanFrom);
            o.println("exit " + tool.run());
        }
        return out.toString(StandardCharsets.UTF_8).replaceAll("\\[processed in [0-9.]+ sec\\]", "[processed]");
    }

    @Test
    void sampleLogsGiveTheSameReportScannedAheadOrNot() throws IOException {
        Path upstream = Path.of(System.getProperty("fail2ban4j.upstream"));
        Path config = upstream.resolve("config");
        List<Path> logs;
        try (Stream<Path> s = Files.list(upstream.resolve("tests-files/logs"))) {
            logs = s.filter(p -> Files.isRegularFile(config.resolve("filter.d/" + p.getFileName() + ".conf")))
                    .sorted().toList();
        }
        List<String> differences = new ArrayList<>();
        int matched = 0;
        for (Path log : logs) {
            String filter = log.getFileName().toString();
            for (List<String> extra : List.of(List.<String>of(),
                    List.of("-v", "--print-all-matched", "--print-all-missed", "--print-all-ignored"))) {
                List<String> args = new ArrayList<>(extra);
                args.addAll(List.of("-c", config.toString(), log.toString(), filter));
                String never = run(args, Long.MAX_VALUE);
                String scanned = run(args, 0);
                if (!never.equals(scanned)) {
                    differences.add(filter + " " + extra + ":\n" + never + "\n---- scanned ahead ----\n" + scanned);
                }
                if (never.contains("Failregex: ") && !never.contains("Failregex: 0 total")) {
                    matched++;
                }
            }
        }
        assertTrue(logs.size() > 80 && matched > 150, logs.size() + " logs, " + matched + " reports with failures");
        assertEquals(List.of(), differences.subList(0, Math.min(2, differences.size())),
                differences.size() + " reports differ");
    }
}
