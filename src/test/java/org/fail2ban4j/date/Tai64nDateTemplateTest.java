package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The TAI64N templates: the match made without the regex is the regex's, and only made where it is certain. */
class Tai64nDateTemplateTest {

    private static final String LABEL = "@400000006ae6810a06cda829";

    @Test
    void quickMatchIsTheRegexMatch() {
        Tai64nDateTemplate anchored = Tai64nDateTemplate.of(true);
        List<String> lines = List.of(LABEL, LABEL + " qlogreceived: result=accepted", LABEL + "\tx", LABEL + ":x",
                LABEL + "\n", LABEL + "-", LABEL + "a", LABEL + "0", LABEL + "_", LABEL + "G", LABEL + "\u00e9",
                LABEL + "\u00a0x", "@400000006AE6810A06CDA829 x", "@400000006ae6810a06cda82 x",
                "@@400000006ae6810a06cda829 x",
                " " + LABEL + " x", "-" + LABEL + " x", "x" + LABEL + " x", "", "@", "@4000");
        int quick = 0;
        for (String line : lines) {
            TemplateMatch regex = anchored.matchDate(line).orElse(null);
            TemplateMatch fast = anchored.quickMatch(line);
            if (fast != null) {
                quick++;
                assertNotNull(regex, line);
                assertArrayEquals(regex.spans(), fast.spans(), line);
                assertEquals(anchored.epochSeconds(regex, null), anchored.epochSeconds(fast, null), 0.0, line);
            }
        }
        assertEquals(6, quick);
        assertNull(Tai64nDateTemplate.of(false).quickMatch(LABEL + " x"), "only the line-anchored template");
    }
}
