/**
 * The fail2ban-regex tool: tests a filter, a jail's filter or a regex against a log and prints upstream's report
 * ({@link org.fail2ban4j.regextool.RegexTool}), with upstream's command line
 * ({@link org.fail2ban4j.regextool.RegexToolOptions}).
 *
 * <p>Allowed dependencies: config.reader, config.model, filter, date, source, regex, net, time.
 */
package org.fail2ban4j.regextool;
