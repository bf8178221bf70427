package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fail2ban4j.regex.PyStrings;
import org.fail2ban4j.tags.Words;
import org.junit.jupiter.api.Test;

/** Python's {@code repr(str)} and upstream's {@code splitwords(..., ignoreComments=True)}, checked with Python. */
class TextHelpersTest {

    @Test
    void reprAsPython() {
        assertEquals("'abc'", PyStrings.repr("abc"));
        assertEquals("\"it's\"", PyStrings.repr("it's"));
        assertEquals("'a\"b\\'c'", PyStrings.repr("a\"b'c"));
        assertEquals("'tab\\there\\n'", PyStrings.repr("tab\there\n"));
        assertEquals("'\\x00\\x7f'", PyStrings.repr("\u0000\u007f"));
        assertEquals("'\u00e9'", PyStrings.repr("\u00e9"));
        assertEquals("'\\u2028'", PyStrings.repr("\u2028"));
        assertEquals("'\\x85'", PyStrings.repr("\u0085"));
        assertEquals("'\\xa0'", PyStrings.repr("\u00a0"));
        assertEquals("'\ud83d\ude00'", PyStrings.repr("\ud83d\ude00"));
        assertEquals("'\\U000e0001'", PyStrings.repr(new String(Character.toChars(0xE0001))));
        assertEquals("'back\\\\slash'", PyStrings.repr("back\\slash"));
    }

    @Test
    void splitWordsWithoutComments() {
        assertEquals(List.of("a", "b", "d;e", "f#g", "h", "i", "l"),
                Words.splitwords("a, b ;c\n# x y\nd;e f#g\n  h,,i ; j\n\t;k\nl\t#m", true));
        assertEquals(List.of(), Words.splitwords("", true));
        assertEquals(List.of(), Words.splitwords(" ,\n", true));
    }
}
