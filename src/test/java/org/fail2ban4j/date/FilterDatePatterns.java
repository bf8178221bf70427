package org.fail2ban4j.date;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of fail2ban's filter reading to get a filter's {@code datepattern}: sections, continuation lines,
 * {@code [INCLUDES] before/after}, {@code %(name)s} interpolation and {@code <tag>} substitution. For the
 * sample tests of this package only; the real reader lives in {@code config}.
 */
final class FilterDatePatterns {

    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)\\]\\s*$");
    private static final Pattern OPTION = Pattern.compile("^([^\\s:=][^:=]*?)\\s*[:=]\\s?(.*)$");
    private static final Pattern INTERP = Pattern.compile("%\\(([^)]+)\\)s|%%");
    private static final Pattern TAG = Pattern.compile("<([\\w/.-]+)>");

    private final Path filterDir;

    FilterDatePatterns(Path filterDir) {
        this.filterDir = filterDir;
    }

    boolean exists(String filter) {
        return Files.isRegularFile(filterDir.resolve(filter + ".conf"));
    }

    /** The resolved datepattern of a filter with options ({@code name[opts]}), empty if it has none. */
    Optional<String> datePattern(String filter, Map<String, String> opts) {
        Map<String, Map<String, String>> ini = new LinkedHashMap<>();
        load(filter + ".conf", ini, 0);
        Resolver r = new Resolver(ini, opts);
        Optional<String> raw = r.raw("datepattern");
        return raw.map(v -> r.tags(r.interpolate(v, "Definition", 0), 0));
    }

    private void load(String file, Map<String, Map<String, String>> into, int depth) {
        Path p = filterDir.resolve(file);
        if (depth > 10 || !Files.isRegularFile(p)) {
            return;
        }
        Map<String, Map<String, String>> own = parse(p);
        Map<String, String> inc = own.getOrDefault("INCLUDES", Map.of());
        for (String b : inc.getOrDefault("before", "").split("\\s+")) {
            if (!b.isEmpty()) {
                load(b, into, depth + 1);
            }
        }
        own.forEach((sec, kv) -> into.computeIfAbsent(sec, k -> new LinkedHashMap<>()).putAll(kv));
        for (String a : inc.getOrDefault("after", "").split("\\s+")) {
            if (!a.isEmpty()) {
                load(a, into, depth + 1);
            }
        }
    }

    private static Map<String, Map<String, String>> parse(Path p) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> ini = new LinkedHashMap<>();
        Map<String, String> section = null;
        String key = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && key != null && !stripped.isEmpty()) {
                section.put(key, section.get(key) + "\n" + stripped);
                continue;
            }
            if (stripped.isEmpty()) {
                key = null;
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = ini.computeIfAbsent(s.group(1), k -> new LinkedHashMap<>());
                key = null;
                continue;
            }
            Matcher o = OPTION.matcher(line);
            if (o.matches() && section != null) {
                key = o.group(1).strip().toLowerCase();
                section.put(key, o.group(2).strip());
            }
        }
        return ini;
    }

    private static final class Resolver {
        private final Map<String, Map<String, String>> ini;
        private final Map<String, String> opts;

        Resolver(Map<String, Map<String, String>> ini, Map<String, String> opts) {
            this.ini = ini;
            this.opts = opts;
        }

        Optional<String> raw(String key) {
            if (opts.containsKey(key)) {
                return Optional.of(opts.get(key));
            }
            for (String sec : List.of("Definition", "Init", "DEFAULT")) {
                String v = ini.getOrDefault(sec, Map.of()).get(key);
                if (v != null) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }

        String interpolate(String value, String section, int depth) {
            Matcher m = INTERP.matcher(value);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String rep;
                if (m.group(1) == null) {
                    rep = "%";
                } else {
                    String name = m.group(1);
                    String sec = section;
                    if (name.contains("/")) {
                        sec = name.substring(0, name.indexOf('/'));
                        name = name.substring(name.indexOf('/') + 1);
                    }
                    String v = ini.getOrDefault(sec, Map.of()).get(name);
                    if (v == null) {
                        v = ini.getOrDefault("DEFAULT", Map.of()).get(name);
                    }
                    rep = v == null || depth > 10 ? m.group() : interpolate(v, sec, depth + 1);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(rep));
            }
            m.appendTail(sb);
            return sb.toString();
        }

        String tags(String value, int depth) {
            for (int round = 0; round < 25; round++) {
                Matcher m = TAG.matcher(value);
                StringBuilder sb = new StringBuilder();
                boolean changed = false;
                while (m.find()) {
                    String v = lookup(m.group(1));
                    if (v != null) {
                        changed = true;
                        m.appendReplacement(sb, Matcher.quoteReplacement(v));
                    } else {
                        m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                    }
                }
                m.appendTail(sb);
                value = sb.toString();
                if (!changed) {
                    break;
                }
            }
            return value;
        }

        private String lookup(String name) {
            if (name.contains("/")) {
                String sec = name.substring(0, name.indexOf('/'));
                String key = name.substring(name.indexOf('/') + 1);
                String v = ini.getOrDefault(sec, Map.of()).get(key);
                return v == null ? null : interpolate(v, sec, 0);
            }
            if (opts.containsKey(name)) {
                return opts.get(name);
            }
            for (String sec : List.of("Init", "Definition", "DEFAULT")) {
                String v = ini.getOrDefault(sec, Map.of()).get(name);
                if (v != null) {
                    return interpolate(v, sec, 0);
                }
            }
            return null;
        }
    }
}
