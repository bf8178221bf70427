/**
 * A running jail: wires one log source to the matcher, the failure counter, the ban queue and the actions.
 *
 * <p>Allowed dependencies: source, filter, date, ban, action, persist, exec, config.model, net, time, expr, regex,
 * tags, logging.
 *
 * <p>{@link org.fail2ban4j.jail.Jail} holds the parts of one jail and every option of the server's
 * {@code set <jail> ...} commands; {@link org.fail2ban4j.jail.Jails} is the server's set of jails. Each jail has
 * two workers, as upstream's threads: the {@link org.fail2ban4j.jail.FilterWorker} ({@code f2b/f.<jail>}: lines
 * to failures to tickets, ignore rules, {@code maxretry}) and the {@link org.fail2ban4j.jail.ActionWorker}
 * ({@code f2b/a.<jail>}: tickets to bans, actions, database, unbans). Both can also be driven step by step with
 * {@code runOnce()} and an injected clock. {@link org.fail2ban4j.jail.JailStatus} is the data of
 * {@code status <jail>}; {@link org.fail2ban4j.jail.DatabasePurger} purges the database hourly
 * ({@code f2b/observer}). What the collaborators are comes in one {@link org.fail2ban4j.jail.JailEnvironment}.
 *
 * <p>Log lines keep upstream's texts and loggers ({@code fail2ban.filter}: {@code [<jail>] Found <ip> - <time>},
 * {@code [<jail>] Ignore <ip> by <source>}; {@code fail2ban.actions} at NOTICE: {@code [<jail>] Ban <ip>},
 * {@code [<jail>] Unban <ip>}, {@code [<jail>] Restore Ban <ip>}, {@code [<jail>] <ip> already banned}), since
 * {@code filter.d/recidive.conf} and admins' scripts read them.
 */
package org.fail2ban4j.jail;
