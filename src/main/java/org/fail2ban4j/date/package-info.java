/**
 * Finds and parses the timestamp in a log line (port of upstream's {@code strptime.py}, {@code datetemplate.py}
 * and {@code datedetector.py}).
 *
 * <p>{@link org.fail2ban4j.date.DefaultDateTemplates} (one per process, owning the injected clock and zone) makes
 * the templates: {@link org.fail2ban4j.date.PatternDateTemplate} for strptime-like {@code datepattern}s
 * ({@link org.fail2ban4j.date.StrptimePattern}), {@link org.fail2ban4j.date.EpochDateTemplate} and
 * {@link org.fail2ban4j.date.Tai64nDateTemplate}. A {@link org.fail2ban4j.date.DateDetector} per filter ranks
 * them and returns a {@link org.fail2ban4j.date.TemplateMatch} / {@link org.fail2ban4j.date.DateMatch}.
 * Date regexes keep upstream's Python text and are compiled in one place ({@code DateRegex}).
 *
 * <p>Allowed dependencies: regex, time.
 */
package org.fail2ban4j.date;
