/**
 * Reads an etc dir into models and into the upstream command stream.
 *
 * <p>Allowed dependencies: config.ini, config.model, tags, time, net, protocol.
 */
package org.fail2ban4j.config.reader;
