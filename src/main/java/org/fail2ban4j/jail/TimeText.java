package org.fail2ban4j.jail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Port of {@code fail2ban/server/mytime.py:MyTime.time2str}: a time as local {@code YYYY-MM-DD HH:MM:SS}, seconds
 * cut; times from the end of year 9999 on (permanent bans) show as {@code 9999-12-31 23:59:59}.
 */
final class TimeText {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Upstream's limit ({@code 253402214400}, the end of 9999 in GMT+23). */
    private static final long END_OF_TIME = 253402214400L;
    private static final String MAX_TEXT = "9999-12-31 23:59:59";

    private TimeText() {
    }

    /** The local time text of {@code time} in {@code zone}. */
    static String time2str(Instant time, ZoneId zone) {
        if (time.getEpochSecond() >= END_OF_TIME) {
            return MAX_TEXT;
        }
        return FORMAT.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(time.getEpochSecond()), zone));
    }
}
