/**
 * The client-server wire format and typed control commands.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.protocol;
