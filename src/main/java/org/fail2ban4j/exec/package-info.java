/**
 * Runs external commands safely.
 *
 * <p>{@link org.fail2ban4j.exec.CommandRunner} is the port; {@link org.fail2ban4j.exec.ProcessCommandRunner} runs
 * {@code /bin/sh -c script args...} in its own process group (jnr-posix), kills the whole group on timeout, and
 * logs as upstream's {@code fail2ban.utils}.
 *
 * <p>Allowed dependencies: time, expr.
 */
package org.fail2ban4j.exec;
