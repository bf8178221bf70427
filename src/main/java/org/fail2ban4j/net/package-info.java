/**
 * IP addresses, subnets, failure ids, ignore lists and DNS.
 *
 * <p>Allowed dependencies: time.
 */
package org.fail2ban4j.net;
