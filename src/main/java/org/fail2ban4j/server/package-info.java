/**
 * The daemon: lifecycle, control socket, typed command handling.
 *
 * <p>Allowed dependencies: jail, protocol, config.model, persist, logging, exec, time.
 */
package org.fail2ban4j.server;
