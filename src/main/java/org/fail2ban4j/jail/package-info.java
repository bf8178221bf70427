/**
 * A running jail: wires one source to the matcher, the counter and the actions.
 *
 * <p>Allowed dependencies: source, filter, date, ban, action, persist, exec, config.model, net, time.
 */
package org.fail2ban4j.jail;
