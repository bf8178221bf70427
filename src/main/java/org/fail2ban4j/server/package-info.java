/**
 * The daemon: lifecycle, control socket, typed command handling.
 *
 * <p>Allowed dependencies: jail, protocol, config.model, persist, logging, exec, time.
 *
 * <p>{@link org.fail2ban4j.server.Server} owns the jails, the database (with its hourly purge) and the log setup, and
 * runs until {@code stop} or a signal; {@link org.fail2ban4j.server.ControlSocketServer} is the unix socket (one
 * thread per connection, upstream's framing and error replies); {@link org.fail2ban4j.server.ControlCommandHandler}
 * carries out each parsed {@link org.fail2ban4j.protocol.ControlCommand} with upstream's replies. The server never
 * reads configuration files: the composition root ({@code cli.Fail2banServerMain}) reads them and applies the
 * resulting command stream, as upstream's {@code fail2ban-server} does without {@code --async}.
 */
package org.fail2ban4j.server;
