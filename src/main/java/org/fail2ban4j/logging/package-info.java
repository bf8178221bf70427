/**
 * fail2ban-compatible operational log output.
 *
 * <p>Allowed dependencies: none (slf4j API only).
 */
package org.fail2ban4j.logging;
