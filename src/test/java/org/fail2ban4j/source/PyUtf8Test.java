package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyUtf8Test {

    /** Expected code points from Python 3: {@code bytes.fromhex(h).decode('utf-8', 'replace')}. */
    @ParameterizedTest
    @CsvSource({
        "61e28262, 61 fffd 62, false",
        "f09f98, fffd, false",
        "eda08078, fffd fffd fffd 78, false",
        "c0af7a, fffd fffd 7a, false",
        "f58080, fffd fffd fffd, false",
        "fffe, fffd fffd, false",
        "e228a1, fffd 28 fffd, false",
        "f0808080, fffd fffd fffd fffd, false",
        "f4908080, fffd fffd fffd fffd, false",
        "c3a9e282acf09f9880, e9 20ac 1f600, true",
        "efbfbd, fffd, true",
        "'', '', true",
    })
    void decodesAsPythonReplace(String hex, String codePoints, boolean valid) {
        byte[] b = HexFormat.of().parseHex(hex);
        String got = PyUtf8.decodeReplacing(b, 0, b.length);
        assertEquals(codePoints, got.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining(" ")));
        assertEquals(valid, PyUtf8.isValid(b, 0, b.length));
        if (valid) {
            assertEquals(new String(b, StandardCharsets.UTF_8), got);
        }
    }
}
