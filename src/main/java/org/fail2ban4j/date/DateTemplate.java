package org.fail2ban4j.date;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/server/datetemplate.py:DateTemplate}: a template that finds a date in a log line with a
 * regex and turns it into a time.
 *
 * <p>The regex is kept in upstream's Python syntax ({@link #regex()}, the text fail2ban logs and tests compare)
 * and compiled once, when the template is made (the default templates: when first used). The boundary rules of
 * upstream's {@code setRegex} apply: unless
 * the regex is anchored or starts with {@code **}, a word boundary {@code (?=^|\b|\W)} is put in front (or the
 * line-begin anchor {@code ^(?:\W{0,2})?} for {@code {^LN-BEG}} templates), and unless it ends with {@code $},
 * {@code \b}, {@code \s} or {@code **}, a word boundary {@code (?=\b|\W|$)} is put after it; group 1 is the
 * date text (the whole regex is wrapped in a group when it has none).
 *
 * <p>Templates are immutable, apart from two values upstream shares between all detectors using a template:
 * whether it has matched any line yet, and its weight (100 for the line-anchored default templates). They are
 * safe to share between threads.
 */
public abstract sealed class DateTemplate permits PatternDateTemplate, EpochDateTemplate, Tai64nDateTemplate {

    /** Flag: the regex is anchored at the start of the line. */
    public static final int LINE_BEGIN = 8;
    /** Flag: the regex is anchored at the end of the line. */
    public static final int LINE_END = 4;
    /** Flag: the regex starts at a word boundary. */
    public static final int WORD_BEGIN = 2;
    /** Flag: the regex ends at a word boundary. */
    public static final int WORD_END = 1;

    /** Upstream's {@code wordBegin} argument: {@code False}, {@code True} or {@code 'start'}. */
    enum Begin { NONE, WORD, LINE }

    private static final int META = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    // upstream's regexes over regex text (datetemplate.py)
    static final Pattern RE_GROUPED = Pattern.compile("(?<!\\(\\?)(?<!\\\\)\\((?!\\?)", META);
    private static final Pattern RE_GROUP = Pattern.compile(
            "^((?:\\(\\?\\w+\\))?\\^?(?:\\(\\?\\w+\\))?)(.*?)(\\$?)$", META);
    private static final Pattern RE_GLOBALFLAGS = Pattern.compile("((?:^|(?<!\\\\))\\(\\?[a-z]+\\))", META);
    static final Pattern RE_EXLINE_NO_BOUNDS = Pattern.compile("^\\{UNB\\}", META);
    static final Pattern RE_EXLINE_BOUND_BEG = Pattern.compile("^\\{\\^LN-BEG\\}", META);
    private static final Pattern RE_EXSANC_BOUND_BEG = Pattern.compile("^\\((?:\\?:)?\\^\\|\\\\b\\|\\\\W\\)", META);
    private static final Pattern RE_EXEANC_BOUND_BEG = Pattern.compile("\\(\\?=\\\\b\\|\\\\W\\|\\$\\)$", META);
    private static final Pattern RE_NO_WRD_BOUND_BEG = Pattern.compile(
            "^\\(*(?:\\(\\?\\w+\\))?(?:\\^|\\(*\\*\\*|\\((?:\\?:)?\\^)", META);
    private static final Pattern RE_NO_WRD_BOUND_END = Pattern.compile(
            "(?<!\\\\)(?:\\$\\)?|\\\\b|\\\\s|\\*\\*\\)*)$", META);
    private static final Pattern RE_DEL_WRD_BOUNDS = Pattern.compile(
            "^\\(*(?:\\(\\?\\w+\\))?\\(*\\*\\*|(?<!\\\\)\\*\\*\\)*$", META);
    private static final Pattern RE_LINE_BOUND_BEG = Pattern.compile(
            "^(?:\\(\\?\\w+\\))?(?:\\^|\\((?:\\?:)?\\^(?!\\|))", META);
    private static final Pattern RE_LINE_BOUND_END = Pattern.compile("(?<![\\\\|])(?:\\$\\)?)$", META);

    private final String name;
    private final String regex;
    private final int flags;
    private final String patternForErrors;
    /** The compiled regex; null until first used for a template made with {@code lazy}. */
    private volatile DateRegex compiled;
    private volatile double weight = 1.0;
    private volatile boolean used;

    DateTemplate(Bounded bounded, String patternForErrors) {
        this(bounded, patternForErrors, false);
    }

    /**
     * @param lazy whether the regex is compiled when first used rather than now: only for regexes known to
     *     compile (the default templates, most of which a log never reaches), so that no error is put off
     */
    DateTemplate(Bounded bounded, String patternForErrors, boolean lazy) {
        this.name = bounded.name();
        this.regex = bounded.regex();
        this.flags = bounded.flags();
        this.patternForErrors = patternForErrors;
        if (!lazy) {
            this.compiled = compile();
        }
    }

    private DateRegex compile() {
        try {
            return DateRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw DatePatternException.withMessage(patternForErrors,
                    "Compile '" + name + "' failed, expression '" + regex + "': " + e.getMessage());
        }
    }

    /** The regex text and flags upstream's {@code setRegex} makes of a template regex. */
    record Bounded(String name, String regex, int flags) {
    }

    /** Upstream's {@code DateTemplate.setRegex}: boundaries, group 1, global flags and {@code **} markers. */
    static Bounded bound(String name, String regex, Begin wordBegin, boolean wordEnd) {
        regex = StrptimePattern.pyStrip(regex);
        String globalFlags = null;
        Matcher gf = RE_GLOBALFLAGS.matcher(regex);
        if (gf.find()) {
            globalFlags = gf.group(1);
            regex = regex.substring(0, gf.start()) + regex.substring(gf.end());
        }
        boolean boundBegin = wordBegin != Begin.NONE && !RE_NO_WRD_BOUND_BEG.matcher(regex).find();
        boolean boundEnd = wordEnd && !RE_NO_WRD_BOUND_END.matcher(regex).find();
        if (!RE_GROUPED.matcher(regex).find()) {
            Matcher g = RE_GROUP.matcher(regex);
            if (g.find()) {
                regex = regex.substring(0, g.start()) + g.group(1) + "(" + g.group(2) + ")" + g.group(3)
                        + regex.substring(g.end());
            }
        }
        int flags = 0;
        if (boundBegin) {
            if (wordBegin != Begin.LINE) {
                flags |= WORD_BEGIN;
                regex = "(?=^|\\b|\\W)" + regex;
            } else {
                flags |= LINE_BEGIN;
                regex = "^(?:\\W{0,2})?" + regex;
                if (!name.startsWith("{^LN-BEG}")) {
                    name = "{^LN-BEG}" + name;
                }
            }
        }
        if (boundEnd) {
            flags |= WORD_END;
            regex += "(?=\\b|\\W|$)";
        }
        if ((flags & LINE_BEGIN) == 0 && RE_LINE_BOUND_BEG.matcher(regex).find()) {
            flags |= LINE_BEGIN;
        }
        if ((flags & LINE_END) == 0 && RE_LINE_BOUND_END.matcher(regex).find()) {
            flags |= LINE_END;
        }
        Matcher del = RE_DEL_WRD_BOUNDS.matcher(regex);
        StringBuilder sb = new StringBuilder(regex.length());
        while (del.find()) {
            del.appendReplacement(sb, Matcher.quoteReplacement(del.group().replace("**", "")));
        }
        del.appendTail(sb);
        regex = sb.toString();
        if (globalFlags != null) {
            regex = globalFlags + regex;
        }
        return new Bounded(name, regex, flags);
    }

    /**
     * Upstream's {@code DateTemplate.unboundPattern}: a pattern without its {@code {UNB}}/{@code {^LN-BEG}}
     * prefix and without the word-boundary lookarounds, to be embedded in a {@code {DATE}} pre-match pattern.
     */
    static String unboundPattern(String pattern) {
        String p = RE_EXLINE_NO_BOUNDS.matcher(pattern).replaceFirst("");
        p = RE_EXLINE_BOUND_BEG.matcher(p).replaceFirst("");
        p = RE_EXSANC_BOUND_BEG.matcher(p).replaceFirst("");
        return RE_EXEANC_BOUND_BEG.matcher(p).replaceFirst("");
    }

    /** The template name, e.g. {@code {^LN-BEG}ExYear-ExMonth-ExDay} or {@code Epoch}. */
    public final String name() {
        return name;
    }

    /** The full regex in upstream's Python syntax, boundaries included. */
    public final String regex() {
        return regex;
    }

    /** The strptime-like pattern the template was made from, for pattern templates. */
    public Optional<String> pattern() {
        return Optional.empty();
    }

    /** The anchoring flags: a combination of {@link #LINE_BEGIN}, {@link #LINE_END}, {@link #WORD_BEGIN},
     * {@link #WORD_END}. */
    public final int flags() {
        return flags;
    }

    /** Whether the regex is anchored at the start or the end of the line. */
    public final boolean isLineAnchored() {
        return (flags & (LINE_BEGIN | LINE_END)) != 0;
    }

    /** The template's weight in the detector's ranking: 100 for the preferred line-anchored defaults, else 1. */
    public final double weight() {
        return weight;
    }

    final void setWeight(double weight) {
        this.weight = weight;
    }

    /** Whether any detector has matched a line with this template yet (upstream's {@code hits > 0}). */
    public final boolean hasMatched() {
        return used;
    }

    final DateRegex compiled() {
        DateRegex c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = compile();
                    compiled = c;
                }
            }
        }
        return c;
    }

    /**
     * The search of {@link #match(String)} made without the regex for lines of a common form whose result is
     * certain, or null: the caller then searches with the regex.
     */
    TemplateMatch quickMatch(String line) {
        return null;
    }

    /** Searches the line for the template's regex. */
    public final Optional<TemplateMatch> matchDate(String line) {
        return Optional.ofNullable(match(line));
    }

    /** Searches the whole line; null if not found. */
    final TemplateMatch match(String line) {
        Matcher m = compiled().search(Objects.requireNonNull(line, "line"));
        return found(line, m);
    }

    /** Searches only between {@code pos} and {@code endpos}, as Python's {@code search(line, pos, endpos)}. */
    final TemplateMatch match(String line, int pos, int endpos) {
        Matcher m = compiled().search(line, pos, endpos);
        return found(line, m);
    }

    /** Searches the whole line with a matcher from {@link DateRegex#newMatcher()}; null if not found. */
    final TemplateMatch match(String line, Matcher reused) {
        return found(line, compiled().search(reused, line) ? reused : null);
    }

    private TemplateMatch found(String line, Matcher m) {
        if (m == null) {
            return null;
        }
        return matched(line, TemplateMatch.spansOf(m));
    }

    /** A match with known spans (found now, or found for an earlier line the same way). */
    final TemplateMatch matched(String line, int[] spans) {
        if (!used) {
            used = true;
        }
        return new TemplateMatch(this, line, spans);
    }

    /**
     * The time of a match of this template, in epoch seconds.
     *
     * @param defaultOffsetMinutes zone of dates without one (minutes east of UTC), or null for local time
     * @return the time, or NaN if the matched text is not a valid date
     */
    abstract double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes);

    /**
     * As {@link #epochSeconds(TemplateMatch, Integer)}, with the clock as the caller read it and a record of
     * what the conversion took from the clock (templates that do not read it record nothing).
     *
     * @param now the clock reading for this line, or null to read the clock when needed
     * @param use set to what the conversion took from the clock
     */
    double epochSeconds(TemplateMatch match, Integer defaultOffsetMinutes, java.time.Instant now,
            StrptimePattern.ClockUse use) {
        use.kind = StrptimePattern.ClockUse.NONE;
        return epochSeconds(match, defaultOffsetMinutes);
    }

    /** Checks that a match was found by this template. */
    final void checkOwn(TemplateMatch match) {
        if (match.template() != this) {
            throw new IllegalArgumentException("match of template '" + match.template().name()
                    + "' given to template '" + name + "'");
        }
    }

    /**
     * Finds the date in a line and converts it, reading dates without a zone as local time (upstream's
     * {@code getDate(line)}).
     *
     * @return the date, or empty if the template does not match or the text is not a valid date
     */
    public final Optional<DateMatch> getDate(String line) {
        TemplateMatch m = match(line);
        return m == null ? Optional.empty() : convert(m, null);
    }

    /** Converts a match of this template, reading dates without a zone as local time. */
    public final Optional<DateMatch> getDate(TemplateMatch match) {
        return convert(match, null);
    }

    /**
     * Converts a match of this template, reading dates without a zone in the given one.
     *
     * @param defaultOffsetMinutes the zone of dates without one, in minutes east of UTC
     */
    public final Optional<DateMatch> getDate(TemplateMatch match, int defaultOffsetMinutes) {
        return convert(match, defaultOffsetMinutes);
    }

    final Optional<DateMatch> convert(TemplateMatch match, Integer defaultOffsetMinutes) {
        checkOwn(match);
        double t = epochSeconds(match, defaultOffsetMinutes);
        return Double.isNaN(t) ? Optional.empty() : Optional.of(new DateMatch(match, t));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
