/**
 * Python-configparser-compatible INI reading with fail2ban's layering.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.config.ini;
