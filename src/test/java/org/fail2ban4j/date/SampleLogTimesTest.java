package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code time} of every matching {@code failJSON} line of upstream's sample logs: each line goes through a
 * date detector set up with its filter's {@code datepattern} the way upstream's {@code samplestestcase.py} feeds
 * its filters (every non-comment line in file order, one detector per filter-option combination, journal lines
 * skipped because their time comes from the journal), and the parsed time must equal the JSON time read as
 * local time of the test zone.
 */
class SampleLogTimesTest {

    private static final Pattern JSON_LINE = Pattern.compile("^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$",
            Pattern.UNIX_LINES);
    private static final Pattern JSON_TIME = Pattern.compile(
            "(\\d{4})-(\\d\\d?)-(\\d\\d?)T(\\d\\d?):(\\d\\d?):(\\d\\d?)(?:\\.(\\d{1,6}))?");
    private static final Pattern NAME_COND = Pattern.compile("^name\\s*==\\s*'([^']*)'$");
    private static final Pattern OPTS_COND = Pattern.compile("^opts\\.get\\('([\\w.-]+)'\\)\\s*(==|!=)\\s*'([^']*)'$");

    /** A filter as upstream's test instantiates it: the detector plus the last date seen. */
    private static final class SampleFilter {
        final DateDetector detector;
        Double lastDate;

        SampleFilter(DateDetector detector) {
            this.detector = detector;
        }

        /** The date part of upstream's {@code Filter.processLine} (checkFindTime off). */
        Double processLine(String line, double now) {
            Double date = null;
            Optional<TemplateMatch> m = detector.matchTime(line);
            if (m.isPresent()) {
                if (!m.get().dateText().isEmpty()) {
                    Optional<DateMatch> d = detector.getTime(m.get());
                    if (d.isPresent()) {
                        date = d.get().epochSeconds();
                        lastDate = date;
                    }
                } else if (lastDate != null && lastDate > now - 60) {
                    date = lastDate;
                } else {
                    date = now;
                }
            }
            if (date == null && lastDate != null && lastDate > now - 60) {
                date = lastDate;
            }
            return date;
        }
    }

    private record FilterTest(SampleFilter filter, Map<String, Object> opts) {
    }

    private final DefaultDateTemplates defaults = DateTestSupport.defaults();
    private int checked;
    private final Set<String> distinctLines = new HashSet<>();
    private int passed;
    private int journal;
    private final List<String> failures = new ArrayList<>();

    @Test
    void failJsonTimesParseAsUpstream() throws IOException {
        String upstream = System.getProperty("fail2ban4j.upstream", "");
        Path logs = Path.of(upstream, "tests-files", "logs");
        assumeTrue(!upstream.isEmpty() && Files.isDirectory(logs), "upstream sample logs not found: " + logs);
        FilterDatePatterns patterns = new FilterDatePatterns(Path.of(upstream, "config", "filter.d"));
        List<String> names;
        try (Stream<Path> s = Files.list(logs)) {
            names = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            if (patterns.exists(name)) {
                runSample(name, logs, patterns);
            }
        }
        System.out.printf("failJSON times: %d checked (%d distinct lines), %d passed, %d failed"
                + " (%d journal lines not date-parsed)%n", checked, distinctLines.size(), passed, failures.size(),
                journal);
        failures.forEach(System.out::println);
        assertTrue(checked > 800, "too few failJSON times found: " + checked);
        assertEquals(List.of(), failures);
    }

    @SuppressWarnings("unchecked")
    private void runSample(String name, Path logs, FilterDatePatterns patterns) throws IOException {
        Map<String, SampleFilter> filters = new HashMap<>();
        List<String> filenames = new ArrayList<>(List.of(name));
        Map<String, Object> commonOpts = Map.of();
        List<FilterTest> filterTests = null;
        double now = DateTestSupport.TEST_NOW;
        for (int f = 0; f < filenames.size(); f++) {
            String filename = filenames.get(f);
            List<String> lines = readLines(logs.resolve(filename));
            boolean ignoreBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Map<String, Object> faildata = Map.of();
                int lineNo = i + 1;
                Matcher jm = JSON_LINE.matcher(line);
                if (jm.matches()) {
                    Object data = JSON.std.anyFrom(jm.group(2));
                    switch (jm.group(1)) {
                        case "fileOptions" -> {
                            commonOpts = (Map<String, Object>) data;
                            continue;
                        }
                        case "filterOptions" -> {
                            filterTests = new ArrayList<>();
                            ignoreBlock = false;
                            List<Object> sets = data instanceof List<?> l ? (List<Object>) l : List.of(data);
                            for (Object o : sets) {
                                Map<String, Object> opts = new LinkedHashMap<>(commonOpts);
                                opts.putAll((Map<String, Object>) o);
                                if (opts.get("test.condition") != null) {
                                    ignoreBlock = !eval((String) opts.get("test.condition"), name, opts);
                                }
                                if (!ignoreBlock) {
                                    Map<String, String> fltOpts = filterOptions(opts);
                                    String fltName = name + opts.getOrDefault("test.filter-name",
                                            fltOpts.isEmpty() ? "" : fltOpts.toString());
                                    SampleFilter flt = filters.computeIfAbsent(fltName,
                                            k -> readFilter(patterns, name, fltOpts));
                                    filterTests.add(new FilterTest(flt, opts));
                                }
                            }
                            continue;
                        }
                        case "addFILE" -> {
                            filenames.add((String) data);
                            continue;
                        }
                        default -> {
                            faildata = (Map<String, Object>) data;
                            i++;
                            if (i >= lines.size()) {
                                continue;
                            }
                            line = lines.get(i);
                            lineNo = i + 1;
                        }
                    }
                } else if (ignoreBlock || line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (ignoreBlock) {
                    continue;
                }
                if (filterTests == null || filterTests.isEmpty()) {
                    SampleFilter flt = filters.computeIfAbsent(name, k -> readFilter(patterns, name, Map.of()));
                    filterTests = new ArrayList<>(List.of(new FilterTest(flt, Map.of())));
                }
                line = stripLineEnd(line);
                for (FilterTest ft : filterTests) {
                    Object constraint = faildata.get("constraint");
                    if (constraint != null && !eval((String) constraint, name, ft.opts())) {
                        continue;
                    }
                    boolean expectTime = Boolean.TRUE.equals(faildata.get("match")) && faildata.get("time") != null;
                    if ("journal".equals(ft.opts().get("logtype"))) {
                        if (expectTime) {
                            journal++;
                        }
                        continue;
                    }
                    Double date = ft.filter().processLine(line, now);
                    if (expectTime) {
                        checked++;
                        distinctLines.add(filename + ":" + lineNo);
                        double expected = jsonTime((String) faildata.get("time"));
                        if (date != null && date == expected) {
                            passed++;
                        } else {
                            failures.add(String.format("%s:%d %s: expected %s (%.3f), got %s%n    %s", filename, lineNo,
                                    ft.opts(), faildata.get("time"), expected, date, line));
                        }
                    }
                }
            }
        }
    }

    private SampleFilter readFilter(FilterDatePatterns patterns, String name, Map<String, String> opts) {
        DateDetector dd = new DateDetector(defaults);
        Optional<String> dp = patterns.datePattern(name, opts);
        if (dp.isPresent()) {
            for (String p : dp.get().split("\n+")) {
                if (!p.strip().isEmpty()) {
                    dd.appendTemplate(p.strip());
                }
            }
        }
        return new SampleFilter(dd);
    }

    private static Map<String, String> filterOptions(Map<String, Object> opts) {
        Map<String, String> m = new LinkedHashMap<>();
        opts.forEach((k, v) -> {
            if (!k.startsWith("test.")) {
                m.put(k, String.valueOf(v));
            }
        });
        return m;
    }

    /** The few Python conditions the sample files use. */
    private static boolean eval(String expr, String name, Map<String, Object> opts) {
        Matcher m = NAME_COND.matcher(expr.strip());
        if (m.matches()) {
            return name.equals(m.group(1));
        }
        m = OPTS_COND.matcher(expr.strip());
        if (m.matches()) {
            boolean eq = Objects.equals(opts.get(m.group(1)), m.group(3));
            return m.group(2).equals("==") == eq;
        }
        throw new AssertionError("unsupported condition in sample file: " + expr);
    }

    /** The JSON time as upstream reads it: local time of the test zone, {@code time.mktime}. */
    static double jsonTime(String t) {
        Matcher m = JSON_TIME.matcher(t);
        if (!m.matches()) {
            throw new AssertionError("bad failJSON time " + t);
        }
        int micros = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000").substring(0, 6));
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)), micros * 1000);
        ZoneOffsetTransition tr = DateTestSupport.ZONE.getRules().getTransition(local);
        var offset = tr == null ? DateTestSupport.ZONE.getRules().getOffset(local)
                : tr.isOverlap() ? tr.getOffsetAfter() : tr.getOffsetBefore();
        return local.toEpochSecond(offset) + local.getNano() / 1e9;
    }

    private static String stripLineEnd(String line) {
        int e = line.length();
        while (e > 0 && (line.charAt(e - 1) == '\r' || line.charAt(e - 1) == '\n')) {
            e--;
        }
        return line.substring(0, e);
    }

    /** Lines as upstream's FileContainer gives them: UTF-8, bad bytes replaced. */
    private static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
