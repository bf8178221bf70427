package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream's {@code Filter.setUseDns} behaviour ({@code testGetSetUseDns}-like cases). */
class UseDnsTest {

    @ParameterizedTest
    @CsvSource({
        "yes, YES, true, true, -1",
        "WARN, WARN, true, true, -1",
        "No, NO, false, false, -1",
        "raw, RAW, false, true, -2",
    })
    void modes(String text, UseDns mode, boolean resolves, boolean hostMatchesNames, int cidr) {
        assertEquals(mode, UseDns.parse(text));
        assertEquals(mode, UseDns.fromSetting(text));
        assertEquals(resolves, mode.resolvesNames());
        assertEquals(hostMatchesNames, mode.hostTagMatchesNames());
        assertEquals(cidr, mode.defaultCidr());
        assertEquals(text.toLowerCase(java.util.Locale.ROOT), mode.value());
    }

    @Test
    void wrongValueFallsBackToNo() {
        assertEquals(UseDns.NO, UseDns.fromSetting("wrong_value_for_useDns"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UseDns.parse("maybe"));
        assertEquals("Incorrect value 'maybe' specified for usedns, expected one of yes, warn, no, raw",
                e.getMessage());
    }

    @Test
    void booleans() {
        assertEquals(UseDns.YES, UseDns.of(true));
        assertEquals(UseDns.NO, UseDns.of(false));
    }
}
