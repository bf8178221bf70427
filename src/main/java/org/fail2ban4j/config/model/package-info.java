/**
 * Immutable records of the resolved configuration.
 *
 * <p>Allowed dependencies: time, net.
 */
package org.fail2ban4j.config.model;
