package org.fail2ban4j.filter;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.TemplateMatch;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.ExpiringCache;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.net.UseDns;
import org.fail2ban4j.regex.Backtracker;
import org.fail2ban4j.regex.LiteralPrefilter;
import org.fail2ban4j.regex.PrefilterIndex;
import org.fail2ban4j.regex.RegexBudgetExceededException;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RestOfLineSearch;
import org.fail2ban4j.time.DurationFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns log lines into failures: date detection and the date fallback rules, the line buffer of multi-line
 * filters, prefregex with {@code <F-CONTENT>}, failregexes, ignoreregexes and the multi-line failure logic keyed
 * by {@code mlfid}. Port of {@code fail2ban/server/filter.py:Filter} ({@code processLine}, {@code findFailure},
 * {@code _mergeFailure}, {@code _ignoreLine}).
 *
 * <p>Not thread-safe: one instance belongs to one filter thread (or one {@code fail2ban-regex} run). The regexes
 * are compiled once when set; each line costs the date detection and the searches, with one matcher per regex
 * reused. Searches that cannot match are skipped, with the same results: the literals every match of a regex
 * contains ({@link org.fail2ban4j.regex.PrefilterIndex}) rule out most failregexes for a line, and a line in which
 * no failregex can match any part is not given to the prefregex at all. The clock is read at most once per line.
 */
public final class FailureMatcher {
    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.filter");
    private static final Function<TupleLine, String> TEXT = TupleLine::withoutDate;

    private final String jailName;
    private final InstantSource clock;
    private final DefaultDateTemplates dateTemplates;
    private final DnsResolver dns;
    /** Whether the date templates read {@link #clock} (then one reading serves both per line). */
    private final boolean clockShared;

    private FailRegex prefRegex;
    /** The prefregex's searches (null without a prefregex). */
    private PrefSearch prefSearch;
    private final List<FailRegex> failRegexes = new ArrayList<>();
    private final List<Matcher> failMatchers = new ArrayList<>();
    /** The failregexes' literal prefilters combined; rebuilt when the failregexes change. */
    private PrefilterIndex failIndex;
    private PrefilterIndex.Candidates failCandidates;
    /** The buffer {@link #failCandidates} was computed for. */
    private String failCandidatesFor;
    /** Whether some failregex may match a part of the line (the prefregex's content); null if it cannot tell. */
    private PrefilterIndex.PartCheck partCheck;
    private final PartCheckPace partCheckPace = new PartCheckPace();
    private boolean literalPrefilters = true;
    private final List<FailRegex> ignoreRegexes = new ArrayList<>();
    private final List<Matcher> ignoreMatchers = new ArrayList<>();
    private UseDns useDns = UseDns.WARN;
    private int lineBufferSize = 1;
    private DateDetector dateDetector;
    private String logTimeZone;
    private double findTime = 600;

    /** Return the host text as a raw id (never resolve names); fail2ban-regex and the sample tests set it. */
    private boolean returnRawHost;
    /** Try every failregex on a line instead of stopping at the first match (fail2ban-regex). */
    private boolean checkAllRegex;
    /** Do not report failures still waiting for their id. */
    private boolean ignorePending = true;
    /** Apply the findtime and "now" rules to dates (a running jail), or take dates as they are (tests, tools). */
    private boolean checkFindTime = true;
    /** Processing new lines (true) or the back log at start-up (false). */
    private boolean inOperation = true;
    private IgnoreRegexListener onIgnoreRegex;

    private List<TupleLine> lineBuffer = new ArrayList<>();
    /** The prefregex's result on the last line: its match, or null with {@link #prefSkipped} telling why. */
    private RegexMatch lastPrefMatch;
    /** The buffer the prefregex was not tried on because the prefilters ruled every failregex out; else null. */
    private String prefSkipped;
    /**
     * The line {@link #processLine} let skip the prefregex (the prefilters ruled every failregex out), else null;
     * its buffer (the line without {@code [prefSkippedCutStart, prefSkippedCutEnd)}, its date, and a line end) is
     * built only when the prefregex is searched on it.
     */
    private String prefSkippedLine;
    private int prefSkippedCutStart;
    private int prefSkippedCutEnd;
    private String lastTimeText = "";
    private Double lastDate;
    private ExpiringCache<String, Map<String, Object>> mlfidCache;
    private final Map<String, Double> nextWarn = new HashMap<>();
    private TupleLine processedLine;
    /** A processed line not split yet ({@link #processedLine()} splits it on demand), or null. */
    private String processedSource;
    private int processedCutStart;
    private int processedCutEnd;
    private String processedDate;
    /** The clock read once for the line being processed (NaN: not read yet). */
    private double lineNow = Double.NaN;
    /** A clock reading that stands for every following line ({@link #useBatchReading}); null: each line reads. */
    private Instant batchReading;
    private double batchNow;
    /** This thread's means of searching (whether our own matcher, {@link Backtracker}, is used, and its scratch). */
    private final Searching searching = new Searching();
    private long budgetExceeded;

    /** Called when an ignoreregex matches a line (fail2ban-regex counts these). */
    @FunctionalInterface
    public interface IgnoreRegexListener {
        void ignored(int index, FailRegex regex);
    }

    public FailureMatcher(String jailName, InstantSource clock, DefaultDateTemplates dateTemplates,
            DnsResolver dns) {
        this.jailName = jailName;
        this.clock = clock;
        this.dateTemplates = dateTemplates;
        this.dns = dns;
        this.dateDetector = new DateDetector(dateTemplates);
        this.clockShared = dateTemplates.readsClock(clock);
    }

    /** The current time, read at most once per line. */
    private double now() {
        double n = lineNow;
        if (Double.isNaN(n)) {
            n = clock.millis() / 1000.0;
            lineNow = n;
        }
        return n;
    }

    /**
     * Makes one clock reading stand for the lines processed until the next call (null: each line reads the clock
     * again), as a tool that reads a batch of lines at once reads the clock once per batch. Used only where the
     * date templates read the same clock (else each line reads it, as without a batch reading).
     */
    public void useBatchReading(Instant reading) {
        batchReading = clockShared ? reading : null;
        batchNow = reading == null ? Double.NaN : reading.toEpochMilli() / 1000.0;
    }

    /** Reads the clock for the line being processed (its first reading); {@link #now()} then gives that time. */
    private Instant readClock() {
        Instant t = clock.instant();
        lineNow = t.toEpochMilli() / 1000.0;
        return t;
    }

    // ---- configuration ----

    /** Upstream {@code prefRegex = value}: null or blank removes it. */
    public void setPrefRegex(String value) {
        if (value == null || value.isBlank()) {
            prefRegex = null;
            prefSearch = null;
        } else {
            prefRegex = FailRegex.regex(value, false, useDns.hostTagMatchesNames());
            prefSearch = new PrefSearch(prefRegex);
        }
    }

    public FailRegex prefRegex() {
        return prefRegex;
    }

    public void addFailRegex(String value) {
        FailRegex r = FailRegex.failRegex(value, Optional.ofNullable(prefRegex), lineBufferSize > 1,
                useDns.hostTagMatchesNames());
        failRegexes.add(r);
        failMatchers.add(r.newMatcher());
        failIndex = null;
    }

    /** Upstream {@code delFailRegex(index)}. */
    public void delFailRegex(int index) {
        failRegexes.remove(index);
        failMatchers.remove(index);
        failIndex = null;
    }

    public List<FailRegex> failRegexes() {
        return List.copyOf(failRegexes);
    }

    public void addIgnoreRegex(String value) {
        FailRegex r = FailRegex.regex(value, lineBufferSize > 1, useDns.hostTagMatchesNames());
        ignoreRegexes.add(r);
        ignoreMatchers.add(r.newMatcher());
    }

    public void delIgnoreRegex(int index) {
        ignoreRegexes.remove(index);
        ignoreMatchers.remove(index);
    }

    public List<FailRegex> ignoreRegexes() {
        return List.copyOf(ignoreRegexes);
    }

    public void setUseDns(UseDns value) {
        this.useDns = value;
    }

    public UseDns useDns() {
        return useDns;
    }

    /** Upstream {@code setMaxLines}: at least 1. */
    public void setMaxLines(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxlines must be integer greater than zero");
        }
        lineBufferSize = value;
    }

    public int maxLines() {
        return lineBufferSize;
    }

    /** Upstream {@code setDatePattern}: null means no date detection; otherwise one template per line. */
    public void setDatePattern(String pattern) {
        if (pattern == null) {
            dateDetector = null;
            return;
        }
        DateDetector dd = DateDetector.forDatePattern(dateTemplates, pattern);
        if (logTimeZone != null) {
            dd.setDefaultTimeZone(logTimeZone);
        }
        dateDetector = dd;
    }

    public DateDetector dateDetector() {
        return dateDetector;
    }

    public void setLogTimeZone(String tz) {
        logTimeZone = tz;
        if (dateDetector != null) {
            if (tz == null) {
                dateDetector.clearDefaultTimeZone();
            } else {
                dateDetector.setDefaultTimeZone(tz);
            }
        }
    }

    public void setFindTime(double seconds) {
        findTime = seconds;
    }

    public void setReturnRawHost(boolean v) {
        returnRawHost = v;
    }

    public void setCheckAllRegex(boolean v) {
        checkAllRegex = v;
    }

    public void setIgnorePending(boolean v) {
        ignorePending = v;
    }

    public void setCheckFindTime(boolean v) {
        checkFindTime = v;
    }

    public void setInOperation(boolean v) {
        inOperation = v;
    }

    public void setOnIgnoreRegex(IgnoreRegexListener l) {
        onIgnoreRegex = l;
    }

    /** How many searches gave up because they exceeded their budget. */
    public long budgetExceeded() {
        return budgetExceeded;
    }

    private Optional<FailRegex.Match<TupleLine>> search(FailRegex regex, Matcher matcher, String buf,
            List<TupleLine> orgBuffer) {
        if (literalPrefilters && !regex.compiled().prefilter().mayMatch(buf)) {
            return Optional.empty();
        }
        return searchAlways(regex, matcher, buf, orgBuffer);
    }

    /**
     * Turns the literal prefilters off (tests compare the results with and without them). With them on, a
     * search that cannot match is skipped.
     */
    void setLiteralPrefilters(boolean on) {
        literalPrefilters = on;
    }

    /**
     * Makes every search go through {@code java.util.regex} (tests compare the results with and without our own
     * matcher, {@link Backtracker}).
     */
    void setOwnMatcher(boolean on) {
        searching.ownMatcher = on;
    }

    /**
     * The first failregex from {@code index} on that may match {@code buf} (that its literal prefilter does not
     * rule out), or -1.
     */
    private int nextFailRegex(int index, String buf) {
        if (!literalPrefilters) {
            return index;
        }
        failIndex();
        if (failCandidatesFor != buf) {
            failCandidates.update(buf);
            failCandidatesFor = buf;
        }
        return failCandidates.next(index);
    }

    private PrefilterIndex failIndex() {
        if (failIndex == null) {
            List<LiteralPrefilter> filters = new ArrayList<>(failRegexes.size());
            for (FailRegex r : failRegexes) {
                filters.add(r.compiled().prefilter());
            }
            failIndex = PrefilterIndex.of(filters);
            failCandidates = failIndex.newCandidates();
            failCandidatesFor = null;
            partCheck = failIndex.newPartCheck().orElse(null);
        }
        return failIndex;
    }

    /**
     * Whether the prefregex needs to run at all: with one line per buffer (no state kept between lines), when no
     * failregex can match any part of the buffer, the prefregex's content cannot change the outcome.
     */
    private boolean anyFailRegexMayMatchPart(String buf) {
        if (lineBufferSize != 1 || !literalPrefilters) {
            return true;
        }
        failIndex();
        if (partCheck == null) {
            return true;
        }
        partCheck.reset();
        partCheck.scan(buf, 0, buf.length());
        return partCheck.anyMayMatch();
    }

    /** A search without the prefilter (the caller has checked it). */
    private Optional<FailRegex.Match<TupleLine>> searchAlways(FailRegex regex, Matcher matcher, String buf,
            List<TupleLine> orgBuffer) {
        RegexMatch m = find(regex, matcher, buf);
        return m == null ? Optional.empty() : Optional.of(regex.match(m, orgBuffer, TEXT));
    }

    /** The prefregex's match on a buffer ({@link PrefSearch#find}); null when none (or it gave up). */
    private RegexMatch findPref(String buf) {
        try {
            return prefSearch.find(buf, literalPrefilters, searching);
        } catch (RegexBudgetExceededException e) {
            gaveUp(prefRegex, buf, e);
            return null;
        }
    }

    /** The raw match of a regex on a buffer, within the search budget; null when none (or it gave up). */
    private RegexMatch find(FailRegex regex, Matcher matcher, String buf) {
        try {
            return searching.find(regex, matcher, buf);
        } catch (RegexBudgetExceededException e) {
            gaveUp(regex, buf, e);
            return null;
        }
    }

    /**
     * Upstream {@code prefRegex.hasMatched()} and {@code getGroups()} after the last line: the prefregex's named
     * groups (null for groups that did not take part), empty when there is no prefregex or it did not match. When
     * the prefilters let the last line skip the prefregex, it is searched now, so the answer is upstream's either
     * way ({@code fail2ban-regex} counts prefregex matches).
     */
    public Optional<Map<String, String>> lastPrefRegexGroups() {
        if (prefRegex == null) {
            return Optional.empty();
        }
        searchSkippedPref();
        return lastPrefMatch != null ? Optional.of(prefRegex.groups(lastPrefMatch)) : Optional.empty();
    }

    /**
     * Upstream {@code prefRegex.hasMatched()} after the last line (see {@link #lastPrefRegexGroups()}). Where the
     * prefregex matches every line of at least one character ({@link RestOfLineSearch#matchesEveryLine()}), a
     * skipped line of one line is known to match without the search (its groups are searched when asked for).
     */
    public boolean lastPrefRegexMatched() {
        if (prefRegex == null) {
            return false;
        }
        if (lastPrefMatch == null && prefSkippedLine != null && literalPrefilters
                && matchesWithoutSearch(prefSearch, prefSkippedLine, prefSkippedCutStart, prefSkippedCutEnd)) {
            return true;
        }
        searchSkippedPref();
        return lastPrefMatch != null;
    }

    /**
     * Whether the prefregex is known to match the line without {@code [cutStart, cutEnd)} (and a line end) without
     * a search: it matches every line of at least one character ({@link RestOfLineSearch#matchesEveryLine()}).
     */
    static boolean matchesWithoutSearch(PrefSearch prefSearch, String line, int cutStart, int cutEnd) {
        return prefSearch.rest != null && prefSearch.rest.matchesEveryLine()
                && cutStart + line.length() - cutEnd > 0 && line.indexOf('\n') < 0;
    }

    /** Searches the prefregex on the last line if the prefilters let it skip the search. */
    private void searchSkippedPref() {
        if (lastPrefMatch != null) {
            return;
        }
        String text = prefSkipped;
        if (text == null && prefSkippedLine != null) {
            text = prefSkippedLine.substring(0, prefSkippedCutStart) + prefSkippedLine.substring(prefSkippedCutEnd)
                    + "\n";
        }
        prefSkipped = null;
        prefSkippedLine = null;
        if (text != null) {
            lastPrefMatch = findPref(text);
        }
    }

    /** The lines the multi-line buffer holds now (a copy). */
    public List<TupleLine> lineBuffer() {
        return List.copyOf(lineBuffer);
    }

    /** The date of the last line that had one (epoch seconds), if any. */
    public Optional<Double> lastDate() {
        return Optional.ofNullable(lastDate);
    }

    private void gaveUp(FailRegex regex, String buf, RegexBudgetExceededException e) {
        budgetExceeded++;
        LOG.error("[{}] Regex {} gave up on a line after {} steps of matching{}; line: {}", jailName,
                org.fail2ban4j.regex.PyStrings.repr(regex.regex()), e.budget(),
                e.stackExhausted() ? " (stack exhausted)" : "", buf.length() > 300 ? buf.substring(0, 300)
                + "..." : buf);
    }

    /** The last line given to {@link #processLine}, split around its date. */
    public TupleLine processedLine() {
        if (processedLine == null && processedSource != null) {
            processedLine = new TupleLine(processedSource.substring(0, processedCutStart), processedDate,
                    processedSource.substring(processedCutEnd));
            processedSource = null;
        }
        return processedLine;
    }

    private ExpiringCache<String, Map<String, Object>> mlfidCache() {
        if (mlfidCache == null) {
            mlfidCache = new ExpiringCache<>(100, Duration.ofMinutes(5), clock);
        }
        return mlfidCache;
    }

    // ---- processing ----

    /** Upstream {@code processLine(line)}: finds the date in the line, then the failures. */
    public List<Failure> processLine(String line) {
        try {
            return processLine0(line, null);
        } finally {
            lineNow = Double.NaN;
        }
    }

    /**
     * As {@link #processLine(String)}, with what a {@link LineScanner} of this matcher found for the line on
     * another thread (null, or the scan of another text: the line is processed as without it, which must not then
     * happen while the scanner holds the date detector).
     */
    public List<Failure> processLine(String line, LineScan scan) {
        try {
            return processLine0(line, scan != null && (scan.line == line || scan.line.equals(line)) ? scan : null);
        } finally {
            lineNow = Double.NaN;
        }
    }

    /**
     * A scanner of the lines to come (see {@link LineScanner}), to run on one other thread, or null where scanning
     * ahead does not apply (several lines per buffer, or the prefilters turned off). The matcher must not change
     * afterwards, and its date detector belongs to the scanner from now until the scanner's last line was
     * processed: every line given to {@link #processLine(String, LineScan)} from then on must have been scanned, in
     * order (a line that is not processed must not be scanned).
     *
     * @param resolvePrefOnSkip whether the scanner also searches the prefregex on lines no failregex can match (so
     *     that {@link #lastPrefRegexMatched()} is known without a search on the processing thread)
     */
    public LineScanner newLineScanner(boolean resolvePrefOnSkip) {
        if (lineBufferSize != 1 || !literalPrefilters) {
            return null;
        }
        PrefilterIndex index = failIndex();
        PrefilterIndex.PartCheck check = null;
        if (!failRegexes.isEmpty() && !ignoreBeforeFailRegexes() && partCheck != null) {
            check = index.newPartCheck().orElse(null);
        }
        if (prefRegex != null) {
            prefRegex.compiled().prefilter();
        }
        return new LineScanner(dateDetector, clock, clockShared, prefSearch, failRegexes, index, check,
                searching.ownMatcher, resolvePrefOnSkip);
    }

    /**
     * Whether {@link #lastPrefRegexMatched()} is known without a search: the prefregex was searched on the last
     * line, or it matches every line (or there is none).
     */
    public boolean lastPrefRegexKnown() {
        return prefRegex == null || lastPrefMatch != null || (prefSkipped == null && prefSkippedLine == null)
                || (prefSkippedLine != null && literalPrefilters
                && matchesWithoutSearch(prefSearch, prefSkippedLine, prefSkippedCutStart, prefSkippedCutEnd));
    }

    private List<Failure> processLine0(String line, LineScan scan) {
        boolean noDate = false;
        Double date = null;
        // the line split around its date, kept as positions until a TupleLine is needed: prefix
        // tupleSource[0, cutStart), date text tupleDate, suffix tupleSource[cutEnd, ...)
        String tupleDate = "";
        int cutStart = 0;
        int cutEnd = 0;
        TemplateMatch m = null;
        if (dateDetector != null) {
            // a running jail needs the time of every line: read the clock once, for the date detection too
            if (scan != null) {
                if (scan.dateError != null) {
                    throw scan.dateError;
                }
                if (batchReading != null) {
                    lineNow = batchNow;
                }
                m = scan.date;
            } else if (batchReading != null) {
                lineNow = batchNow;
                m = dateDetector.matchTimeOrNull(line, batchReading);
            } else {
                m = checkFindTime && clockShared ? dateDetector.matchTimeOrNull(line, readClock())
                        : dateDetector.matchTime(line).orElse(null);
            }
        }
        if (m != null) {
            int s = m.dateStart();
            int e = m.dateEnd();
            if (s < 0) {
                cutStart = line.length();
                cutEnd = line.length();
            } else {
                cutStart = s;
                cutEnd = e;
                tupleDate = scan != null && scan.tuple != null ? scan.tuple.dateText() : line.substring(s, e);
            }
            String text = tupleDate;
            if (!text.isEmpty()) {
                double seconds = scan != null ? scan.seconds : dateDetector.epochSecondsOf(m);
                if (!Double.isNaN(seconds)) {
                    date = seconds;
                    lastTimeText = text;
                    lastDate = date;
                } else {
                    LOG.error("findFailure failed to parse timeText: {}", text);
                }
            } else if (lastDate != null && lastDate > now() - 60) {
                cutStart = 0;
                cutEnd = 0;
                tupleDate = lastTimeText;
                date = lastDate;
            } else {
                date = now();
            }
        }
        if (date == null) {
            noDate = true;
            if (lastDate != null && lastDate > now() - 60) {
                cutStart = 0;
                cutEnd = 0;
                tupleDate = lastTimeText;
                date = lastDate;
            } else if (checkFindTime && inOperation) {
                date = now();
            }
        }
        if (checkFindTime && date != null) {
            double now = now();
            if (inOperation) {
                long delta = (long) (date - now);
                if (Math.abs(delta) > 60) {
                    warnOnce("simByTime", String.format("[%s] Detected a log entry %s %s the current time in operation "
                            + "mode. This looks like a %s problem. Treating such entries as if they just happened.",
                            jailName, DurationFormatter.format((double) Math.abs(delta)),
                            delta < 0 ? "before" : "after", -3300 <= delta && delta < 0 ? "latency" : "timezone"),
                            "[" + jailName + "] Please check a jail for a timing issue. Line with odd timestamp: "
                            + line);
                    date = now;
                    lastDate = date;
                }
            } else if (date < now - findTime) {
                warnOnce("ignByTime", "[" + jailName + "] Ignoring all log entries older than "
                        + DurationFormatter.format(findTime) + "s; these are probably messages generated while "
                        + "fail2ban was not running.", "[" + jailName + "] Please check a jail for a timing issue. "
                        + "Line with odd timestamp: " + line);
                return List.of();
            }
        }
        if (scan != null && (scan.cutStart != cutStart || scan.cutEnd != cutEnd
                || (scan.tuple != null && !scan.tuple.dateText().equals(tupleDate)))) {
            scan = null; // the line's date came from the line before: its parts are not those scanned
        }
        if (scan != null && scan.partChecked ? !scan.mayMatch : !anyFailRegexMayMatchLine(line, cutStart, cutEnd)) {
            // nothing can match: skip building the buffers (findFailure would find nothing and keep no state)
            processedLine = null;
            processedSource = line;
            processedCutStart = cutStart;
            processedCutEnd = cutEnd;
            processedDate = tupleDate;
            lastPrefMatch = null;
            prefSkipped = null;
            prefSkippedLine = prefRegex == null ? null : line;
            prefSkippedCutStart = cutStart;
            prefSkippedCutEnd = cutEnd;
            if (scan != null && scan.prefKnown) {
                lastPrefMatch = scan.preMatch;
                prefSkippedLine = null;
            }
            return List.of();
        }
        if (scan != null && scan.buf == null) {
            scan = null; // only the date was scanned
        }
        TupleLine tuple = scan != null ? scan.tuple
                : new TupleLine(line.substring(0, cutStart), tupleDate, line.substring(cutEnd));
        processedLine = tuple;
        processedSource = null;
        return findFailure0(tuple, date, noDate, true, scan);
    }

    /** Upstream {@code processLine((prefix, dateText, rest), date)}: a line whose time is already known. */
    public List<Failure> processLine(TupleLine tuple, double date) {
        lastTimeText = tuple.dateText();
        lastDate = date;
        processedLine = tuple;
        processedSource = null;
        try {
            return findFailure0(tuple, date, false, false, null);
        } finally {
            lineNow = Double.NaN;
        }
    }

    /**
     * Whether a failregex may match the line without its date ({@code line[0, cutStart) + line[cutEnd, ...)}):
     * false only when nothing can match and {@link #findFailure} would keep no state from the line (one line per
     * buffer, no ignoreregex tried before the failregexes).
     */
    private boolean anyFailRegexMayMatchLine(String line, int cutStart, int cutEnd) {
        if (lineBufferSize != 1 || failRegexes.isEmpty() || ignoreBeforeFailRegexes() || !literalPrefilters) {
            return true;
        }
        failIndex();
        if (partCheck == null) {
            return true;
        }
        if (!partCheckPace.check()) {
            return true;
        }
        boolean may = partsMayMatch(partCheck, line, cutStart, cutEnd);
        partCheckPace.checked(may);
        return may;
    }

    /** Whether some failregex may match a part of the line without {@code [cutStart, cutEnd)}, with a line end. */
    static boolean partsMayMatch(PrefilterIndex.PartCheck check, String line, int cutStart, int cutEnd) {
        check.reset();
        check.scan(line, 0, cutStart);
        check.scan(line, cutEnd, line.length());
        check.scan("\n", 0, 1);
        return check.anyMayMatch();
    }

    /** Upstream tries the ignoreregexes before the failregexes when there are clearly fewer of them. */
    private boolean ignoreBeforeFailRegexes() {
        return !ignoreRegexes.isEmpty() && ignoreRegexes.size() < failRegexes.size() - 2;
    }

    private void warnOnce(String key, String... messages) {
        double now = now();
        Double next = nextWarn.get(key);
        if (next != null && now < next) {
            LOG.trace("{}", messages[0]);
            return;
        }
        nextWarn.put(key, now + 24 * 60 * 60);
        for (String m : messages) {
            LOG.warn("{}", m);
        }
    }

    /** Upstream {@code findFailure(tupleLine, date, noDate)}. */
    public List<Failure> findFailure(TupleLine tuple, Double date, boolean noDate) {
        try {
            return findFailure0(tuple, date, noDate, false, null);
        } finally {
            lineNow = Double.NaN;
        }
    }

    /**
     * @param partChecked whether {@link #processLine} has made (or skipped on purpose) the check of the line's
     *     parts
     * @param scan what a {@link LineScanner} found for the line (its buffers are those of {@code tuple}), or null
     */
    private List<Failure> findFailure0(TupleLine tuple, Double date, boolean noDate, boolean partChecked,
            LineScan scan) {
        // most lines have no failure: the list is made for the first one
        List<Failure> out = List.of();
        int defCidr = useDns == UseDns.RAW || returnRawHost ? IpAddress.CIDR_RAW : IpAddress.CIDR_UNSPEC;
        List<TupleLine> orgBuffer;
        if (lineBufferSize > 1) {
            if (!(lineBuffer instanceof ArrayList)) {
                lineBuffer = new ArrayList<>(lineBuffer);
            }
            lineBuffer.add(tuple);
            if (lineBuffer.size() > lineBufferSize) {
                lineBuffer = new ArrayList<>(lineBuffer.subList(lineBuffer.size() - lineBufferSize, lineBuffer.size()));
            }
            orgBuffer = List.copyOf(lineBuffer);
        } else {
            orgBuffer = List.of(tuple);
            lineBuffer = orgBuffer;
        }
        String buf = scan != null ? scan.buf : orgBuffer.size() == 1 ? tuple.withoutDate().concat("\n")
                : FailRegex.joinLines(orgBuffer, TEXT);

        if (ignoreBeforeFailRegexes()) {
            if (ignoreLine(buf, orgBuffer, null) >= 0) {
                return out;
            }
        }
        // the prefregex's match; its groups without "content" go first into the data of a failure
        RegexMatch preMatch = null;
        if (prefRegex != null) {
            // as upstream's Regex keeps its last match: only a line that reaches the prefregex replaces it
            lastPrefMatch = null;
            prefSkipped = null;
            prefSkippedLine = null;
            if (!partChecked && !anyFailRegexMayMatchPart(buf)) {
                prefSkipped = buf;
                return out;
            }
            if (scan != null && scan.prefKnown) {
                preMatch = scan.preMatch;
            } else {
                scan = null; // its failregex results are for the prefregex's content
                preMatch = !literalPrefilters || prefRegex.compiled().prefilter().mayMatch(buf)
                        ? findPref(buf) : null;
            }
            lastPrefMatch = preMatch;
            if (preMatch == null) {
                return out;
            }
            String repl = scan != null ? scan.content : prefRegex.groupOrNull(preMatch, "content");
            if (Failure.truthy(repl)) {
                lineBuffer = List.of(new TupleLine("", "", repl));
                buf = scan != null ? scan.failBuf : repl.concat("\n"); // the buffer of that one line
            }
        }
        for (int index = 0; index < failRegexes.size(); index++) {
            if (buf == null) {
                buf = FailRegex.joinLines(lineBuffer, TEXT);
            }
            // the failregexes between index and the next one that may match cannot match: skip them
            boolean scanned = scan != null && buf == scan.failBuf;
            index = scanned ? scan.nextCandidate(index) : nextFailRegex(index, buf);
            if (index < 0) {
                break;
            }
            FailRegex failRegex = failRegexes.get(index);
            Object result = scanned ? scan.result(index) : LineScan.UNKNOWN;
            RegexMatch found = result != LineScan.UNKNOWN ? (RegexMatch) result
                    : find(failRegex, failMatchers.get(index), buf);
            if (found == null) {
                continue;
            }
            FailRegex.Match<TupleLine> match = failRegex.match(found, orgBuffer, TEXT);
            if (!ignoreRegexes.isEmpty() && ignoreLine(buf, orgBuffer, match) >= 0) {
                buf = null;
                if (!checkAllRegex) {
                    break;
                }
                continue;
            }
            if (noDate) {
                warnOnce("noTime", "[" + jailName + "] Found a match but no valid date/time found for "
                        + org.fail2ban4j.regex.PyStrings.repr(tuple.dateText()) + ".",
                        "[" + jailName + "] Match without a timestamp: " + joinFull(match.matchedLines()),
                        "[" + jailName + "] Please try setting a custom date pattern (see man page jail.conf(5)).");
                if (date == null && checkFindTime) {
                    continue;
                }
            }
            if (!checkAllRegex || lineBufferSize > 1) {
                lineBuffer = new ArrayList<>(match.unmatchedLines());
                buf = null;
            }
            if (out.isEmpty()) {
                out = new ArrayList<>(1); // for the failures of this match (the empty List.of() takes none)
            }
            int step = addFailures(out, index, failRegex, match, preMatch, buf, date, defCidr);
            if (step == RETURN) {
                return out;
            }
            if (step == NEXT) {
                continue;
            }
            if (!checkAllRegex) {
                break;
            }
        }
        return out;
    }

    /** {@link #addFailures}: go on with the next failregex, or return the failures found so far. */
    private static final int GO_ON = 0;
    private static final int NEXT = 1;
    private static final int RETURN = 2;

    /**
     * The failures of one failregex match (a method of its own: it runs only for matching lines, and the
     * optimising compiler makes two smaller units sooner than one large one).
     *
     * @param buf the buffer the failregex searched (for an error message)
     * @return {@link #GO_ON} when the failures (if any) were added, {@link #NEXT} to go on with the next
     *     failregex at once, {@link #RETURN} to return the failures found so far
     */
    private int addFailures(List<Failure> out, int index, FailRegex failRegex, FailRegex.Match<TupleLine> match,
            RegexMatch preMatch, String buf, Double date, int defCidr) {
        int cidr = defCidr;
        boolean raw = defCidr == IpAddress.CIDR_RAW;
        // the failregex's groups over the prefregex's without "content" (values that took part only), or all
        // the failregex's groups when the prefregex has no other group
        Map<String, Object> fail = new FailureData((preMatch != null ? prefRegex.namedGroupCount() : 0)
                + failRegex.namedGroupCount() + 2);
        if (preMatch != null) {
            prefRegex.putGroupsExcept(preMatch, fail, "content");
        }
        failRegex.putGroups(match.regexMatch(), fail, !fail.isEmpty());
        Object mlfid = fail.get("mlfid");
        if (mlfid != null) {
            fail = mergeFailure((String) mlfid, fail, match);
            if (Failure.truthy(fail.get("nofail"))) {
                if (!checkAllRegex) {
                    return RETURN;
                }
            }
        } else {
            List<TupleLine> m = new ArrayList<>(matchesOf(fail));
            m.addAll(match.matchedLines());
            fail.put("matches", m);
        }
        String fid = (String) fail.get("fid");
        String ip = (String) fail.get("ip4");
        if (ip != null) {
            cidr = cidrOf(fail, IpAddress.FAM_IPV4);
            raw = true;
        } else {
            ip = (String) fail.get("ip6");
            if (ip != null) {
                cidr = cidrOf(fail, IpAddress.FAM_IPV6);
                raw = true;
            } else {
                ip = (String) fail.get("dns");
                if (ip == null) {
                    if (fid == null && mlfid == null) {
                        Optional<String> f = match.failId();
                        if (f.isEmpty()) {
                            LOG.error("No group found in {} using {}", org.fail2ban4j.regex.PyStrings.repr(buf),
                                    failRegex.regex());
                            return NEXT;
                        }
                        fid = f.get();
                    }
                    ip = fid;
                    raw = true;
                }
            }
        }
        List<IpAddress> fids = new ArrayList<>(1);
        if (fid == null && ip == null) {
            fail.put("mlfpending", 1);
            if (!checkAllRegex && ignorePending) {
                return RETURN;
            }
            fids.add(null);
        } else if (raw) {
            IpAddress f;
            if (fid == null || fid.equals(ip)) {
                f = IpAddress.of(ip, cidr);
            } else {
                fail.put("ip", IpAddress.of(ip, cidr));
                f = IpAddress.of(fid, defCidr);
            }
            fids.add(f);
        } else {
            fids.addAll(dns.textToIp(ip, useDns));
        }
        if (checkAllRegex && mlfid != null) {
            fail = new FailureData(fail);
        }
        for (IpAddress f : fids) {
            out.add(new Failure(index, f, date, fail));
        }
        return GO_ON;
    }

    private static String joinFull(List<TupleLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (TupleLine l : lines) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(l.full());
        }
        return sb.toString();
    }

    private static int cidrOf(Map<String, Object> fail, int dflt) {
        Object c = fail.get("cidr");
        if (!Failure.truthy(c)) {
            return dflt;
        }
        return Integer.parseInt(c.toString().strip());
    }

    @SuppressWarnings("unchecked")
    private static List<TupleLine> matchesOf(Map<String, Object> fail) {
        Object m = fail.get("matches");
        return m == null ? List.of() : (List<TupleLine>) m;
    }

    /** Upstream {@code _ignoreLine}: index of the ignoreregex that matches, or -1. */
    private int ignoreLine(String buf, List<TupleLine> orgBuffer, FailRegex.Match<TupleLine> failMatch) {
        if (failMatch != null && lineBufferSize > 1) {
            orgBuffer = failMatch.matchedLines();
            buf = FailRegex.joinLines(orgBuffer, TEXT);
        }
        int found = -1;
        for (int i = 0; i < ignoreRegexes.size(); i++) {
            FailRegex ir = ignoreRegexes.get(i);
            if (search(ir, ignoreMatchers.get(i), buf, orgBuffer).isPresent()) {
                found = i;
                if (onIgnoreRegex != null) {
                    onIgnoreRegex.ignored(i, ir);
                }
                if (!checkAllRegex || lineBufferSize > 1) {
                    if (failMatch != null) {
                        lineBuffer = new ArrayList<>(failMatch.unmatchedLines());
                    }
                }
                if (!checkAllRegex) {
                    break;
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> updateUsers(Map<String, Object> fail, Object user) {
        Set<String> users = (Set<String>) fail.get("users");
        if (Failure.truthy(user)) {
            if (users == null || users.isEmpty()) {
                users = new LinkedHashSet<>();
                fail.put("users", users);
            }
            users.add((String) user);
            return users;
        }
        return users;
    }

    /** Upstream {@code _mergeFailure}: the multi-line failure logic keyed by the connection id. */
    private Map<String, Object> mergeFailure(String mlfid, Map<String, Object> fail,
            FailRegex.Match<TupleLine> match) {
        Map<String, Object> cached = mlfidCache == null ? null : mlfidCache.get(mlfid).orElse(null);
        Set<String> users = null;
        int flags = 0;
        if (Failure.truthy(fail.get("mlfgained"))) {
            flags |= 8 | 1;
            if (!Failure.truthy(fail.get("nofail"))) {
                fail.put("nofail", fail.get("mlfgained"));
            }
        } else if (Failure.truthy(fail.get("nofail"))) {
            flags |= 1;
        }
        if (Failure.truthy(fail.remove("mlfforget"))) {
            flags |= 2;
        }
        if (cached != null) {
            users = updateUsers(cached, fail.get("user"));
            if (Failure.truthy(cached.remove("nofail"))) {
                flags |= 4;
            }
            if (Failure.truthy(cached.remove("mlfgained"))) {
                flags |= 4;
            }
            if ((flags & 8) != 0) {
                cached.remove("mlfpending");
            }
            if ((flags & 4) == 0 && !Failure.truthy(cached.get("mlfpending"))) {
                cached.remove("matches");
            }
            for (Map.Entry<String, Object> e : fail.entrySet()) {
                if (e.getValue() != null) {
                    cached.put(e.getKey(), e.getValue());
                }
            }
            fail = cached;
            if ((flags & 2) != 0) {
                mlfidCache().unset(mlfid);
            }
        } else if ((flags & 2) == 0) {
            users = updateUsers(fail, fail.get("user"));
            mlfidCache().set(mlfid, fail);
        }
        if (Failure.truthy(fail.remove("mlfpending")) || (users != null && users.size() > 1)) {
            fail.remove("nofail");
            fail.remove("mlfgained");
            flags &= ~(8 | 1);
        }
        if ((flags & 1) == 0) {
            @SuppressWarnings("unchecked")
            List<TupleLine> nofailMatches = (List<TupleLine>) fail.remove("nofail-matches");
            List<TupleLine> m = new ArrayList<>();
            if (nofailMatches != null) {
                m.addAll(nofailMatches);
            }
            m.addAll(matchesOf(fail));
            if ((flags & 8) == 0) {
                m.addAll(match.matchedLines());
            }
            fail.put("matches", m);
        } else if ((flags & 3) == 1) {
            @SuppressWarnings("unchecked")
            List<TupleLine> prev = (List<TupleLine>) fail.get("nofail-matches");
            List<TupleLine> m = new ArrayList<>();
            if (prev != null) {
                m.addAll(prev);
            }
            m.addAll(match.matchedLines());
            fail.put("nofail-matches", m);
        }
        return fail;
    }
}
