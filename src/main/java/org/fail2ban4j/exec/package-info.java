/**
 * Runs external commands safely.
 *
 * <p>Allowed dependencies: time.
 */
package org.fail2ban4j.exec;
