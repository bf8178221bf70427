/**
 * Failure counting, ban bookkeeping and ban-time math, without I/O (port of {@code fail2ban/server/ticket.py},
 * {@code failmanager.py}, {@code banmanager.py} and the ban-time increment of {@code observer.py} and
 * {@code jail.py}).
 *
 * <p>Main types: the tickets {@link org.fail2ban4j.ban.FailTicket} and {@link org.fail2ban4j.ban.BanTicket};
 * {@link org.fail2ban4j.ban.FailureCounter} (find time window, {@code maxretry}, {@code maxmatches}) and
 * {@link org.fail2ban4j.ban.BanList} (active bans), the only two shared mutable objects, both internally locked;
 * {@link org.fail2ban4j.ban.BanTime} (finite or permanent), {@link org.fail2ban4j.ban.BanTimePolicy} (the
 * {@code bantime.*} options) and the pure {@link org.fail2ban4j.ban.BanTimeCalculator}; the port
 * {@link org.fail2ban4j.ban.BanHistory} with its {@link org.fail2ban4j.ban.BanRecord}. Time comes in as
 * {@link java.time.Instant} (and an {@link java.time.InstantSource} for {@code BanList}); the wall clock is never
 * read.
 *
 * <p>Allowed dependencies: net, time, expr.
 */
package org.fail2ban4j.ban;
