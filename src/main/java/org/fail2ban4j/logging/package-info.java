/**
 * fail2ban-compatible operational log output: upstream's line format, level names and numbers, log targets and
 * their run-time control, behind slf4j.
 *
 * <p>Call sites use the slf4j API with upstream's logger names ({@link org.fail2ban4j.logging.F2bLoggers}) and, for
 * the levels slf4j lacks, markers named after them ({@code NOTICE}, {@code MSG}, {@code CRITICAL}, {@code #09-Lev.};
 * see {@link org.fail2ban4j.logging.F2bLevel} and {@link org.fail2ban4j.logging.LogLevel}).
 * {@link org.fail2ban4j.logging.F2bServiceProvider} is the slf4j provider; the composition root configures it with
 * {@link org.fail2ban4j.logging.Logging} (target, level, syslog socket, flushlogs), which writes through a
 * {@link org.fail2ban4j.logging.LogTarget} with a {@link org.fail2ban4j.logging.LogLineFormat}.
 *
 * <p>Allowed dependencies: none (slf4j API; jnr-unixsocket for the datagram sockets of SYSLOG and SYSTEMD-JOURNAL).
 */
package org.fail2ban4j.logging;
