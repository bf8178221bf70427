package org.fail2ban4j.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the expectation tables written by {@code regex/generate_expectations.py} from the stock filters of
 * fail2ban 1.1.1: {@code stock-filters.tsv} (every prefregex/failregex/ignoreregex per filter and option set,
 * raw and as Python expands it) and {@code sample-buffers.tsv} (the date-less text of each sample-log line that
 * has a failJSON expectation).
 */
final class FilterTables {

    /** One expression of a filter. */
    record StockRegex(String filter, String options, String kind, int maxlines, String raw, String expandedDns,
            String expandedNoDns) {
    }

    /** One filter with one option set. */
    record StockFilter(String filter, String options, int maxlines, String prefRegex, List<String> failRegexes,
            List<String> ignoreRegexes) {
        String key() {
            return filter + options;
        }
    }

    /** One sample-log line with its failJSON. */
    record SampleBuffer(String filter, String options, String logFile, int lineNumber, String buffer) {
    }

    private FilterTables() {
    }

    static List<String[]> read(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = FilterTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<StockRegex> stockRegexes() {
        List<StockRegex> list = new ArrayList<>();
        for (String[] r : read("stock-filters.tsv")) {
            list.add(new StockRegex(r[0], r[1], r[2], Integer.parseInt(r[3]), unescape(r[4]), unescape(r[5]),
                    unescape(r[6])));
        }
        return list;
    }

    static Map<String, StockFilter> stockFilters() {
        Map<String, List<StockRegex>> byKey = new LinkedHashMap<>();
        for (StockRegex r : stockRegexes()) {
            byKey.computeIfAbsent(r.filter() + r.options(), k -> new ArrayList<>()).add(r);
        }
        Map<String, StockFilter> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<StockRegex>> e : byKey.entrySet()) {
            String pref = null;
            List<String> fails = new ArrayList<>();
            List<String> ignores = new ArrayList<>();
            StockRegex first = e.getValue().get(0);
            for (StockRegex r : e.getValue()) {
                if (r.kind().equals("prefregex")) {
                    pref = r.raw();
                } else if (r.kind().equals("failregex")) {
                    fails.add(r.raw());
                } else {
                    ignores.add(r.raw());
                }
            }
            filters.put(e.getKey(), new StockFilter(first.filter(), first.options(), first.maxlines(), pref,
                    List.copyOf(fails), List.copyOf(ignores)));
        }
        return filters;
    }

    static List<SampleBuffer> sampleBuffers() {
        List<SampleBuffer> list = new ArrayList<>();
        for (String[] r : read("sample-buffers.tsv")) {
            list.add(new SampleBuffer(r[0], r[1], r[2], Integer.parseInt(r[3]), unescape(r[4])));
        }
        return list;
    }

    static Path upstream() {
        String dir = System.getProperty("fail2ban4j.upstream");
        if (dir == null) {
            throw new IllegalStateException("system property fail2ban4j.upstream is not set");
        }
        return Path.of(dir);
    }

    /** Undoes the table escaping ({@code \\ \t \n \r \\uXXXX \\UXXXXXXXX}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\':
                    sb.append('\\');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'u':
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                case 'U':
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                    break;
                default:
                    throw new IllegalArgumentException("bad escape \\" + n + " in " + s);
            }
        }
        return sb.toString();
    }
}
