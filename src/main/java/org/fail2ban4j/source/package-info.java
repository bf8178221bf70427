/**
 * Delivers log lines from files or the journal.
 *
 * <p>Allowed dependencies: time, expr.
 *
 * <p>A jail's filter reads through the {@link org.fail2ban4j.source.LogSource} port: files through a
 * {@link org.fail2ban4j.source.FileLogSource} ({@link org.fail2ban4j.source.PollingFileSource} for backend
 * {@code polling}, {@link org.fail2ban4j.source.WatchServiceFileSource} for {@code pyinotify}), each file followed
 * by a {@link org.fail2ban4j.source.FileTail}; the journal through a {@link org.fail2ban4j.source.JournalSource}
 * ({@code systemd}, a {@code journalctl -o json} subprocess). {@link org.fail2ban4j.source.LogSourceFactories}
 * chooses the backend as upstream's {@code Jail._setBackend}. {@link org.fail2ban4j.source.JournalReader} reads a
 * journal once from its start, for {@code fail2ban-regex systemd-journal[...]}. Matching lines is the filter
 * package's job.
 */
package org.fail2ban4j.source;
