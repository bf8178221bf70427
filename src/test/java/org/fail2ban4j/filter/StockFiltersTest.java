package org.fail2ban4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
