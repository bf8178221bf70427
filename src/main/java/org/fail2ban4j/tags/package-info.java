/**
 * Tag substitution and the name[k=v] option syntax.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.tags;
