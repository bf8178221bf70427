/**
 * Turns bans into commands.
 *
 * <p>{@link org.fail2ban4j.action.Action} is what a jail drives; {@link org.fail2ban4j.action.CommandAction} runs
 * the shell commands of an {@code action.d/*.conf} action with the values of a
 * {@link org.fail2ban4j.action.BanInfo}. What the package needs from a ticket and a jail comes through
 * {@link org.fail2ban4j.action.BanSubject} and {@link org.fail2ban4j.action.JailContext}.
 *
 * <p>Allowed dependencies: tags, ban, net, time, exec, config.model, expr.
 */
package org.fail2ban4j.action;
