package org.fail2ban4j.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values from upstream's 1.1.1 helpers run in Python, including misctestcase.py's cases. */
class WordsTest {

    static Stream<Arguments> words() {
        return Stream.of(
            Arguments.of("", List.of(), List.of()),
            Arguments.of("  ", List.of(), List.of()),
            Arguments.of("1", List.of("1"), List.of("1")),
            Arguments.of(" 1 2 ", List.of("1", "2"), List.of("1", "2")),
            Arguments.of(" 1, 2 , ", List.of("1", "2"), List.of("1", "2")),
            Arguments.of(" 1\n  2", List.of("1", "2"), List.of("1", "2")),
            Arguments.of(" 1\n  2, 3", List.of("1", "2", "3"), List.of("1", "2", "3")),
            Arguments.of("\t1\t  2,\r\n 3\n", List.of("1", "2", "3"), List.of("1", "2", "3")),
            Arguments.of("a,,b;c", List.of("a", "b;c"), List.of("a", "b;c")),
            Arguments.of("\u00a0x\u00a0", List.of("x"), List.of("x")),
            Arguments.of("a#b c ;d", List.of("a#b", "c", ";d"), List.of("a#b", "c")),
            Arguments.of("\n\t\t\t# comment ...\n\t\t\t; comment ...\n\t\t\tline1 A # comment ...\n\t\t\tline2 B ; comment ...\n\t\t", List.of("#", "comment", "...", ";", "comment", "...", "line1", "A", "#", "comment", "...", "line2", "B", ";", "comment", "..."), List.of("line1", "A", "line2", "B"))
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("words")
    void splitwordsMatchesPython(String text, List<String> plain, List<String> withoutComments) {
        assertEquals(plain, Words.splitwords(text));
        assertEquals(withoutComments, Words.splitwords(text, true));
        assertEquals(withoutComments, Words.splitwords(Words.removeComments(text)));
    }

    static Stream<Arguments> comments() {
        return Stream.of(
            Arguments.of("\n\t\t\t# comment ...\n\t\t\t; comment ...\n\t\t\tline1 A # comment ...\n\t\t\tline2 B ; comment ...\n\t\t", "\n\t\t\n\t\t\n\t\t\tline1 A\n\t\t\tline2 B\n\t\t"),
            Arguments.of("a#b", "a#b"),
            Arguments.of("a #b", "a"),
            Arguments.of("#x\ny", "\ny"),
            Arguments.of("x ;y\n;z\nw", "x\nw"),
            Arguments.of("no comment", "no comment")
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("comments")
    void removeCommentsMatchesPython(String text, String expected) {
        assertEquals(expected, Words.removeComments(text));
    }

    @Test
    void nullGivesEmptyList() {
        assertEquals(List.of(), Words.splitwords(null));
        assertEquals(List.of(), Words.splitwords(null, true));
    }
}
