package org.fail2ban4j.source;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link JournalSource} starts reading.
 *
 * <ul>
 *   <li>{@link #head()}: from the oldest entry (what {@code fail2ban-regex} reads);</li>
 *   <li>{@link #tail()}: only entries dated from now on (the source's clock);</li>
 *   <li>{@link #since(Instant)}: from a time, the entries dated then included;</li>
 *   <li>{@link #after(Instant)}: the entries dated after a time: upstream's {@code FilterSystemd.run} seeks to
 *       the later of the stored journal time and now minus {@code findtime}, then steps back one entry before
 *       reading on, so the entry dated at that time (the last one read, for a stored time) is not read
 *       again;</li>
 *   <li>{@link #afterCursor(String)}: right after a stored cursor.</li>
 * </ul>
 */
public final class JournalStart {

    /** The kinds of start. */
    public enum Kind { HEAD, TAIL, SINCE, AFTER_TIME, AFTER_CURSOR }

    private static final JournalStart HEAD = new JournalStart(Kind.HEAD, null, null);
    private static final JournalStart TAIL = new JournalStart(Kind.TAIL, null, null);

    private final Kind kind;
    private final Instant since;
    private final String cursor;

    private JournalStart(Kind kind, Instant since, String cursor) {
        this.kind = kind;
        this.since = since;
        this.cursor = cursor;
    }

    /** From the oldest entry. */
    public static JournalStart head() {
        return HEAD;
    }

    /** Only entries dated from now on. */
    public static JournalStart tail() {
        return TAIL;
    }

    /** From the first entry at or after {@code time}. */
    public static JournalStart since(Instant time) {
        return new JournalStart(Kind.SINCE, Objects.requireNonNull(time, "time"), null);
    }

    /** The entries dated after {@code time} (to the microsecond, the journal's precision). */
    public static JournalStart after(Instant time) {
        return new JournalStart(Kind.AFTER_TIME, Objects.requireNonNull(time, "time"), null);
    }

    /** From the entry after {@code cursor}. */
    public static JournalStart afterCursor(String cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (cursor.isBlank()) {
            throw new IllegalArgumentException("journal cursor must not be blank");
        }
        return new JournalStart(Kind.AFTER_CURSOR, null, cursor);
    }

    /** The kind of start. */
    public Kind kind() {
        return kind;
    }

    /** The time of a {@link Kind#SINCE} or {@link Kind#AFTER_TIME} start, else {@code null}. */
    Instant time() {
        return since;
    }

    /**
     * The journalctl arguments that position the reader (none for the head and the tail); an
     * {@link Kind#AFTER_TIME} start reads from the time on too, the source drops the entries dated then.
     */
    String[] arguments() {
        switch (kind) {
            case SINCE:
            case AFTER_TIME:
                long s = since.getEpochSecond();
                int us = since.getNano() / 1000;
                return new String[] {"--since=@" + s + (us == 0 ? "" : String.format(".%06d", us))};
            case AFTER_CURSOR:
                return new String[] {"--after-cursor=" + cursor};
            default:
                return new String[0];
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JournalStart)) {
            return false;
        }
        JournalStart j = (JournalStart) o;
        return kind == j.kind && Objects.equals(since, j.since) && Objects.equals(cursor, j.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, since, cursor);
    }

    @Override
    public String toString() {
        switch (kind) {
            case SINCE:
                return "since " + since;
            case AFTER_TIME:
                return "after " + since;
            case AFTER_CURSOR:
                return "after cursor " + cursor;
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
