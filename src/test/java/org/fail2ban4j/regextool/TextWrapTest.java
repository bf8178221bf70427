package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TextWrap} against Python's {@code textwrap.wrap} (expected values recorded from Python 3.11). */
class TextWrapTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "maxlines for multi-line regex.|10|maxlines¦for multi-¦line¦regex.",
        "journalctl style matches overriding filter file. \"systemd-journal\" only|20|"
                + "journalctl style¦matches overriding¦filter file.¦\"systemd-journal\"¦only",
        "Set token to print failure information only (row, id, ip, msg, host, ip4, ip6, dns, matches, ...)|54|"
                + "Set token to print failure information only (row, id,¦ip, msg, host, ip4, ip6, dns, matches, ...)",
        "averyveryveryverylongwordwithouthyphens and more|12|averyveryver¦yverylongwor¦dwithouthyph¦ens and more",
        "long-hyphenated-word-that-must-break here|9|long-hyph¦enated-¦word-¦that-¦must-¦break¦here",
        "a -- b --c|4|a --¦b¦--c",
        "x|1|x",
    })
    void wrapsAsPython(String text, int width, String expected) {
        assertEquals(List.of(expected.split("¦")), TextWrap.wrap(text, width));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5", "1"})
    void emptyTextHasNoLines(int width) {
        assertEquals(List.of(), TextWrap.wrap("", width));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"8"})
    void tabsAndNewlinesAreSpaces(int width) {
        assertEquals(List.of("tabs", "here and", "newlines"), TextWrap.wrap("tabs\there and\nnewlines", width));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10"})
    void leadingSpacesOfTheFirstLineStay(int width) {
        assertEquals(List.of("  leading", "spaces", "kept"), TextWrap.wrap("  leading spaces kept", width));
    }
}
