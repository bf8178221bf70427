package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's {@code repr(str)} and upstream's {@code splitwords(..., ignoreComments=True)}, checked with Python. */
class PyTextTest {

    @Test
    void reprAsPython() {
        assertEquals("'abc'", PyText.repr("abc"));
        assertEquals("\"it's\"", PyText.repr("it's"));
        assertEquals("'a\"b\\'c'", PyText.repr("a\"b'c"));
        assertEquals("'tab\\there\\n'", PyText.repr("tab\there\n"));
        assertEquals("'\\x00\\x7f'", PyText.repr("\u0000\u007f"));
        assertEquals("'\u00e9'", PyText.repr("\u00e9"));
        assertEquals("'\\u2028'", PyText.repr("\u2028"));
        assertEquals("'\\x85'", PyText.repr("\u0085"));
        assertEquals("'\\xa0'", PyText.repr("\u00a0"));
        assertEquals("'\ud83d\ude00'", PyText.repr("\ud83d\ude00"));
        assertEquals("'\\U000e0001'", PyText.repr(new String(Character.toChars(0xE0001))));
        assertEquals("'back\\\\slash'", PyText.repr("back\\slash"));
    }

    @Test
    void splitWordsWithoutComments() {
        assertEquals(List.of("a", "b", "d;e", "f#g", "h", "i", "l"),
                PyText.splitWordsWithoutComments("a, b ;c\n# x y\nd;e f#g\n  h,,i ; j\n\t;k\nl\t#m"));
        assertEquals(List.of(), PyText.splitWordsWithoutComments(""));
        assertEquals(List.of(), PyText.splitWordsWithoutComments(" ,\n"));
    }
}
