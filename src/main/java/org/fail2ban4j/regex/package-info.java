/**
 * Python-re syntax and semantics on top of java.util.regex.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.regex;
