package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BanTimeTest {

    @Test
    void permanent() {
        assertTrue(BanTime.ofSeconds(-1).isPermanent());
        assertTrue(BanTime.ofSeconds(-1.0).isPermanent());
        assertTrue(BanTime.of((Number) (-1)).isPermanent());
        assertEquals(-1L, BanTime.PERMANENT.toNumber());
        assertEquals("-1", BanTime.PERMANENT.toString());
        assertEquals(EpochSeconds.MAX_TIME, BanTime.PERMANENT.endOf(Instant.EPOCH));
        assertThrows(IllegalStateException.class, BanTime.PERMANENT::toDuration);
        assertTrue(BanTime.PERMANENT.plus(Duration.ofSeconds(5)).isPermanent());
        assertFalse(BanTime.ofSeconds(-2).isPermanent());
    }

    @Test
    void keepsPythonType() {
        assertEquals("600", BanTime.ofSeconds(600).toString());
        assertEquals("600.0", BanTime.ofSeconds(600.0).toString());
        assertEquals(BanTime.ofSeconds(600), BanTime.ofSeconds(600.0));
        assertEquals(BanTime.ofSeconds(600).hashCode(), BanTime.ofSeconds(600.0).hashCode());
        assertEquals("700", BanTime.ofSeconds(600).plus(Duration.ofSeconds(100)).toString());
        assertEquals("700.5", BanTime.ofSeconds(600).plus(Duration.ofMillis(100500)).toString());
        assertEquals("1630.4727", BanTime.of(1630.4727).toString());
        assertEquals(BanTime.ofSeconds(90), BanTime.of(Duration.ofSeconds(90)));
        assertTrue(BanTime.of(Duration.ofMillis(1500)).isFloat());
        assertThrows(IllegalArgumentException.class, () -> BanTime.ofSeconds(Double.NaN));
    }

    @ParameterizedTest
    @CsvSource({"1167605999.0,1167605999,0", "1388009242.259323,1388009242,259322882", "0.5,0,500000000",
        "-0.25,-1,750000000", "1124013600.999999999,1124013601,0"})
    void epochSeconds(double seconds, long epoch, int nanos) {
        Instant i = EpochSeconds.toInstant(seconds);
        assertEquals(Instant.ofEpochSecond(epoch, nanos), i);
        assertEquals(seconds == 1124013600.999999999 ? 1124013601.0 : seconds, EpochSeconds.toDouble(i));
    }

    @ParameterizedTest
    @CsvSource({"0.5,0", "1.5,2", "2.5,2", "2.4999,2", "2.5001,3", "1388009242.259323,1388009242"})
    void roundHalfEven(double seconds, long expected) {
        assertEquals(expected, EpochSeconds.roundHalfEven(EpochSeconds.toInstant(seconds)));
        assertEquals(Math.rint(seconds), (double) EpochSeconds.roundHalfEven(EpochSeconds.toInstant(seconds)));
    }
}
