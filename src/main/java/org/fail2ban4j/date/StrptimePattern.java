package org.fail2ban4j.date;

import org.fail2ban4j.regex.PyStrings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Port of {@code fail2ban/server/strptime.py:timeRE}, {@code getTimePatternRE} and {@code reGroupDictStrptime}:
 * the strptime-like {@code %}-directives of fail2ban date patterns, turned into regex text, and the
 * conversion of the matched fields back into a point in time.
 *
 * <p>Directives: Python's own {@code %a %A %b %B %c %d %f %G %H %I %j %m %M %p %S %u %U %V %w %W %x %X %y %Y
 * %z %Z %%} (C locale: English month and day names, matched case-insensitively because a pattern using
 * {@code %a %A %b %B %p %c} is compiled with {@code (?iu)}), fail2ban's {@code %k} and {@code %l} (hours with an
 * optional leading space) and the exact variants {@code %Exd %Exm %ExH %Exk %Exl %ExM %ExS %ExY %Exy %Exz %ExZ}.
 * {@code %e}, {@code %s} and any other letter are not directives, as upstream: a pattern using them is rejected.
 * {@code %ExY} accepts the years from 2000 to three years after the current one (built from the clock when this
 * object is created; upstream builds it from the real time, which tests can pass separately).
 *
 * <p>Parsing rules ({@code reGroupDictStrptime}): a two-digit year is in this century; a missing year is the
 * current year, and the previous one if the date would be more than a day ahead of now; a missing date is
 * today, and yesterday if the time is ahead of now; {@code %I} with {@code %p} is a 12-hour clock; {@code %j}
 * and {@code %U}/{@code %W} with a weekday give the day of the year; a weekday alone is ignored; fractions of a
 * second are ignored; a zone in the line wins over the default zone, and without both the time is local time
 * of the configured zone (an ambiguous local time at the end of summer time is taken as standard time, like
 * glibc's {@code mktime}). Where upstream would raise something other than {@code ValueError} (a month without
 * a day, an unknown zone abbreviation, {@code %I} with a {@code %p} group that did not take part), the date is
 * simply not parsed.
 */
public final class StrptimePattern {

    /** The strptime fields {@code reGroupDictStrptime} reads (other named groups are ignored). */
    enum Field {
        Y, y, m, B, b, d, H, I, M, S, f, A, a, w, j, U, W, z, Z, p;

        static Field of(String groupName) {
            return switch (groupName) {
                case "Y" -> Y;
                case "y" -> y;
                case "m" -> m;
                case "B" -> B;
                case "b" -> b;
                case "d" -> d;
                case "H" -> H;
                case "I" -> I;
                case "M" -> M;
                case "S" -> S;
                case "f" -> f;
                case "A" -> A;
                case "a" -> a;
                case "w" -> w;
                case "j" -> j;
                case "U" -> U;
                case "W" -> W;
                case "z" -> z;
                case "Z" -> Z;
                case "p" -> p;
                default -> null;
            };
        }
    }

    private static final String[] FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String[] SHORT_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec"};
    private static final String[] FULL_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};
    private static final String[] SHORT_DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private static final String TZ_ABBR_RE = "[A-Z](?:[A-Z]{2,4})?";

    /** directive -> regex text (Python syntax), except ExY which depends on the clock. */
    private static final Map<String, String> BASE_RE;
    /** directive -> descriptive name (template names). */
    private static final Map<String, String> NAMES;

    static {
        Map<String, String> re = new LinkedHashMap<>();
        // Python's _strptime.TimeRE (C locale), including the composite directives built from its own fields
        re.put("d", "(?P<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])");
        re.put("f", "(?P<f>[0-9]{1,6})");
        re.put("H", "(?P<H>2[0-3]|[0-1]\\d|\\d)");
        re.put("I", "(?P<I>1[0-2]|0[1-9]|[1-9])");
        re.put("G", "(?P<G>\\d\\d\\d\\d)");
        re.put("j", "(?P<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])");
        re.put("m", "(?P<m>1[0-2]|0[1-9]|[1-9])");
        re.put("M", "(?P<M>[0-5]\\d|\\d)");
        re.put("S", "(?P<S>6[0-1]|[0-5]\\d|\\d)");
        re.put("U", "(?P<U>5[0-3]|[0-4]\\d|\\d)");
        re.put("w", "(?P<w>[0-6])");
        re.put("u", "(?P<u>[1-7])");
        re.put("V", "(?P<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)");
        re.put("y", "(?P<y>\\d\\d)");
        re.put("Y", "(?P<Y>\\d\\d\\d\\d)");
        re.put("z", "(?P<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z))");
        re.put("A", "(?P<A>wednesday|thursday|saturday|tuesday|monday|friday|sunday)");
        re.put("a", "(?P<a>mon|tue|wed|thu|fri|sat|sun)");
        re.put("B", "(?P<B>september|february|november|december|january|october|august|march|april|june|july|may)");
        re.put("b", "(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)");
        re.put("p", "(?P<p>am|pm)");
        re.put("Z", "(?P<Z>utc|gmt)");
        re.put("%", "%");
        re.put("W", re.get("U").replace("?P<U>", "?P<W>"));
        re.put("c", re.get("a") + "\\s+" + re.get("b") + "\\s+" + re.get("d") + "\\s+" + re.get("H") + ":"
                + re.get("M") + ":" + re.get("S") + "\\s+" + re.get("Y"));
        re.put("x", re.get("m") + "/" + re.get("d") + "/" + re.get("y"));
        re.put("X", re.get("H") + ":" + re.get("M") + ":" + re.get("S"));
        // fail2ban's additions and overrides
        re.put("k", " ?(?P<H>[0-2]?\\d)");
        re.put("l", " ?(?P<I>1?\\d)");
        re.put("Z", "(?P<Z>Z|[A-Z]{3,5})");
        re.put("z", "(?P<z>Z|UTC|GMT|[+-][01]\\d(?::?\\d{2})?)");
        re.put("ExZ", "(?P<Z>" + TZ_ABBR_RE + ")");
        re.put("Exz", "(?P<z>(?:" + TZ_ABBR_RE + ")?[+-][01]\\d(?::?\\d{2})?|" + TZ_ABBR_RE + ")");
        re.put("d", "(?P<d>[1-2]\\d|[0 ]?[1-9]|3[0-1])");
        re.put("m", "(?P<m>0?[1-9]|1[0-2])");
        re.put("Y", "(?P<Y>\\d{4})");
        re.put("H", "(?P<H>[0-1]?\\d|2[0-3])");
        re.put("M", "(?P<M>[0-5]?\\d)");
        re.put("S", "(?P<S>[0-5]?\\d|6[0-1])");
        re.put("Exd", "(?P<d>[1-2]\\d|0[1-9]|3[0-1])");
        re.put("Exm", "(?P<m>0[1-9]|1[0-2])");
        re.put("ExH", "(?P<H>[0-1]\\d|2[0-3])");
        re.put("Exk", " ?(?P<H>[0-1]?\\d|2[0-3])");
        re.put("Exl", " ?(?P<I>1[0-2]|\\d)");
        re.put("ExM", "(?P<M>[0-5]\\d)");
        re.put("ExS", "(?P<S>[0-5]\\d|6[0-1])");
        re.put("Exy", "(?P<y>\\d{2})");
        BASE_RE = Map.copyOf(re);

        Map<String, String> names = new HashMap<>();
        String[][] known = {{"a", "DAY"}, {"A", "DAYNAME"}, {"b", "MON"}, {"B", "MONTH"}, {"d", "Day"},
            {"H", "24hour"}, {"I", "12hour"}, {"j", "Yearday"}, {"m", "Month"}, {"M", "Minute"}, {"p", "AMPM"},
            {"S", "Second"}, {"U", "Yearweek"}, {"w", "Weekday"}, {"W", "Yearweek"}, {"y", "Year2"},
            {"Y", "Year"}, {"%", "%"}, {"z", "Zone offset"}, {"f", "Microseconds"}, {"Z", "Zone name"}};
        for (String[] kv : known) {
            names.put(kv[0], kv[1]);
        }
        List<String> keys = new ArrayList<>(re.keySet());
        keys.add("ExY");
        Map<String, String> base = Map.copyOf(names);
        for (String key : keys) {
            if (names.containsKey(key)) {
                continue;
            }
            // upstream derives "Ex" names from the plain ones; for %Exk/%Exl the result depends on Python's set
            // order, and "%Exk"/"%Exl" is the most frequent outcome
            String plain = key.startsWith("Ex") ? base.get(key.substring(2)) : null;
            names.put(key, plain != null ? "Ex" + plain : "%" + key);
        }
        NAMES = Map.copyOf(names);
    }

    private static final String MULTI_KEYS = "ZzdmHklMSYy";

    private final InstantSource clock;
    private final ZoneId zone;
    private final String exYear;

    /**
     * Creates the directive set for a clock and a local zone; {@code %ExY} covers the years up to three years
     * after the clock's current year.
     */
    public StrptimePattern(InstantSource clock, ZoneId zone) {
        this(clock, zone, Year.from(LocalDate.ofInstant(clock.instant(), zone)));
    }

    /**
     * Creates the directive set with an explicit year for the {@code %ExY} window. Upstream builds that window
     * from the real time even when its tests fix "now" in 2005; tests that reproduce upstream's sample
     * results pass the present year here.
     */
    public StrptimePattern(InstantSource clock, ZoneId zone, Year exYearWindow) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.exYear = "(?P<Y>" + yearCenturyRegex(exYearWindow.getValue()) + "\\d)";
    }

    InstantSource clock() {
        return clock;
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * Builds the prefix regex of the {@code %ExY} years: the first three digits of last year and of the year three
     * years ahead, plus every third year from 2000 on (upstream's {@code _getYearCentRE}).
     */
    static String yearCenturyRegex(int year) {
        TreeSet<String> set = new TreeSet<>();
        set.add(cent(year - 1));
        set.add(cent(year + 3));
        int alternate = 2001;
        for (int i = -1; i < year - alternate + 1; i += 3) {
            set.add(cent(alternate + i));
        }
        return group(new ArrayList<>(set));
    }

    private static String cent(int year) {
        String s = Integer.toString(year);
        return s.length() > 3 ? s.substring(0, 3) : s;
    }

    private static String group(List<String> set) {
        if (set.size() > 1) {
            String c = null;
            for (String i : set) {
                String head = i.substring(0, Math.max(0, i.length() - 1));
                if (c == null || head.equals(c)) {
                    c = head;
                } else {
                    c = null;
                    break;
                }
            }
            if (c == null || c.isEmpty()) {
                c = null;
                for (String i : set) {
                    String head = i.isEmpty() ? "" : i.substring(0, 1);
                    if (c == null || head.equals(c)) {
                        c = head;
                    } else {
                        c = null;
                        break;
                    }
                }
            }
            if (c != null && !c.isEmpty()) {
                List<String> rest = new ArrayList<>();
                for (String i : set) {
                    rest.add(i.substring(c.length()));
                }
                return c + group(rest);
            }
            if (set.get(0).length() > 1) {
                return "(?:" + String.join("|", set) + ")";
            }
            return "[" + String.join("", set) + "]";
        }
        return String.join("", set);
    }

    /** The regex text (Python syntax) of one directive key such as {@code "Y"} or {@code "ExY"}, or null. */
    String directiveRegex(String key) {
        if (key.equals("ExY")) {
            return exYear;
        }
        return BASE_RE.get(key);
    }

    /**
     * Replaces every {@code %}-directive of a date pattern by its regex (Python syntax); the rest of the pattern
     * is kept as it is.
     *
     * @throws DatePatternException if a {@code %} does not start a known directive
     */
    public String toRegex(String pattern) {
        return substitute(pattern, true);
    }

    /**
     * The descriptive template name of a date pattern: every directive replaced by its name, e.g.
     * {@code %Y-%m-%d} gives {@code Year-Month-Day}.
     *
     * @throws DatePatternException if a {@code %} does not start a known directive
     */
    public static String describe(String pattern) {
        return substitute0(pattern, null);
    }

    private String substitute(String pattern, boolean regex) {
        return substitute0(pattern, regex ? this : null);
    }

    private static String substitute0(String pattern, StrptimePattern regexOf) {
        int n = pattern.length();
        StringBuilder out = new StringBuilder(n + (regexOf != null ? 8 * n : 16));
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            String key = directiveAt(pattern, i + 1);
            if (key == null) {
                String what = i + 1 < n
                        ? String.format("unsupported format character '%c' (0x%x)", pattern.charAt(i + 1),
                                (int) pattern.charAt(i + 1))
                        : "incomplete format";
                throw new DatePatternException(pattern, what);
            }
            out.append(regexOf != null ? regexOf.directiveRegex(key) : NAMES.get(key));
            i += 1 + key.length();
        }
        return out.toString();
    }

    /** The directive key starting at {@code i} (after the {@code %}), or null. */
    private static String directiveAt(String p, int i) {
        if (i >= p.length()) {
            return null;
        }
        char c = p.charAt(i);
        if (c == 'E' && i + 2 < p.length() && p.charAt(i + 1) == 'x' && MULTI_KEYS.indexOf(p.charAt(i + 2)) >= 0) {
            return p.substring(i, i + 3);
        }
        String k = String.valueOf(c);
        return BASE_RE.containsKey(k) ? k : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // reGroupDictStrptime

    /**
     * Converts strptime fields (regex group name to matched text) into a point in time, as
     * {@code reGroupDictStrptime} does; fields without a zone are local time of this object's zone. Groups that
     * did not take part are absent or map to null.
     *
     * @param groups the named groups of a match, in the order they appear in the pattern
     * @return the time (whole seconds), or empty if the fields do not form a valid date
     */
    public Optional<Instant> parse(Map<String, String> groups) {
        return parse(groups, null);
    }

    /**
     * Converts strptime fields as {@link #parse(Map)}, with a default zone for fields without one.
     *
     * @param defaultOffsetMinutes the zone to assume when the fields have none, in minutes east of UTC
     */
    public Optional<Instant> parse(Map<String, String> groups, int defaultOffsetMinutes) {
        return parse(groups, Integer.valueOf(defaultOffsetMinutes));
    }

    private Optional<Instant> parse(Map<String, String> groups, Integer defaultOffsetMinutes) {
        List<Field> fields = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        for (Map.Entry<String, String> e : groups.entrySet()) {
            Field f = Field.of(e.getKey());
            if (f == null) {
                continue;
            }
            fields.add(f);
            if (e.getValue() == null) {
                spans.add(new int[] {-1, -1});
            } else {
                int s = text.length();
                text.append(e.getValue());
                spans.add(new int[] {s, text.length()});
            }
        }
        int[] starts = new int[fields.size()];
        int[] ends = new int[fields.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
        }
        double t = toEpochSeconds(text, fields.toArray(new Field[0]), starts, ends, defaultOffsetMinutes);
        return Double.isNaN(t) ? Optional.empty() : Optional.of(Instant.ofEpochSecond((long) t));
    }

    /**
     * The core of {@code reGroupDictStrptime}: fields in group order, each with its span in {@code text}
     * ({@code -1} when the group did not take part).
     *
     * @return epoch seconds, or NaN if the fields do not form a valid date
     */
    double toEpochSeconds(CharSequence text, Field[] fields, int[] starts, int[] ends, Integer defaultOffset) {
        return toEpochSeconds(text, fields, starts, ends, defaultOffset, null, null);
    }

    /**
     * What a conversion took from the clock, so that its result can be reused for the same field texts while the
     * clock gives the same answers: nothing, the current year (and whether the date lies more than a day ahead,
     * then it is taken from the year before), or today's date (not reusable).
     */
    static final class ClockUse {
        static final int NONE = 0;
        static final int YEAR = 1;
        static final int TODAY = 2;

        int kind;
        int year;
        /**
         * The date found, less one day: a "now" before it put the date in the year before; null when the
         * conversion stopped before (an invalid date in that year).
         */
        LocalDateTime threshold;
        boolean yearBefore;

        /**
         * @param now the current local time
         * @return whether a conversion at {@code now} makes the same choices as the recorded one
         */
        boolean sameAt(LocalDateTime now) {
            switch (kind) {
                case NONE:
                    return true;
                case YEAR:
                    return now.getYear() == year && (threshold == null || now.isBefore(threshold) == yearBefore);
                default:
                    return false;
            }
        }
    }

    /** The current local time of an instant in this pattern's zone. */
    LocalDateTime localTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /**
     * As {@link #toEpochSeconds(CharSequence, Field[], int[], int[], Integer)}, with the clock read given and what
     * the conversion takes from it recorded.
     *
     * @param nowInstant the clock as the caller read it for this line, or null (the clock is read when needed)
     * @param use set to what the conversion took from the clock, or null
     */
    double toEpochSeconds(CharSequence text, Field[] fields, int[] starts, int[] ends, Integer defaultOffset,
            Instant nowInstant, ClockUse use) {
        if (use != null) {
            use.kind = ClockUse.NONE;
        }
        int year = NONE;
        int month = NONE;
        int day = NONE;
        int hour = 0;
        int minute = 0;
        int second = 0;
        Integer tzOffset = null;
        int weekday = NONE;
        int julian = NONE;
        int weekOfYear = NONE;
        boolean weekStartsMonday = false;
        for (int i = 0; i < fields.length; i++) {
            int s = starts[i];
            if (s < 0) {
                continue;
            }
            int e = ends[i];
            switch (fields[i]) {
                case y -> {
                    year = pyInt(text, s, e);
                    if (year == BAD) {
                        return Double.NaN;
                    }
                    if (year <= 2000) {
                        year += 2000;
                    }
                }
                case Y -> year = pyInt(text, s, e);
                case m -> month = pyInt(text, s, e);
                case B -> month = monthOf(FULL_MONTHS, text, s, e);
                case b -> month = monthOf(SHORT_MONTHS, text, s, e);
                case d -> day = pyInt(text, s, e);
                case H -> hour = pyInt(text, s, e);
                case I -> {
                    hour = pyInt(text, s, e);
                    if (hour == BAD) {
                        return Double.NaN;
                    }
                    String ampm = ampmOf(text, fields, starts, ends);
                    if (ampm.isEmpty() || ampm.equals("am")) {
                        if (hour == 12) {
                            hour = 0;
                        }
                    } else if (ampm.equals("pm") && hour != 12) {
                        hour += 12;
                    }
                }
                case M -> minute = pyInt(text, s, e);
                case S -> second = pyInt(text, s, e);
                case A -> {
                    weekday = indexOf(FULL_DAYS, text, s, e);
                    if (weekday < 0) {
                        return Double.NaN;
                    }
                }
                case a -> {
                    weekday = indexOf(SHORT_DAYS, text, s, e);
                    if (weekday < 0) {
                        return Double.NaN;
                    }
                }
                case w -> {
                    weekday = pyInt(text, s, e);
                    if (weekday == BAD) {
                        return Double.NaN;
                    }
                    weekday -= 1;
                    if (weekday < 0) {
                        weekday = 6;
                    }
                }
                case j -> {
                    julian = pyInt(text, s, e);
                    if (julian == BAD) {
                        return Double.NaN;
                    }
                }
                case U, W -> {
                    weekOfYear = pyInt(text, s, e);
                    if (weekOfYear == BAD) {
                        return Double.NaN;
                    }
                    weekStartsMonday = fields[i] == Field.W;
                }
                case z, Z -> {
                    try {
                        tzOffset = TimeZoneOffsets.offsetOfLogZone(text.subSequence(s, e).toString());
                    } catch (IllegalArgumentException ex) {
                        return Double.NaN;
                    }
                }
                default -> {
                    // f (fractions are not used), p (read together with I)
                }
            }
            if (year == BAD || month == BAD || day == BAD || hour == BAD || minute == BAD || second == BAD) {
                return Double.NaN;
            }
        }
        LocalDateTime now = null;
        boolean assumeYear = false;
        if (year == NONE) {
            now = now(nowInstant);
            year = now.getYear();
            assumeYear = true;
            if (use != null) {
                use.kind = ClockUse.YEAR;
                use.year = year;
                use.threshold = null;
            }
        }
        try {
            if (month == NONE || day == NONE) {
                if (julian == NONE && weekOfYear != NONE && weekday != NONE) {
                    julian = julianFromWeek(year, weekOfYear, weekday, weekStartsMonday);
                }
                if (julian != NONE) {
                    checkYear(year);
                    LocalDate date = LocalDate.of(year, 1, 1).plusDays(julian - 1L);
                    year = date.getYear();
                    month = date.getMonthValue();
                    day = date.getDayOfMonth();
                }
            }
            boolean assumeToday = false;
            if (month == NONE && day == NONE) {
                if (use != null) {
                    use.kind = ClockUse.TODAY;
                }
                if (now == null) {
                    now = now(nowInstant);
                }
                month = now.getMonthValue();
                day = now.getDayOfMonth();
                assumeToday = true;
            }
            if (month == NONE || day == NONE) {
                // upstream: TypeError (a month without a day or the other way round)
                return Double.NaN;
            }
            checkYear(year);
            LocalDateTime result = LocalDateTime.of(year, month, day, hour, minute, second);
            if (tzOffset == null && defaultOffset != null) {
                tzOffset = defaultOffset;
            }
            if (tzOffset != null) {
                result = result.minusMinutes(tzOffset);
            }
            if (assumeToday) {
                if (now == null) {
                    now = now(nowInstant);
                }
                if (result.isAfter(now)) {
                    result = result.minusDays(1);
                }
            }
            if (assumeYear) {
                if (now == null) {
                    now = now(nowInstant);
                }
                boolean yearBefore = result.isAfter(now.plusDays(1));
                if (use != null && use.kind == ClockUse.YEAR) {
                    use.threshold = result.minusDays(1);
                    use.yearBefore = yearBefore;
                }
                if (yearBefore) {
                    checkYear(year - 1);
                    result = LocalDateTime.of(year - 1, month, day, result.getHour(), result.getMinute(),
                            result.getSecond());
                }
            }
            checkYear(result.getYear());
            if (tzOffset != null) {
                return result.toEpochSecond(ZoneOffset.UTC);
            }
            return result.toEpochSecond(localOffset(result));
        } catch (DateTimeException | ArithmeticException ex) {
            return Double.NaN;
        }
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new DateTimeException("year " + year + " is out of range");
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    /** The local time of the clock reading the caller made for this line, or of a new reading. */
    private LocalDateTime now(Instant reading) {
        return reading != null ? LocalDateTime.ofInstant(reading, zone) : now();
    }

    /** The offset {@code time.mktime} applies: standard time at an overlap, the offset before a gap. */
    private ZoneOffset localOffset(LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return rules.getOffset(Instant.EPOCH);
        }
        ZoneOffsetTransition t = rules.getTransition(local);
        if (t == null) {
            return rules.getOffset(local);
        }
        return t.isOverlap() ? t.getOffsetAfter() : t.getOffsetBefore();
    }

    /** Python's {@code _strptime._calc_julian_from_U_or_W}. */
    static int julianFromWeek(int year, int weekOfYear, int dayOfWeek, boolean weekStartsMonday) {
        checkYear(year);
        int firstWeekday = LocalDate.of(year, 1, 1).getDayOfWeek().getValue() - 1;
        if (!weekStartsMonday) {
            firstWeekday = (firstWeekday + 1) % 7;
            dayOfWeek = (dayOfWeek + 1) % 7;
        }
        int week0Length = (7 - firstWeekday) % 7;
        if (weekOfYear == 0) {
            return 1 + dayOfWeek - firstWeekday;
        }
        int daysToWeek = week0Length + 7 * (weekOfYear - 1);
        return 1 + daysToWeek + dayOfWeek;
    }

    private static String ampmOf(CharSequence text, Field[] fields, int[] starts, int[] ends) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == Field.p) {
                if (starts[i] < 0) {
                    return "";
                }
                return text.subSequence(starts[i], ends[i]).toString().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** 1-based month of a name, or {@link #BAD}. */
    private static int monthOf(String[] names, CharSequence text, int s, int e) {
        int i = indexOf(names, text, s, e);
        return i < 0 ? BAD : i + 1;
    }

    private static int indexOf(String[] names, CharSequence text, int s, int e) {
        String v = text.subSequence(s, e).toString().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    /** Marks a field that is not in the match. */
    private static final int NONE = Integer.MIN_VALUE;
    /** Marks a value {@link #pyInt} could not read. */
    static final int BAD = Integer.MIN_VALUE + 1;

    /**
     * Python's {@code int(str)} for the digits of a group: surrounding whitespace, a sign, Unicode decimal
     * digits and single underscores between digits.
     *
     * @return the value, or {@link #BAD}
     */
    static int pyInt(CharSequence t, int s, int e) {
        while (s < e && isPySpace(t.charAt(s))) {
            s++;
        }
        while (e > s && isPySpace(t.charAt(e - 1))) {
            e--;
        }
        if (s >= e) {
            return BAD;
        }
        boolean neg = false;
        char c0 = t.charAt(s);
        if (c0 == '+' || c0 == '-') {
            neg = c0 == '-';
            s++;
        }
        if (s >= e) {
            return BAD;
        }
        long v = 0;
        boolean lastDigit = false;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c == '_' && lastDigit && i + 1 < e) {
                lastDigit = false;
                continue;
            }
            int d = Character.digit(c, 10);
            if (d < 0 || !Character.isDigit(c)) {
                return BAD;
            }
            v = v * 10 + d;
            if (v > 1_000_000_000L) {
                return BAD;
            }
            lastDigit = true;
        }
        if (!lastDigit) {
            return BAD;
        }
        return (int) (neg ? -v : v);
    }

    static boolean isPySpace(char c) {
        return PyStrings.isSpace(c);
    }

    /** Python's {@code str.strip()}. */
    static String pyStrip(String s) {
        return PyStrings.strip(s);
    }
}
