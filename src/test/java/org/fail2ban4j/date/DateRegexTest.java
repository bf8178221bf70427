package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRegexTest {

    @Test
    void groupsByPythonNumberAndName() {
        DateRegex r = DateRegex.compile("((?P<square>(?<=^\\[))?\\d+)(?(square)(?=\\]))(?P<x>.)");
        // python: 1 = outer, 2 = square, 3 = x; the Java numbers differ (square gets a marker group)
        assertEquals(r.javaGroup(3), r.pattern().matcher("").groupCount());
        assertEquals(2, r.groupIndex("square"));
        assertEquals(3, r.groupIndex("x"));
        assertEquals(-1, r.groupIndex("y"));
        assertEquals(3, r.groupCount());
    }

    /** Python gives the same results (checked with its {@code re}): the optional group can step back. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"[123]x;1;123", "[123;1;123", "123];0;123", "x123;1;123"})
    void conditionalOnOptionalGroup(String line, int start, String group1) {
        DateRegex r = DateRegex.compile("((?P<square>(?<=^\\[))?\\d+)(?(square)(?=\\]))");
        Matcher m = r.search(line);
        assertEquals(start, m.start(), line);
        assertEquals(group1, m.group(r.javaGroup(1)));
    }

    @Test
    void conditionalWithBothBranches() {
        DateRegex r = DateRegex.compile("(?P<a><)?x(?(a)>|!)");
        assertEquals("<x>", r.search("<x>").group());
        assertEquals("x!", r.search("x!").group());
        Matcher m = r.search("<x!");
        assertEquals(1, m.start());
        assertEquals("x!", m.group());
        assertNull(r.search("<x"));
    }

    @Test
    void searchInPartLikePython() {
        DateRegex r = DateRegex.compile("(?=^|\\b|\\W)(\\d\\d:\\d\\d)(?=\\b|\\W|$)");
        String line = "ab 12:34x rest";
        // endpos cuts the line: the end boundary sees the end of the text
        Matcher m = r.search(line, 3, 8);
        assertNotNull(m);
        assertEquals(3, m.start());
        // ^ matches only at the real start of the line
        DateRegex anchored = DateRegex.compile("^(\\d)");
        assertNull(anchored.search("a1", 1, 2));
        // look-behind sees the text before pos
        DateRegex behind = DateRegex.compile("(?<=a)(\\d)");
        assertNotNull(behind.search("a1", 1, 2));
        assertNull(r.search(line, 9, 3));
    }

    @Test
    void errorsNameThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(%Y"));
        assertTrue(e.getMessage().startsWith("missing ), unterminated subpattern"), e.getMessage());
        assertTrue(e.getMessage().contains("'(%Y'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(?P<a>x)(?P<a>y)"));
        assertTrue(e.getMessage().startsWith("redefinition of group name 'a'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(?P=b)"));
        assertTrue(e.getMessage().startsWith("unknown group name 'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(?(c)x)"));
        assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("a)"));
        assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("[a"));
        assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("*x"));
    }

    @Test
    void unicodeClassesAndUnixLines() {
        DateRegex r = DateRegex.compile("^(\\d+)\\s(\\w+)$");
        assertNotNull(r.search("\u0663\u0664\u00a0\u00e9t\u00e9"));
        assertNotNull(r.search("12 ab\n"));
        assertNull(r.search("12 ab\u2028"));
    }
}
