/**
 * Durable bans and read positions.
 *
 * <p>Allowed dependencies: ban, net, time.
 */
package org.fail2ban4j.persist;
