package org.fail2ban4j.source;

import java.time.Instant;
import java.util.Objects;

/**
 * The read position of the journal: the last entry delivered. Upstream stores only the time and its ISO text
 * ({@code Fail2BanDb.updateJournal}); the cursor lets a restart continue exactly after that entry.
 *
 * @param time the time of the last entry delivered
 * @param isoTime that time as upstream's ISO text
 * @param cursor the journal cursor of that entry
 */
public record JournalPosition(Instant time, String isoTime, String cursor) implements SourcePosition {

    /** Checks that no component is null. */
    public JournalPosition {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(isoTime, "isoTime");
        Objects.requireNonNull(cursor, "cursor");
    }

    @Override
    public String sourceId() {
        return JournalLine.SOURCE_ID;
    }
}
