package org.fail2ban4j.config.reader;

/**
 * Where the readers report what upstream's readers log: the logger name (as upstream's, e.g.
 * {@code fail2ban.jailreader}), a level name (ERROR, WARNING, NOTICE, INFO, DEBUG) and the message.
 */
@FunctionalInterface
public interface ReaderLog {
    void log(String logger, String level, String message);

    /** A log that drops everything. */
    ReaderLog NONE = (l, v, m) -> { };
}
