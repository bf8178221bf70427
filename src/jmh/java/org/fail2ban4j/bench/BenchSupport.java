package org.fail2ban4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.reader.FilterReader;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.StrptimePattern;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.net.IpAddressSet;
import org.fail2ban4j.tags.OptionListParser;
import org.fail2ban4j.tags.OptionSpec;

/** Shared set-up of the benchmarks: a matcher wired as {@code fail2ban-regex} wires it, and corpus loading. */
final class BenchSupport {

    /** The corpora of {@code gen-logs} start on 2026-11-01 (UTC); "now" is a day later. */
    static final Instant NOW = Instant.parse("2026-11-02T00:00:00Z");
    static final ZoneId ZONE = ZoneId.of("UTC");

    private BenchSupport() {
    }

    /** A resolver that never resolves anything (the benchmarks return raw hosts). */
    static final DnsResolver NO_DNS = new DnsResolver() {
        @Override
        public IpAddressSet nameToIps(String name) {
            return IpAddressSet.EMPTY;
        }

        @Override
        public Optional<String> ipToName(IpAddress ip) {
            return Optional.empty();
        }

        @Override
        public String hostname(boolean fqdn) {
            return "localhost";
        }

        @Override
        public IpAddressSet interfaceAddresses() {
            return IpAddressSet.EMPTY;
        }

        @Override
        public boolean isIpv6Allowed() {
            return true;
        }
    };

    /** A matcher set up as {@code fail2ban-regex} does: raw hosts, every failregex tried, dates taken as read. */
    static FailureMatcher newMatcher() {
        InstantSource clock = InstantSource.fixed(NOW);
        DefaultDateTemplates dates = new DefaultDateTemplates(new StrptimePattern(clock, ZONE, Year.of(2026)));
        FailureMatcher m = new FailureMatcher("bench", clock, dates, NO_DNS);
        m.setReturnRawHost(true);
        m.setCheckAllRegex(true);
        m.setCheckFindTime(false);
        return m;
    }

    /** A matcher for a stock filter ({@code name} or {@code name[k=v, ...]}) of a fail2ban config directory. */
    static FailureMatcher stockFilter(String configDir, String filterSpec) {
        FailureMatcher m = newMatcher();
        OptionSpec spec = OptionListParser.extractOptions(filterSpec);
        String filterName = spec.name();
        FilterReader reader = new FilterReader(filterName, "bench", new LinkedHashMap<>(spec.options()),
                new IniCache(), configDir, ReaderLog.NONE);
        if (!reader.read()) {
            throw new IllegalArgumentException("cannot read filter " + filterName + " in " + configDir);
        }
        reader.getOptions(Map.of(), false);
        for (List<Object> opt : reader.convert()) {
            List<?> values = opt.get(0).equals("multi-set") ? (List<?>) opt.get(3) : List.of(opt.get(3));
            for (Object v : values) {
                switch ((String) opt.get(2)) {
                    case "prefregex":
                        m.setPrefRegex((String) v);
                        break;
                    case "addfailregex":
                        m.addFailRegex((String) v);
                        break;
                    case "addignoreregex":
                        m.addIgnoreRegex((String) v);
                        break;
                    case "maxlines":
                        m.setMaxLines(((Number) v).intValue());
                        break;
                    case "datepattern":
                        m.setDatePattern((String) v);
                        break;
                    default:
                        break;
                }
            }
        }
        return m;
    }

    /** The first {@code max} lines of a file (UTF-8). */
    static String[] readLines(String file, int max) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < max && (line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty corpus " + file);
        }
        return lines.toArray(new String[0]);
    }
}
