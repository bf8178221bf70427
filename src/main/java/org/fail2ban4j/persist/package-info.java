/**
 * Durable bans and read positions (port of {@code fail2ban/server/database.py}).
 *
 * <p>Main types: the port {@link org.fail2ban4j.persist.BanStore} (extends {@link org.fail2ban4j.ban.BanHistory})
 * with its queries {@link org.fail2ban4j.persist.BanQuery} and {@link org.fail2ban4j.persist.CurrentBansQuery},
 * and its adapter {@link org.fail2ban4j.persist.SqliteBanStore} on SQLite with upstream's schema version 4 (also
 * for {@code dbfile = :memory:}, an SQLite in-memory database as upstream). The JDBC driver and the JSON library
 * are used only here.
 *
 * <p>Allowed dependencies: ban, net, time.
 */
package org.fail2ban4j.persist;
