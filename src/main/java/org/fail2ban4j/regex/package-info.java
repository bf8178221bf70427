/**
 * Python-re syntax and semantics on top of java.util.regex.
 *
 * <p>{@link org.fail2ban4j.regex.PyRegex#compile(String, int)} parses a pattern with Python 3.11's grammar and
 * errors ({@link org.fail2ban4j.regex.RegexSyntaxException}), rewrites it for {@code java.util.regex} and returns
 * an immutable {@link org.fail2ban4j.regex.CompiledRegex} that maps Python group numbers and names to Java ones;
 * matches come back as {@link org.fail2ban4j.regex.RegexMatch} in Python numbering.
 * {@link org.fail2ban4j.regex.BudgetedText} bounds the work of one match. The few constructs that cannot be
 * reproduced exactly are refused, never changed silently.
 *
 * <p>Allowed dependencies: none.
 */
package org.fail2ban4j.regex;
