/**
 * Talks to a server and prints what it says.
 *
 * <p>Allowed dependencies: protocol, config.reader, config.model, logging, time.
 */
package org.fail2ban4j.client;
