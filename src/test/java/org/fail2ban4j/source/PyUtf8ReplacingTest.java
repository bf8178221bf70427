package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PyUtf8} against Python's {@code bytes.decode('utf-8', 'replace')} (values recorded from Python 3.11). */
class PyUtf8ReplacingTest {

    @ParameterizedTest
    @CsvSource({
        "616263, abc",
        "fffe6162, \uFFFD\uFFFDab",
        "e282, \uFFFD",
        "e282ac, \u20AC",
        "f0808078, \uFFFD\uFFFD\uFFFDx",
        "eda080, \uFFFD\uFFFD\uFFFD",
        "ed9fbf, \uD7FF",
        "c0af, \uFFFD\uFFFD",
        "f4908080, \uFFFD\uFFFD\uFFFD\uFFFD",
        "f09f9880, \uD83D\uDE00",
        "61c3, a\uFFFD",
        "e09f80, \uFFFD\uFFFD\uFFFD",
        "f18080, \uFFFD",
        "8080, \uFFFD\uFFFD",
    })
    void replacesAsPython(String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertEquals(expected, PyUtf8.decodeReplacing(b, 0, b.length));
    }
}
