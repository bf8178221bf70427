/**
 * IP addresses, subnets, failure ids, ignore lists and DNS (port of {@code fail2ban/server/ipdns.py} and the
 * ignore list of {@code fail2ban/server/filter.py}).
 *
 * <p>Main types: {@link org.fail2ban4j.net.IpAddress} (value object), {@link org.fail2ban4j.net.IpAddressSet},
 * {@link org.fail2ban4j.net.IgnoreList}, the {@link org.fail2ban4j.net.DnsResolver} port with its adapters
 * {@link org.fail2ban4j.net.SystemDnsResolver} and {@link org.fail2ban4j.net.CachingDnsResolver}, and
 * {@link org.fail2ban4j.net.UseDns}.
 *
 * <p>Allowed dependencies: time.
 */
package org.fail2ban4j.net;
