package org.fail2ban4j.source;

/**
 * Where a source has read up to, in the form that is stored between runs (upstream's {@code logs} table): a
 * {@link FilePosition} or a {@link JournalPosition}.
 */
public sealed interface SourcePosition permits FilePosition, JournalPosition {

    /** The stored source id: the log path, or {@code systemd-journal}. */
    String sourceId();
}
