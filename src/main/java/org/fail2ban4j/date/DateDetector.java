package org.fail2ban4j.date;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.regex.AnchoredSearchCache;
import org.fail2ban4j.regex.Backtracker;
import org.fail2ban4j.regex.RegexMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/datedetector.py:DateDetector}: finds the date in log lines with a list of
 * templates, keeping the templates that hit in front.
 *
 * <p>As upstream: the template that matched the previous line is tried first, and when it is not anchored only
 * in the same place of the line (the text around the previous date must look the same); otherwise all templates
 * are searched in order, a template matching further right than it used to is kept as a fallback while the
 * others are tried, and the winner bubbles up the list by its weight (hits, times 100 for the preferred
 * line-anchored defaults, divided by the distance of the date from the line start). Without any template the
 * default ones are used.
 *
 * <p>A detector belongs to one filter and is used by one thread at a time (it is not thread-safe); the
 * templates are shared through {@link DefaultDateTemplates}.
 */
public final class DateDetector {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.datedetector");

    private static final Pattern RE_DATE_PREMATCH = Pattern.compile("(?<!\\\\)\\{DATE\\}",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int MAX = 0x7fffffff;
    /** Seconds after which a template counts as long unused (upstream 300). */
    private static final double UNUSED_TIME = 300;

    /**
     * A template in this detector, with this detector's statistics ({@code DateDetectorTemplate}) and what it
     * keeps between lines: a matcher reused for every line, or for a template anchored at the line start, the
     * result for the last line, reused for the next one when it starts the same way as far as the search looked
     * (log lines sharing a timestamp are not searched again).
     */
    private static final class Entry {
        final DateTemplate template;
        int hits;
        double lastUsed;
        int distance = MAX;
        /** Built on the first search: most templates of the default list are never searched. */
        private AnchoredSearchCache cache;
        private boolean cacheChecked;
        private Matcher matcher;

        Entry(DateTemplate template) {
            this.template = template;
        }

        double weight() {
            return hits * template.weight() / Math.max(1, distance);
        }

        /** Searches the whole line (upstream's {@code template.matchDate(line)}); null if not found. */
        TemplateMatch match(String line, boolean reuse, Backtracker.Scratch scratch) {
            TemplateMatch quick = template.quickMatch(line);
            if (quick != null) {
                return quick;
            }
            if (reuse && !cacheChecked) {
                cache = AnchoredSearchCache.of(template.compiled().compiled()).orElse(null);
                cacheChecked = true;
            }
            if (cache != null && reuse) {
                int[] spans = cache.search(line);
                return spans == AnchoredSearchCache.NO_MATCH ? null : template.matched(line, spans);
            }
            // else our own matcher where it takes the regex (one scratch for the detector: the templates search
            // the same line)
            Backtracker own = reuse ? template.compiled().own() : null;
            if (own != null) {
                try {
                    RegexMatch m = own.search(scratch, line, 0, Long.MAX_VALUE);
                    return m == null ? null : template.matched(line, template.compiled().javaSpans(m));
                } catch (Backtracker.Fallback e) {
                    // characters outside the BMP (or Latin-1 under case-insensitivity): java.util.regex below
                }
            }
            if (matcher == null) {
                matcher = template.compiled().newMatcher();
            }
            return template.match(line, matcher);
        }
    }

    private final DefaultDateTemplates defaults;
    private final List<Entry> templates = new ArrayList<>();
    private final Set<String> knownNames = new HashSet<>();
    // last known distance (bypass one char collision) and end position, with the characters around them
    private int lastPos = 1;
    private int lastPosBefore = NONE;
    private int lastPosAt = NONE;
    private int lastEndPos = MAX;
    private int lastEndBefore = NONE;
    private int lastEndAt = NONE;
    private int lastTemplIdx = MAX;
    private int firstUnused;
    private Integer defaultTz;
    /** The match {@link #findTime} returned last, and the clock reading of that line (reused to convert it). */
    private TemplateMatch lastFound;
    private Instant lastFoundAt;
    /** The last conversion: template, group spans (shared by lines with the same date), zone, what it read of the
     * clock and its result. */
    private DateTemplate convTemplate;
    private int[] convSpans;
    private Integer convTz;
    private final StrptimePattern.ClockUse convUse = new StrptimePattern.ClockUse();
    private double convEpoch;
    private boolean reuseResults = true;
    private final Backtracker.Scratch scratch = Backtracker.newScratch();
    private long localSecondAt;
    private java.time.LocalDateTime localSecond;

    /** "no character" (Python's empty slice). */
    private static final int NONE = -1;

    /**
     * Whether the results for the previous line are reused (a search of a template anchored at the line start,
     * the conversion of the same date text) and templates are searched by our own matcher
     * ({@link Backtracker}) where it takes them; tests turn it off to compare with plain {@code java.util.regex}.
     */
    void setReuseResults(boolean on) {
        reuseResults = on;
    }

    /** A detector without templates (the defaults are added when the first line is searched). */
    public DateDetector(DefaultDateTemplates defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * A detector for a {@code datepattern} value as {@code Filter.setDatePattern} sets it up: each non-empty line
     * of the value is appended with {@link #appendTemplate(String)}.
     *
     * @throws DatePatternException if a line cannot be used
     */
    public static DateDetector forDatePattern(DefaultDateTemplates defaults, String datePattern) {
        DateDetector dd = new DateDetector(defaults);
        for (String line : datePattern.split("\n+")) {
            String p = StrptimePattern.pyStrip(line);
            if (!p.isEmpty()) {
                dd.appendTemplate(p);
            }
        }
        return dd;
    }

    /**
     * Adds the templates of a {@code datepattern} value (one line of it): {@code {^LN-BEG}} adds the
     * line-anchored default templates, {@code {DEFAULT}} adds nothing (so the defaults are used if nothing else
     * is added), a pattern with {@code {DATE}} adds every default template embedded in it, {@code {NONE}} adds a
     * template that matches no date; anything else is a template pattern (see {@link DefaultDateTemplates}).
     *
     * @throws DatePatternException if the pattern cannot be used or its template name is already present
     */
    public void appendTemplate(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String key = DefaultDateTemplates.keyOf(pattern);
        DateTemplate template = defaults.cached(key);
        if (template == null) {
            if (key.equals("{^LN-BEG}")) {
                addDefaultTemplate(t -> (t.flags() & DateTemplate.LINE_BEGIN) != 0, null, true);
                return;
            }
            if (key.equals("{DEFAULT}")) {
                addDefaultTemplate(t -> false, null, true);
                return;
            }
            if (key.contains("{DATE}")) {
                addDefaultTemplate(null, pattern, false);
                return;
            }
            if (key.equals("{NONE}")) {
                template = defaults.forPattern("{UNB}^", key);
            } else {
                template = defaults.forPattern(pattern, key);
            }
        }
        defaults.cache(key, template);
        LOG.info("  date pattern `{}`: `{}`", template.pattern().orElse(""), template.name());
        append(template, false, pattern);
    }

    /**
     * Adds a template.
     *
     * @throws DatePatternException if a template with the same name is already present
     */
    public void appendTemplate(DateTemplate template) {
        Objects.requireNonNull(template, "template");
        LOG.info("  date pattern `{}`: `{}`", template.pattern().orElse(""), template.name());
        append(template, false, template.pattern().orElse(template.name()));
    }

    private void append(DateTemplate template, boolean ignoreDup, String pattern) {
        String name = template.name();
        if (!knownNames.add(name)) {
            if (ignoreDup) {
                return;
            }
            throw DatePatternException.withMessage(pattern, "There is already a template with name " + name);
        }
        templates.add(new Entry(template));
        LOG.debug("  date pattern regex for `{}`: `{}`", template.pattern().orElse(""), template.regex());
    }

    /** Adds all default templates (the line-anchored variants first). */
    public void addDefaultTemplate() {
        addDefaultTemplate(null, null, true);
    }

    /** Adds the default templates (the line-anchored variants first) the filter accepts. */
    public void addDefaultTemplate(Predicate<DateTemplate> filter) {
        addDefaultTemplate(Objects.requireNonNull(filter, "filter"), null, true);
    }

    /**
     * Adds the default templates embedded in a pre-match pattern: {@code {DATE}} in {@code preMatch} is replaced by
     * each default template's pattern (upstream's {@code addDefaultTemplate(preMatch=..., allDefaults=False)}).
     *
     * @param allDefaults also the line-anchored variants (upstream passes false for {@code {DATE}})
     */
    public void addDefaultTemplate(String preMatch, boolean allDefaults) {
        addDefaultTemplate(null, Objects.requireNonNull(preMatch, "preMatch"), allDefaults);
    }

    private void addDefaultTemplate(Predicate<DateTemplate> filter, String preMatch, boolean allDefaults) {
        boolean ignoreDup = !templates.isEmpty();
        int count = 0;
        for (DateTemplate template : allDefaults ? defaults.templates() : defaults.defaultTemplates()) {
            if (filter != null && !filter.test(template)) {
                continue;
            }
            if (preMatch != null) {
                template = defaults.anchored(template, s -> RE_DATE_PREMATCH.matcher(preMatch)
                        .replaceAll(Matcher.quoteReplacement(DateTemplate.unboundPattern(s))));
            }
            append(template, ignoreDup, template.pattern().orElse(template.name()));
            count++;
        }
        if (preMatch != null) {
            LOG.info("  default date pattern for `{}`: {} template(s)", pyRepr(preMatch), count);
        } else {
            LOG.info("  default {}date pattern: {} template(s)", filter != null ? "filtered " : "", count);
        }
    }

    /** The templates in their current order. */
    public List<DateTemplate> templates() {
        List<DateTemplate> list = new ArrayList<>(templates.size());
        for (Entry e : templates) {
            list.add(e.template);
        }
        return list;
    }

    /** The templates in their current order, with this detector's hits and weights. */
    public List<TemplateHits> templateHits() {
        List<TemplateHits> list = new ArrayList<>(templates.size());
        for (Entry e : templates) {
            list.add(new TemplateHits(e.template, e.hits, e.weight()));
        }
        return list;
    }

    /**
     * Sets the zone of dates without an explicit zone ({@code logtimezone}), e.g. {@code UTC+0200}.
     *
     * @throws IllegalArgumentException if the zone is not supported (see {@link TimeZoneOffsets}); the previous
     *         zone is kept then
     */
    public void setDefaultTimeZone(String tz) {
        defaultTz = TimeZoneOffsets.offsetMinutes(Objects.requireNonNull(tz, "tz"));
    }

    /** Dates without an explicit zone are local time again (no {@code logtimezone}). */
    public void clearDefaultTimeZone() {
        defaultTz = null;
    }

    /** The zone of dates without an explicit zone, in minutes east of UTC; empty for local time. */
    public OptionalInt defaultTimeZoneOffset() {
        return defaultTz == null ? OptionalInt.empty() : OptionalInt.of(defaultTz);
    }

    /**
     * Finds the date in a line with the templates and ranks the winning template up (upstream's
     * {@code matchTime}).
     *
     * @return the match of the winning template, empty if no template matches
     */
    public Optional<TemplateMatch> matchTime(String line) {
        return Optional.ofNullable(findTime(Objects.requireNonNull(line, "line"), null));
    }

    /**
     * As {@link #matchTime(String)}, with the clock already read for this line by the caller (so that a line costs
     * one reading); the reading must come from the clock of this detector's templates
     * ({@link DefaultDateTemplates#readsClock}).
     *
     * @param now the reading
     * @return the match of the winning template, empty if no template matches
     */
    public Optional<TemplateMatch> matchTime(String line, Instant now) {
        return Optional.ofNullable(findTime(Objects.requireNonNull(line, "line"), Objects.requireNonNull(now,
                "now")));
    }

    /**
     * As {@link #matchTime(String, Instant)}, null when no template matches (a line costs no {@code Optional}).
     *
     * @param now the reading
     * @return the match of the winning template, or null
     */
    public TemplateMatch matchTimeOrNull(String line, Instant now) {
        return findTime(Objects.requireNonNull(line, "line"), Objects.requireNonNull(now, "now"));
    }

    /**
     * Finds the date in a line and converts it (upstream's {@code getTime(line)}).
     *
     * @return the date, empty if no template matches or the matched text is not a valid date
     */
    public Optional<DateMatch> getTime(String line) {
        TemplateMatch m = findTime(Objects.requireNonNull(line, "line"), null);
        return m == null ? Optional.empty() : getTime(m);
    }

    /**
     * Converts a match found by {@link #matchTime(String)}, with this detector's default zone (upstream's
     * {@code getTime(line, timeMatch)}).
     *
     * @return the date, empty if the matched text is not a valid date
     */
    public Optional<DateMatch> getTime(TemplateMatch match) {
        return dateMatch(match, epochSecondsOf(match));
    }

    /**
     * As {@link #getTime(TemplateMatch)}, the date as seconds since the epoch, NaN when the matched text is not a
     * valid date (a line costs no {@code Optional} and no {@link DateMatch}).
     *
     * @return the seconds, or NaN
     */
    public double epochSecondsOf(TemplateMatch match) {
        DateTemplate template = match.template();
        int[] spans = match.spans();
        Instant now = match == lastFound ? lastFoundAt : null;
        if (reuseResults && template == convTemplate && spans == convSpans && Objects.equals(defaultTz, convTz)) {
            // the same date text as the last conversion (the spans were reused for a line starting the same way)
            if (convUse.kind == StrptimePattern.ClockUse.NONE) {
                return convEpoch;
            }
            if (now == null) {
                now = defaults.strptime().clock().instant();
            }
            if (convUse.sameAt(localSecond(now))) {
                return convEpoch;
            }
        }
        template.checkOwn(match);
        double t = template.epochSeconds(match, defaultTz, now, convUse);
        convTemplate = template;
        convSpans = spans;
        convTz = defaultTz;
        convEpoch = t;
        return t;
    }

    /**
     * The local time of an instant, to the second (what {@link StrptimePattern.ClockUse#sameAt} compares: the year,
     * and a whole-second threshold), computed once per second.
     */
    private java.time.LocalDateTime localSecond(Instant now) {
        long second = now.getEpochSecond();
        if (localSecondAt != second || localSecond == null) {
            localSecond = defaults.strptime().localTime(Instant.ofEpochSecond(second));
            localSecondAt = second;
        }
        return localSecond;
    }

    private static Optional<DateMatch> dateMatch(TemplateMatch match, double epochSeconds) {
        return Double.isNaN(epochSeconds) ? Optional.empty() : Optional.of(new DateMatch(match, epochSeconds));
    }

    /** @param reading the clock read for this line by the caller, or null (read here when needed) */
    private TemplateMatch findTime(String line, Instant reading) {
        if (templates.isEmpty()) {
            addDefaultTemplate();
        }
        int n = templates.size();
        TemplateMatch match = null;
        TemplateMatch found = null;
        int foundDistance = MAX;
        int foundEnd = MAX;
        int foundIdx = -1;
        int ignoreBySearch = MAX;
        int i = lastTemplIdx;
        Entry entry = null;
        int distance = 0;
        int endpos = 0;
        // first try the last template, in the same place
        if (i < n) {
            entry = templates.get(i);
            DateTemplate template = entry.template;
            if (template.isLineAnchored()) {
                match = entry.match(line, reuseResults, scratch);
                ignoreBySearch = i;
            } else {
                distance = lastPos;
                endpos = lastEndPos;
                if ((charOrNone(line, distance - 1) == lastPosBefore
                        || (charOrNone(line, distance) == lastPosAt && !isAlnum(lastPosAt)))
                        && (charOrNone(line, endpos) == lastEndAt
                        || (charOrNone(line, endpos - 1) == lastEndBefore && !isAlnum(lastEndBefore)))) {
                    match = template.match(line, distance, endpos);
                } else {
                    match = entry.match(line, reuseResults, scratch);
                    ignoreBySearch = i;
                }
            }
            if (match != null) {
                distance = match.start();
                endpos = match.end();
                if (!(n == 1 || template.isLineAnchored()
                        || (distance == lastPos && endpos == lastEndPos))) {
                    // other place: possibly another pattern; keep as alternative and search
                    found = match;
                    foundDistance = distance;
                    foundEnd = endpos;
                    foundIdx = i;
                    match = null;
                }
            }
        }
        // search all templates for a (better) match
        if (match == null) {
            i = 0;
            for (; i < n; i++) {
                if (i == ignoreBySearch) {
                    continue;
                }
                entry = templates.get(i);
                DateTemplate template = entry.template;
                match = entry.match(line, reuseResults, scratch);
                if (match == null) {
                    continue;
                }
                distance = match.start();
                endpos = match.end();
                if (i + 1 >= n || template.isLineAnchored()) {
                    break;
                }
                // next template never matched yet, but this one already had hits
                if (distance == 0 && entry.hits > 0 && !templates.get(i + 1).template.hasMatched()) {
                    break;
                }
                // date further right than before: maybe found in the message text, keep and search further
                if (distance > entry.distance || distance > lastPos) {
                    if (distance < foundDistance) {
                        found = match;
                        foundDistance = distance;
                        foundEnd = endpos;
                        foundIdx = i;
                    }
                    match = null;
                    continue;
                }
                break;
            }
            if (match == null && found != null) {
                match = found;
                distance = foundDistance;
                endpos = foundEnd;
                i = foundIdx;
                entry = templates.get(i);
            }
        }
        if (match == null) {
            return null;
        }
        Instant now = reading != null ? reading : defaults.strptime().clock().instant();
        entry.hits++;
        entry.lastUsed = now.toEpochMilli() / 1000.0;
        entry.distance = distance;
        if (firstUnused == i) {
            firstUnused++;
        }
        lastPos = distance;
        lastEndPos = endpos;
        if (!entry.template.isLineAnchored()) {
            // the characters around the date are compared on the next line only for a template that is not
            // anchored (an anchored one is tried on the whole line)
            lastPosBefore = charOrNone(line, distance - 1);
            lastPosAt = charOrNone(line, distance);
            // upstream reads line[endpos-1], which is the last character for endpos 0
            lastEndBefore = endpos > 0 ? charOrNone(line, endpos - 1) : charOrNone(line, line.length() - 1);
            lastEndAt = charOrNone(line, endpos);
        }
        if (i != 0 && i != lastTemplIdx) {
            i = reorderTemplate(i);
        }
        lastTemplIdx = i;
        lastFound = match;
        lastFoundAt = now;
        return match;
    }

    /** Moves a template that hit up the list (upstream's {@code _reorderTemplate}). */
    private int reorderTemplate(int num) {
        Entry entry = templates.get(num);
        double untime = entry.lastUsed - UNUSED_TIME;
        double weight = entry.weight();
        int pos = firstUnused < num ? firstUnused : num / 2;
        if (!moveable(pos, weight, untime)) {
            if (pos == num - 1) {
                return num;
            }
            pos = num - 1;
            if (!moveable(pos, weight, untime)) {
                return num;
            }
        }
        templates.remove(num);
        templates.add(pos, entry);
        while (firstUnused < templates.size() && templates.get(firstUnused).hits > 0) {
            firstUnused++;
        }
        return pos;
    }

    private boolean moveable(int pos, double weight, double untime) {
        Entry other = templates.get(pos);
        return weight > other.weight() || untime > other.lastUsed;
    }

    private static int charOrNone(String line, int i) {
        return i >= 0 && i < line.length() ? line.charAt(i) : NONE;
    }

    /** Python's {@code str.isalnum()} for one character ("no character" is not alphanumeric). */
    private static boolean isAlnum(int c) {
        if (c == NONE) {
            return false;
        }
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static String pyRepr(String s) {
        String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        StringBuilder sb = new StringBuilder(q);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (String.valueOf(c).equals(q)) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.append(q).toString();
    }

    @Override
    public String toString() {
        return "DateDetector" + templates().stream().map(DateTemplate::name).toList();
    }
}
