package org.fail2ban4j.source;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds the time of a log line, for {@link FileTail#seekToTime}. The jail passes its date detector here; the
 * source package itself knows no date formats.
 */
@FunctionalInterface
public interface LineDater {

    /**
     * @param line a decoded line without its line end
     * @return the time written in the line, or empty when the line has no recognisable date
     */
    Optional<Instant> timeOf(String line);
}
