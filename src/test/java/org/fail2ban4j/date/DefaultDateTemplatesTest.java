package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultDateTemplatesTest {

    /** name, flags, weight, regex of the templates as upstream 1.1.1 lists them (recorded from its code). */
    static List<String[]> expected() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DefaultDateTemplatesTest.class.getResourceAsStream("default-templates.tsv")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        return rows;
    }

    @Test
    void templatesAreUpstreamsInUpstreamsOrder() throws IOException {
        List<String[]> rows = expected();
        List<DateTemplate> templates = DateTestSupport.defaults().templates();
        assertEquals(rows.size(), templates.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            DateTemplate t = templates.get(i);
            assertEquals(row[0], t.name(), "name #" + i);
            assertEquals(Integer.parseInt(row[1]), t.flags(), "flags of " + t.name());
            assertEquals(Double.parseDouble(row[2]), t.weight(), "weight of " + t.name());
            assertEquals(row[3], t.regex(), "regex of " + t.name());
        }
    }

    @Test
    void seventeenDefaultsAndFourteenAnchoredVariants() {
        DefaultDateTemplates d = DateTestSupport.defaults();
        assertEquals(17, d.defaultTemplates().size());
        assertEquals(31, d.templates().size());
        assertEquals(d.defaultTemplates(), d.templates().subList(14, 31));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EPOCH|Epoch|EpochDateTemplate",
        "epoch|Epoch|EpochDateTemplate",
        "{^LN-BEG}Epoch|{^LN-BEG}Epoch|EpochDateTemplate",
        "^EPOCH|{^LN-BEG}Epoch|EpochDateTemplate",
        "LEPOCH|LongEpoch|EpochDateTemplate",
        "{^LN-BEG}LEPOCH|{^LN-BEG}LongEpoch|EpochDateTemplate",
        "TAI64N|TAI64N|Tai64nDateTemplate",
        "{^LN-BEG}TAI64N|{^LN-BEG}TAI64N|Tai64nDateTemplate",
        "^TAI64N|{^LN-BEG}TAI64N|Tai64nDateTemplate",
        "ISO8601|ISO8601|PatternDateTemplate",
        "^%Y-%m-%d-%H%M%S\\.%f %z **|^Year-Month-Day-24hourMinuteSecond\\.Microseconds Zone offset **"
            + "|PatternDateTemplate",
    })
    void specialPatterns(String pattern, String name, String type) {
        DateTemplate t = DateTestSupport.defaults().forPattern(pattern);
        assertEquals(name, t.name());
        assertEquals(type, t.getClass().getSimpleName());
    }

    @Test
    void epochInAPattern() {
        DateTemplate t = DateTestSupport.defaults().forPattern("(?<=\\|\\s){LEPOCH}(?=\\s\\|)");
        assertEquals("(?<=\\|\\s){LEPOCH}(?=\\s\\|)", t.name());
        assertInstanceOf(EpochDateTemplate.class, t);
        assertTrue(((EpochDateTemplate) t).isLongForm());
    }

    @Test
    void templatesAreCachedByPattern() {
        DefaultDateTemplates d = DateTestSupport.defaults();
        assertSame(d.forPattern("%H:%M:%S"), d.forPattern("%H:%M:%S"));
        assertSame(d.forPattern("epoch"), d.forPattern("EPOCH"));
        // the line-anchored default variants are the templates of their patterns
        DateTemplate anchored = d.forPattern("{^LN-BEG}%m/%d/%ExY:%H:%M:%S");
        assertTrue(d.templates().contains(anchored));
        assertEquals(100.0, anchored.weight());
        assertInstanceOf(PatternDateTemplate.class, anchored);
    }

    /**
     * Every stock {@code datepattern} (and {@code {NONE}}, {@code {DEFAULT}} and a few more) gives the templates
     * upstream makes of it: same names, flags, weights and regex text, in the same order.
     */
    @Test
    void stockDatePatternsGiveUpstreamsTemplates() throws IOException {
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DefaultDateTemplatesTest.class.getResourceAsStream("stock-datepatterns.tsv")),
                StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> !l.startsWith("#")).toList();
        }
        DefaultDateTemplates defaults = DateTestSupport.defaults();
        int patterns = 0;
        for (int i = 0; i < lines.size(); ) {
            String dp = lines.get(i++).substring(1).replace("\\n", "\n");
            List<String[]> rows = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).startsWith("=")) {
                rows.add(lines.get(i++).split("\t", -1));
            }
            DateDetector dd = new DateDetector(defaults);
            for (String p : dp.split("\n+")) {
                if (!p.strip().isEmpty()) {
                    dd.appendTemplate(p.strip());
                }
            }
            List<DateTemplate> templates = dd.templates();
            assertEquals(rows.size(), templates.size(), "templates of " + dp);
            for (int k = 0; k < rows.size(); k++) {
                DateTemplate t = templates.get(k);
                assertEquals(rows.get(k)[0], t.name(), dp);
                assertEquals(rows.get(k)[1], Integer.toString(t.flags()), dp + " " + t.name());
                assertEquals(Double.parseDouble(rows.get(k)[2]), t.weight(), dp + " " + t.name());
                assertEquals(rows.get(k)[3], t.regex(), dp + " " + t.name());
            }
            patterns++;
        }
        assertEquals(35, patterns);
    }
}
