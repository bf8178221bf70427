/**
 * Parses and evaluates the subset of Python expressions used in config values.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.expr;
