/**
 * Failure counting, ban bookkeeping and ban-time math, without I/O.
 *
 * <p>Allowed dependencies: net, time, expr.
 */
package org.fail2ban4j.ban;
