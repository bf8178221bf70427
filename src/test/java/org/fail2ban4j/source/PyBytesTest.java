package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyBytesTest {

    /** Expected texts from Python 3's {@code repr(bytes.fromhex(h))}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "616263|b'abc'",
        "''|b''",
        "69742773|b\"it's\"",
        "27 22|b'\\'\"'",
        "00ff0a0d09|b'\\x00\\xff\\n\\r\\t'",
        "5c|b'\\\\'",
        "7f20|b'\\x7f '",
    })
    void reprAsPython(String hex, String repr) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertEquals(repr, PyBytes.repr(b));
    }
}
