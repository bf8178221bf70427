/**
 * The fail2ban-regex tool.
 *
 * <p>Allowed dependencies: config.reader, config.model, filter, date, source, regex, net, time.
 */
package org.fail2ban4j.regextool;
