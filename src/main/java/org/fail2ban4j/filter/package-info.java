/**
 * Turns timed lines into failures.
 *
 * <p>Allowed dependencies: regex, date, net, time, tags, exec, config.model.
 */
package org.fail2ban4j.filter;
