package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRegexTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "(?P<Y>\\d{4})(?P<_sep>[-/.])(?P<m>\\d\\d)(?P=_sep);(\\d{4})([-/.])(\\d\\d)(?:\\2)",
        "a{,3}b{2}c{1,}d{,}e{}f{x};a{0,3}b{2}c{1,}d{0,}e\\{}f\\{x}",
        "{DATE} \\Z;\\{DATE} \\z",
        "[[]x[]&&y][^]];[\\[]x[\\]\\&\\&y][^\\]]",
        "(a)(?#comment)\\1;(a)(?:\\1)",
        "\\012\\0;\\0012\\00",
    })
    void translation(String python, String java) {
        assertEquals(java, DateRegex.compile(python).javaSource());
    }

    @Test
    void groupsByPythonNumberAndName() {
        DateRegex r = DateRegex.compile("((?P<square>(?<=^\\[))?\\d+)(?(square)(?=\\]))(?P<x>.)");
        // python: 1 = outer, 2 = square, 3 = x; java: square gets a marker group (3), x is 4
        assertArrayEquals(new int[] {0, 1, 2, 4}, r.groupMap());
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
        assertEquals("missing ), unterminated subpattern in '(%Y'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(?P<a>x)(?P<a>y)"));
        assertEquals("redefinition of group name 'a' in '(?P<a>x)(?P<a>y)'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DateRegex.compile("(?P=b)"));
        assertEquals("unknown group name 'b' in '(?P=b)'", e.getMessage());
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
