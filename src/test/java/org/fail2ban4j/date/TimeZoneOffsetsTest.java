package org.fail2ban4j.date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZoneOffsetsTest {

    @ParameterizedTest
    @CsvSource({
        "UTC, 0", "GMT, 0", "Z, 0", "'', 0", "UTC+0300, 180", "UTC-0430, -270", "GMT+12, 720", "+0100, 60",
        "-04:30, -270", "CET, 60", "CEST, 120", "CEST-01, 60", "CET+01, 120", "CET+0130, 150", "NPT, 345",
        "NST, -210", "A, 60", "Y, -720", "EST+1959, 899",
    })
    void offsets(String tz, int minutes) {
        assertEquals(minutes, TimeZoneOffsets.offsetMinutes(tz));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WRONG-TZ", "not-a-time-zone", "XYZ", "GMT+2", "UTC+2400", "utc", "Europe/Paris", "ChST"})
    void unsupported(String tz) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeZoneOffsets.offsetMinutes(tz));
        assertEquals("Unknown or unsupported time zone: '" + tz + "'", e.getMessage());
    }
}
