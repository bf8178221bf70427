/**
 * Finds and parses the timestamp in a log line.
 *
 * <p>Allowed dependencies: regex, time.
 */
package org.fail2ban4j.date;
