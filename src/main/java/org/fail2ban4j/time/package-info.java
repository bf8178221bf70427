/**
 * Turns duration text into values and back, fail2ban style.
 *
 * <p>Allowed dependencies: expr.
 */
package org.fail2ban4j.time;
