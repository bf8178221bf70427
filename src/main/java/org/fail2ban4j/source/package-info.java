/**
 * Delivers log lines from files or the journal.
 *
 * <p>Allowed dependencies: time.
 */
package org.fail2ban4j.source;
