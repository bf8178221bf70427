/**
 * Composition roots: argv, wiring, exit codes.
 *
 * <p>Allowed dependencies: everything.
 */
package org.fail2ban4j.cli;
