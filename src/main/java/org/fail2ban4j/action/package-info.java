/**
 * Turns bans into commands.
 *
 * <p>Allowed dependencies: tags, ban, net, time, exec, config.model.
 */
package org.fail2ban4j.action;
