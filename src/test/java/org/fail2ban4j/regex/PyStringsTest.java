package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values from Python 3.11. */
class PyStringsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "abc | 'abc'",
        "it's | \"it's\"",
        "it's \"x\" | 'it\\'s \"x\"'",
        "a\\b | 'a\\\\b'",
    })
    void reprQuotesLikePython(String s, String repr) {
        assertEquals(repr, PyStrings.repr(s));
    }

    @Test
    void reprEscapesNonPrintables() {
        assertEquals("'\\t\\n\\r\\x00\\x7f\\x85\\xa0\u00e9\\u2028\\U000e0001\uD83D\uDE00'",
                PyStrings.repr("\t\n\r\u0000\u007f\u0085\u00a0\u00e9\u2028\uDB40\uDC01\uD83D\uDE00"));
        assertEquals("None", PyStrings.repr(null));
    }

    @Test
    void splitlinesLikePython() {
        assertEquals(List.of("a", "b", "", "c", "d", "e"), PyStrings.splitlines("a\nb\r\n\rc\u000bd\u001ce\n", false));
        assertEquals(List.of("a\n", "b\r\n", "c"), PyStrings.splitlines("a\nb\r\nc", true));
        assertEquals(List.of(), PyStrings.splitlines("", false));
        assertEquals(List.of(""), PyStrings.splitlines("\n", false));
    }

    @Test
    void stripUsesPythonWhitespace() {
        assertEquals("a b", PyStrings.strip("\u001c\u3000 a b\t\u0085"));
        assertEquals("a \u200b", PyStrings.lstrip(" a \u200b"));
        assertEquals(" a", PyStrings.rstrip(" a\u2029"));
    }

    @Test
    void translatedSpaceClassIsPythonsIsspace() {
        java.util.regex.Pattern space = java.util.regex.Pattern.compile("[" + JavaEmitter.UNICODE_SPACE + "]");
        java.util.regex.Pattern py = PyRegex.compile("\\s").pattern();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));
            boolean want = PyStrings.isSpace(cp);
            assertEquals(want, space.matcher(s).matches(), "U+" + Integer.toHexString(cp));
            if (cp < 0x3100) {
                assertEquals(want, py.matcher(s).matches(), "\\s on U+" + Integer.toHexString(cp));
            }
        }
    }
}
