package org.fail2ban4j.date;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Port of {@code fail2ban/server/datedetector.py:DateDetectorCache} with the template cache
 * {@code DD_patternCache} and {@code _getPatternTemplate}/{@code _getAnchoredTemplate}: fail2ban's default date
 * templates, in upstream's order, and the templates made from {@code datepattern} values.
 *
 * <p>{@link #templates()} lists the line-anchored variant ({@code {^LN-BEG}...}, weight 100) of every default
 * template that is not anchored yet, followed by the 17 default templates themselves. {@link #forPattern(String)}
 * knows the special values {@code EPOCH}, {@code LEPOCH}, {@code TAI64N} (each also with a {@code {^LN-BEG}}
 * or {@code ^} prefix, any case), patterns with {@code {EPOCH}}/{@code {LEPOCH}}, and strptime-like patterns;
 * {@code {NONE}}, {@code {^LN-BEG}}, {@code {DEFAULT}} and {@code {DATE}} are handled by
 * {@link DateDetector#appendTemplate(String)}.
 *
 * <p>One instance is shared by all filters (created at start-up, it owns the clock and zone of the date
 * templates); it is thread-safe. Templates are cached by pattern (at most 1000).
 */
public final class DefaultDateTemplates {

    /** Upstream's {@code DateDetectorCache.DEFAULT_TEMPLATES}, in order. */
    static final List<String> DEFAULT_PATTERNS = List.of(
            // ISO 8601, simple date, optional subsecond and timezone:
            // 2005-01-23T21:59:59.981746, 2005-01-23 21:59:59, 2005-01-23  8:59:59, 2005/01/23 21:59:59,
            // syslog-ng 2006.12.21 06:43:20
            "%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\\s*%z)?",
            // asctime with optional day, subsecond and/or year: Sun Jan 23 21:59:59.011 2005
            "(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?",
            // asctime with optional day, subsecond and/or year coming after day: Sun Jan 23 2005 21:59:59.011
            "(?:%a )?%b %d %ExY %k:%M:%S(?:\\.%f)?",
            // simple date too (from x11vnc): 23/01/2005 21:59:59, 23/01/05 21:59:59, 17-07-2008 17:23:25
            "%d(?P<_sep>[-/])%m(?P=_sep)(?:%ExY|%Exy) %k:%M:%S",
            // Apache format optional time zone: [31/Oct/2006:09:22:55 -0000], 26-Jul-2007 15:20:52,
            // named 26-Jul-2007 15:20:52.252, roundcube 26-Jul-2007 15:20:52 +0200
            "%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\\.%f)?(?: %z)?",
            // CPanel 05/20/2008:01:57:39
            "%m/%d/%ExY:%H:%M:%S",
            // 01-27-2012 16:22:44.252 (subseconds explicit to avoid possible %m<->%d confusion)
            "%m-%d-%ExY %k:%M:%S(?:\\.%f)?",
            // Epoch
            "EPOCH",
            // Only time information in the log
            "{^LN-BEG}%H:%M:%S",
            // <09/16/08@05:03:30>
            "^<%m/%d/%Exy@%H:%M:%S>",
            // MySQL: 130322 11:46:11
            "%Exy%Exm%Exd  ?%H:%M:%S",
            // Apache Tomcat
            "%b %d, %ExY %I:%M:%S %p",
            // ASSP: Apr-27-13 02:33:06
            "^%b-%d-%Exy %k:%M:%S",
            // 20050123T215959, 20050123 215959, 20050123  85959, 20050123-21:59:59
            "%ExY%Exm%Exd(?:-|T|  ?)%ExH:?%ExM:?%ExS(?:[.,]%f)?(?:\\s*%z)?",
            // prefixed with optional named time zone (monit): PDT Apr 16 21:05:29
            "(?:%Z )?(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?",
            // +00:00 Jan 23 21:59:59.011 2005
            "(?:%z )?(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?",
            // TAI64N
            "TAI64N");

    private static final int CACHE_SIZE = 1000;

    private final StrptimePattern strptime;
    private final Map<String, DateTemplate> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DateTemplate> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final List<DateTemplate> defaultTemplates;
    private final List<DateTemplate> templates;
    /**
     * Set while the constructor makes the default templates: their regexes, known to compile, are compiled when
     * first used (a log's lines usually reach only the first few of the 31), other patterns at once, so that a bad
     * {@code datepattern} is refused when it is set.
     */
    private boolean buildingDefaults;

    /** Default templates for a clock and local zone ({@code %ExY} window from the clock's year). */
    public DefaultDateTemplates(InstantSource clock, ZoneId zone) {
        this(new StrptimePattern(clock, zone));
    }

    /** Default templates using the given directive set (its clock, zone and {@code %ExY} window). */
    public DefaultDateTemplates(StrptimePattern strptime) {
        this.strptime = Objects.requireNonNull(strptime, "strptime");
        buildingDefaults = true;
        List<DateTemplate> defaults = new ArrayList<>();
        for (String p : DEFAULT_PATTERNS) {
            defaults.add(forPattern(p));
        }
        this.defaultTemplates = List.copyOf(defaults);
        List<DateTemplate> anchored = new ArrayList<>();
        for (DateTemplate t : defaultTemplates) {
            String name = t.name();
            if (!name.startsWith("{^LN-BEG}") && !name.startsWith("^")) {
                DateTemplate t2 = anchored(t, s -> "{^LN-BEG}" + s);
                if (!t2.name().equals(name)) {
                    // preferred in the ranking of a detector (bubbles up)
                    t2.setWeight(100.0);
                    anchored.add(t2);
                }
            }
        }
        buildingDefaults = false;
        List<DateTemplate> all = new ArrayList<>(anchored);
        all.addAll(defaultTemplates);
        this.templates = List.copyOf(all);
    }

    /** The directive set the templates are built with. */
    /**
     * @param clock a clock
     * @return whether the templates read that clock (the same instance), so a reading of it can be handed to
     *     {@link DateDetector#matchTime(String, java.time.Instant)}
     */
    public boolean readsClock(java.time.InstantSource clock) {
        return strptime.clock() == clock;
    }

    public StrptimePattern strptime() {
        return strptime;
    }

    /** The 17 default templates of upstream, in order. */
    public List<DateTemplate> defaultTemplates() {
        return defaultTemplates;
    }

    /** The line-anchored variants of the default templates, then the default templates themselves. */
    public List<DateTemplate> templates() {
        return templates;
    }

    /**
     * The template for a {@code datepattern} value (cached): {@code EPOCH}, {@code LEPOCH}, {@code TAI64N} and
     * their anchored forms, patterns with {@code {EPOCH}}, or a strptime-like pattern.
     *
     * @throws DatePatternException if the pattern cannot be used
     */
    public DateTemplate forPattern(String pattern) {
        return forPattern(pattern, keyOf(pattern));
    }

    /** Upstream's cache key: the pattern, upper-cased when it has no {@code %}-directive. */
    static String keyOf(String pattern) {
        return pattern.indexOf('%') < 0 ? pattern.toUpperCase(Locale.ROOT) : pattern;
    }

    /** Upstream's {@code _getPatternTemplate(pattern, key)}. */
    DateTemplate forPattern(String pattern, String key) {
        Objects.requireNonNull(pattern, "pattern");
        DateTemplate template = cached(key);
        if (template == null) {
            template = create(pattern, key);
        }
        cache(key, template);
        return template;
    }

    private DateTemplate create(String pattern, String key) {
        if (key.contains("EPOCH")) {
            if (EpochDateTemplate.RE_EPOCH_PATTERN.matcher(pattern).find()) {
                return EpochDateTemplate.ofPattern(pattern, key.contains("LEPOCH"));
            }
            switch (key) {
                case "EPOCH", "{^LN-BEG}EPOCH", "^EPOCH" -> {
                    return EpochDateTemplate.of(!key.equals("EPOCH"), false);
                }
                case "LEPOCH", "{^LN-BEG}LEPOCH", "^LEPOCH" -> {
                    return EpochDateTemplate.of(!key.equals("LEPOCH"), true);
                }
                default -> {
                    // a plain pattern that merely mentions EPOCH
                }
            }
        }
        return switch (key) {
            case "TAI64N" -> Tai64nDateTemplate.of(false);
            case "{^LN-BEG}TAI64N", "^TAI64N" -> Tai64nDateTemplate.of(true);
            default -> new PatternDateTemplate(pattern, strptime, buildingDefaults);
        };
    }

    /**
     * Upstream's {@code _getAnchoredTemplate}: the template for the wrapped pattern (or, for templates without a
     * pattern, for the wrapped name).
     */
    DateTemplate anchored(DateTemplate template, UnaryOperator<String> wrap) {
        String name = wrap.apply(template.name());
        DateTemplate t2 = cached(name);
        if (t2 != null) {
            return t2;
        }
        if (template.pattern().isEmpty()) {
            return forPattern(name, keyOf(name));
        }
        String regex = wrap.apply(template.pattern().get());
        t2 = cached(regex);
        if (t2 != null) {
            return t2;
        }
        return forPattern(regex, keyOf(regex));
    }

    DateTemplate cached(String key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    void cache(String key, DateTemplate template) {
        synchronized (cache) {
            cache.put(key, template);
        }
    }
}
