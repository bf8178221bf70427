package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.fail2ban4j.regex.CompiledRegex;
import org.fail2ban4j.regex.DotStarLiteralSearch;
import org.fail2ban4j.regex.MatchSpans;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RestOfLineSearch;
import org.fail2ban4j.regex.PyStrings;
import org.junit.jupiter.api.Test;

/**
 * Every prefregex, failregex and ignoreregex of every stock filter of fail2ban 1.1.1 (each option set its sample
 * log uses) expands exactly as Python's {@code failregex.py} does, with {@code usedns} yes and no, and compiles.
 */
class StockFiltersTest {

    @Test
    void tagExpansionEqualsUpstreams() {
        List<FilterTables.StockRegex> all = FilterTables.stockRegexes();
        assertTrue(all.size() > 500, "table too small: " + all.size());
        List<String> failures = new ArrayList<>();
        for (FilterTables.StockRegex r : all) {
            boolean multiline = r.kind().equals("failregex") && r.maxlines() > 1;
            String yes = FailRegex.regex(r.raw(), multiline, true).regex();
            String no = FailRegex.regex(r.raw(), multiline, false).regex();
            if (!yes.equals(r.expandedDns()) || !no.equals(r.expandedNoDns())) {
                failures.add(r.filter() + r.options() + " " + r.kind() + ": " + PyStrings.repr(r.raw()));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyStockFilterCompiles() {
        Map<String, FilterTables.StockFilter> filters = FilterTables.stockFilters();
        assertTrue(filters.size() > 100, "too few filters: " + filters.size());
        int count = 0;
        List<String> failures = new ArrayList<>();
        for (FilterTables.StockFilter f : filters.values()) {
            for (boolean dns : new boolean[] {true, false}) {
                try {
                    Optional<FailRegex> pref = f.prefRegex() == null ? Optional.empty()
                            : Optional.of(FailRegex.regex(f.prefRegex(), false, dns));
                    count += pref.isPresent() ? 1 : 0;
                    for (String fr : f.failRegexes()) {
                        FailRegex compiled = FailRegex.failRegex(fr, pref, f.maxlines() > 1, dns);
                        assertTrue(compiled.isFailRegex());
                        count++;
                    }
                    for (String ir : f.ignoreRegexes()) {
                        FailRegex.regex(ir, false, dns);
                        count++;
                    }
                } catch (RuntimeException e) {
                    failures.add(f.key() + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(count > 1000, "compiled only " + count);
    }

    /**
     * Where a stock prefregex is known to match every line ({@link RestOfLineSearch#matchesEveryLine()}, which
     * lets {@code fail2ban-regex} count it on lines it does not search), a real search does match every one-line
     * buffer of every sample log; the prefregexes of sshd, dovecot, exim and sendmail are of that kind.
     */
    @Test
    void everyLinePrefregexesMatchEverySampleLine() {
        List<String> texts = new ArrayList<>();
        for (FilterTables.SampleBuffer b : FilterTables.sampleBuffers()) {
            String text = b.buffer() + "\n";
            if (!b.buffer().isEmpty() && RestOfLineSearch.applies(text) && !texts.contains(text)) {
                texts.add(text);
            }
        }
        assertTrue(texts.size() > 1000, "too few sample lines: " + texts.size());
        Set<String> everyLine = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (FilterTables.StockFilter f : FilterTables.stockFilters().values()) {
            if (f.prefRegex() == null) {
                continue;
            }
            CompiledRegex c = FailRegex.regex(f.prefRegex(), false, true).compiled();
            Optional<RestOfLineSearch> r = RestOfLineSearch.of(c);
            if (r.isEmpty() || !r.get().matchesEveryLine()) {
                continue;
            }
            everyLine.add(f.filter());
            for (String text : texts) {
                if (c.search(text, 0, 5_000_000L).isEmpty()) {
                    failures.add(f.key() + " on " + PyStrings.repr(text));
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("dovecot", "exim", "exim-spam", "sendmail-auth", "sendmail-reject", "sshd"), everyLine);
    }

    /**
     * Where a stock prefregex is searched through {@link DotStarLiteralSearch} (the nginx filters' {@code
     * (?P<content>.*), client: ...}), that search finds what the full pattern finds (start, end and every group) on
     * every sample buffer of every filter.
     */
    @Test
    void dotStarLiteralSearchesEqualTheFullSearchOnEverySampleBuffer() {
        List<String> texts = new ArrayList<>();
        for (FilterTables.SampleBuffer b : FilterTables.sampleBuffers()) {
            texts.add(b.buffer() + "\n");
        }
        Set<String> searched = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        int matched = 0;
        for (FilterTables.StockFilter f : FilterTables.stockFilters().values()) {
            if (f.prefRegex() == null) {
                continue;
            }
            CompiledRegex c = FailRegex.regex(f.prefRegex(), false, true).compiled();
            Optional<DotStarLiteralSearch> d = DotStarLiteralSearch.of(c);
            if (d.isEmpty()) {
                continue;
            }
            searched.add(f.filter());
            java.util.regex.Matcher[] matchers = d.get().newMatchers();
            for (String text : texts) {
                Optional<RegexMatch> want = c.search(text, 0, 5_000_000L);
                Optional<RegexMatch> got = d.get().find(matchers, text);
                matched += want.isPresent() ? 1 : 0;
                if (!MatchSpans.of(want).equals(MatchSpans.of(got))) {
                    failures.add(f.key() + " on " + PyStrings.repr(text) + ": " + MatchSpans.of(want) + " vs " + MatchSpans.of(got));
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(searched.contains("nginx-http-auth"), searched.toString());
        assertTrue(matched > 50, "few matches: " + matched);
    }
}
