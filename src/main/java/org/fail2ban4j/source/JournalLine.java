package org.fail2ban4j.source;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry read from the systemd journal, formatted as upstream's
 * {@code fail2ban/server/filtersystemd.py:FilterSystemd.formatJournalEntry} does.
 *
 * @param text the syslog-style line ({@code host ident[pid]: message}), newlines in it written as {@code \n}
 * @param isoTime the entry time as upstream's {@code datetime.isoformat()} writes it (local offset, microseconds
 *     only when not zero), e.g. {@code 2005-08-14T12:00:00.500000+02:00}; upstream keeps it as the date part of
 *     the line tuple and as the journal position text in its database
 * @param time the entry time ({@code _SOURCE_REALTIME_TIMESTAMP}, else {@code __REALTIME_TIMESTAMP})
 * @param cursor the entry's {@code __CURSOR}
 * @param inOperation whether the entry is new (read after the journal's last entry at start)
 */
public record JournalLine(String text, String isoTime, Instant time, String cursor, boolean inOperation)
        implements LogLine {

    /** The source id upstream uses for the journal (the {@code path} of its database row). */
    public static final String SOURCE_ID = "systemd-journal";

    /** Checks that no component is null. */
    public JournalLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(isoTime, "isoTime");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cursor, "cursor");
    }

    @Override
    public String sourceId() {
        return SOURCE_ID;
    }

    /** The entry time in epoch seconds with microseconds, as upstream's {@code datetime.timestamp()}. */
    public double epochSeconds() {
        return time.getEpochSecond() + time.getNano() / 1_000_000_000.0;
    }
}
