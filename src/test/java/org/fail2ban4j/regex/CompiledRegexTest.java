package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API around a compiled pattern; matching semantics are covered by {@link PythonDifferentialTest}. */
class CompiledRegexTest {

    @Test
    void groupNamesJavaRefusesMapToJavaGroupNumbers() {
        CompiledRegex r = PyRegex.compile("(?P<_sep>[:/])(?P<__connid>\\d+)(?P<alt_user>\\w+)?(?P<host>h)");
        assertEquals(4, r.groupCount());
        assertEquals(List.of("_sep", "__connid", "alt_user", "host"), List.copyOf(r.groupIndex().keySet()));
        assertEquals(Map.of("_sep", 1, "__connid", 2, "alt_user", 3, "host", 4), r.pyGroupIndex());
        Matcher m = r.matcher(":42h");
        assertTrue(m.find());
        assertEquals(":", m.group(r.groupIndex("_sep")));
        assertEquals("42", m.group(r.groupIndex("__connid")));
        assertNull(m.group(r.groupIndex("alt_user")));
        assertEquals("h", m.group("host"));
        assertEquals(-1, r.groupIndex("nope"));
        assertFalse(r.hasGroup("nope"));
        assertTrue(r.hasDirectGroups());
    }

    @Test
    void conditionalMarkersShiftJavaNumbersButNotPythonOnes() {
        CompiledRegex r = PyRegex.compile("(?P<q>\")?(?P<w>\\w+)(?(q)\")");
        assertEquals(2, r.groupCount());
        assertEquals(1, r.javaGroup(1));
        assertEquals(3, r.javaGroup(2));
        RegexMatch m = r.search("say: \"hi\"", 5).orElseThrow();
        assertEquals("\"hi\"", m.group());
        assertEquals(Arrays.asList("\"", "hi"), m.groups());
        assertEquals("hi", r.search("say: hi\"", 5).orElseThrow().group());
        assertEquals("hi", r.search("say: \"hi", 5).orElseThrow().group());
        assertThrows(IndexOutOfBoundsException.class, () -> r.javaGroup(3));
    }

    @Test
    void matchSnapshotSpeaksPython() {
        CompiledRegex r = PyRegex.compile("(?P<a>x)(y)?");
        RegexMatch m = r.search("zx").orElseThrow();
        assertEquals(1, m.start());
        assertEquals(2, m.end());
        assertEquals("x", m.group("a"));
        assertNull(m.group(2));
        assertEquals(-1, m.start(2));
        assertEquals(-1, m.end(2));
        assertEquals(new RegexMatch.Span(1, 2), m.span());
        assertEquals(new RegexMatch.Span(1, 2), m.span("a"));
        assertEquals(RegexMatch.Span.NONE, m.span(2));
        Map<String, String> dict = new LinkedHashMap<>();
        dict.put("a", "x");
        assertEquals(dict, m.groupdict());
        assertEquals(Arrays.asList("x", null), m.groups());
        assertEquals("<re.Match object; span=(1, 2), match='x'>", m.toString());
        assertEquals("zx", m.string());
        assertThrows(IllegalArgumentException.class, () -> m.group("b"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.group(3));
    }

    @Test
    void searchFromAPositionSeesTheTextBeforeIt() {
        assertTrue(PyRegex.compile("^b").search("ab", 1).isEmpty());
        assertEquals(1, PyRegex.compile("(?<=a)b").search("ab", 1).orElseThrow().start());
        assertEquals(1, PyRegex.compile("b").match("ab", 1).orElseThrow().start());
        assertTrue(PyRegex.compile("^b").match("ab", 1).isEmpty());
        assertEquals(3, PyRegex.compile("").search("abc", 10).orElseThrow().start());
        assertEquals(0, PyRegex.compile("a").search("abc", -5).orElseThrow().start());
    }

    @Test
    void matchAndFullmatch() {
        CompiledRegex r = PyRegex.compile("a|ab");
        assertEquals("a", r.match("abc").orElseThrow().group());
        assertEquals("ab", r.fullmatch("ab").orElseThrow().group());
        assertTrue(r.fullmatch("abc").isEmpty());
        assertTrue(r.match("ca").isEmpty());
    }

    @Test
    void hotPathReusesOneMatcher() {
        CompiledRegex r = PyRegex.compile("from (?P<ip4>\\d+\\.\\d+\\.\\d+\\.\\d+)");
        Matcher m = r.matcher("");
        int ip = r.groupIndex("ip4");
        for (String line : List.of("x from 192.0.2.1", "y from 192.0.2.2")) {
            m.reset(line);
            assertTrue(m.find());
            assertEquals(line.substring(line.indexOf("192")), m.group(ip));
            assertEquals(m.group(ip), r.group(m, "ip4"));
            assertEquals(r.toMatch(m, line).group(1), r.group(m, 1));
        }
        assertThrows(IllegalArgumentException.class,
                () -> PyRegex.compile("x").toMatch(PyRegex.compile("x").matcher("x"), "x"));
    }

    @Test
    void groupsInsideNegativeLookaroundsNeverTakePart() {
        CompiledRegex r = PyRegex.compile("(?:(?!(a)b).)*");
        assertFalse(r.hasDirectGroups());
        assertEquals(-1, r.javaGroup(1));
        RegexMatch m = r.match("acab").orElseThrow();
        assertEquals("ac", m.group());
        assertNull(m.group(1));
        Matcher jm = r.matcher("acab");
        assertTrue(jm.lookingAt());
        assertNull(r.group(jm, 1));
        assertEquals(-1, r.start(jm, 1));
    }

    @Test
    void groupsInsidePositiveLookaroundsAreGuarded() {
        CompiledRegex r = PyRegex.compile("(?:(?=(a))ax|ab)");
        assertFalse(r.hasDirectGroups());
        assertNull(r.search("ab").orElseThrow().group(1));
        assertEquals("a", r.search("ax").orElseThrow().group(1));
        CompiledRegex backref = PyRegex.compile("(?=(a+))a*b\\1");
        RegexMatch m = backref.search("baaabac").orElseThrow();
        assertEquals(3, m.start());
        assertEquals(6, m.end());
        assertEquals("a", m.group(1));
        assertTrue(backref.search("aaab a").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "(?:(?=(a)|b)x);group 1 inside a look-around",
        "(?:(?>(a))x)*;group 1 inside a look-around",
        "(?:(a)?)++;group 1 inside a look-around",
        "(?=(?P<n>a))*;group 1 ('n') inside a look-around",
    })
    void inexactCapturesInsideSealedConstructsAreRefused(String pattern, String start) {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> PyRegex.compile(pattern));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertEquals(pattern, e.pattern());
    }

    @Test
    void flagsAreValidated() {
        assertEquals("cannot use LOCALE flag with a str pattern in 'a'",
                assertThrows(RegexSyntaxException.class, () -> PyRegex.compile("a", PyFlags.LOCALE)).getMessage());
        assertEquals("ASCII and UNICODE flags are incompatible", assertThrows(RegexSyntaxException.class,
                () -> PyRegex.compile("a", PyFlags.ASCII | PyFlags.UNICODE)).pythonMessage());
        assertThrows(RegexSyntaxException.class, () -> PyRegex.compile("a", 1 << 12));
        assertEquals(PyFlags.UNICODE | PyFlags.IGNORECASE, PyRegex.compile("(?i)a").flags());
        assertEquals(PyFlags.ASCII, PyRegex.compile("(?a)a").flags());
        assertEquals("aimsux", PyFlags.letters(PyFlags.ASCII | PyFlags.IGNORECASE | PyFlags.MULTILINE
                | PyFlags.DOTALL | PyFlags.UNICODE | PyFlags.VERBOSE));
    }

    @Test
    void syntaxErrorsCarryPatternPositionAndReason() {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> PyRegex.compile("ab(c"));
        assertEquals("ab(c", e.pattern());
        assertEquals(2, e.position());
        assertEquals("missing ), unterminated subpattern", e.reason());
        assertEquals("missing ), unterminated subpattern at position 2", e.pythonMessage());
        assertEquals("missing ), unterminated subpattern at position 2 in 'ab(c'", e.getMessage());
        e = assertThrows(RegexSyntaxException.class, () -> PyRegex.compile("a\n("));
        assertEquals("missing ), unterminated subpattern at position 2 (line 2, column 1)", e.pythonMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void escapeIsPythons() {
        assertEquals("a\\.b\\*c\\ d\\\t\\-_\\~\\#\\&/:\u00e9", PyRegex.escape("a.b*c d\t-_~#&/:\u00e9"));
        String text = "[x] (y) {z} a+b? c|d ^$\\";
        assertEquals(text, PyRegex.compile(PyRegex.escape(text)).fullmatch(text).orElseThrow().group());
    }

    @Test
    void toStringLooksLikePython() {
        assertEquals("re.compile('a\\\\d')", PyRegex.compile("a\\d").toString());
        assertEquals("re.compile('a', 34)", PyRegex.compile("a", PyFlags.IGNORECASE).toString());
        assertEquals("a\\d", PyRegex.compile("a\\d").source());
    }
}
