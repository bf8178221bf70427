package org.fail2ban4j.regextool;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.ini.IniLayering;
import org.fail2ban4j.config.ini.NoOptionException;
import org.fail2ban4j.config.ini.NoSectionException;
import org.fail2ban4j.config.reader.FilterReader;
import org.fail2ban4j.config.reader.JailReader;
import org.fail2ban4j.config.reader.Shlex;
import org.fail2ban4j.date.DateDetector;
import org.fail2ban4j.date.DateTemplate;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.EpochDateTemplate;
import org.fail2ban4j.date.Tai64nDateTemplate;
import org.fail2ban4j.date.TemplateMatch;
import org.fail2ban4j.date.TimeZoneOffsets;
import org.fail2ban4j.filter.FailRegex;
import org.fail2ban4j.filter.Failure;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.LineScan;
import org.fail2ban4j.filter.LineScanner;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.net.DnsResolver;
import org.fail2ban4j.net.UseDns;
import org.fail2ban4j.regex.LiteralPrefilter;
import org.fail2ban4j.regex.PyStrings;
import org.fail2ban4j.regex.RegexSyntaxException;
import org.fail2ban4j.source.JournalEntryFormat;
import org.fail2ban4j.source.JournalLine;
import org.fail2ban4j.source.JournalOptions;
import org.fail2ban4j.source.JournalReader;
import org.fail2ban4j.source.LogEncoding;
import org.fail2ban4j.source.PyBytes;
import org.fail2ban4j.tags.OptionListParser;
import org.fail2ban4j.tags.OptionSpec;

/**
 * Port of {@code fail2ban/client/fail2banregex.py:Fail2banRegex} ({@code readRegex}, {@code testRegex},
 * {@code process}, {@code printStats}, {@code printLines}, {@code start}) and of the part of
 * {@code exec_command_line} after the command line is read: {@code fail2ban-regex} tests a filter, a jail's filter
 * or a regex against a log (a file, a line, or several lines) and prints upstream's report.
 *
 * <p>The report is written to the given stream line by line as upstream prints it; with {@code -o} only the
 * failures are written. One instance runs once, on one thread.
 */
public final class RegexTool {
    private static final String JAILLESS = "~jailless~";
    /** The program that reads the systemd journal. */
    private static final String JOURNALCTL = "journalctl";
    private static final Pattern FILTER_NAME = Pattern.compile("^/{0,3}[\\w/_\\-.]+(?:\\[.*\\])?$",
            Pattern.DOTALL | Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern FILE_NAME = Pattern.compile("(?:/|\\.(?:conf|local)$)",
            Pattern.DOTALL | Pattern.MULTILINE | Pattern.UNIX_LINES);

    /** What the tool needs from the outside world. */
    public record Environment(InstantSource clock, ZoneId zone, DnsResolver dns, long pid) {
        public Environment {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(dns, "dns");
        }
    }

    /**
     * Upstream {@code RegexStat}: one regex with its hit count and its hits (kept only with {@code -v}, the only
     * report that prints them).
     */
    static final class RegexStat {
        final String regex;
        int stats;
        final List<Hit> hits = new ArrayList<>();

        RegexStat(String regex) {
            this.regex = regex;
        }
    }

    /** One failure found by a failregex, and whether more than one regex had matched the line before it. */
    record Hit(Failure failure, boolean multiple) {
    }

    /** Upstream {@code LineStats}. */
    static final class LineStats {
        int tested;
        int matched;
        int missed;
        int ignored;
        final List<String> matchedLines = new ArrayList<>();
        final LineList missedLines = new LineList();
        final List<String> ignoredLines = new ArrayList<>();
        final List<String> matchedLinesTimeExtracted = new ArrayList<>();
        final LineList missedLinesTimeExtracted = new LineList();
        final List<String> ignoredLinesTimeExtracted = new ArrayList<>();

        @Override
        public String toString() {
            return tested + " lines, " + ignored + " ignored, " + matched + " matched, " + missed + " missed";
        }
    }

    private final RegexToolOptions opts;
    private final Environment env;
    private final PrintStream stdout;
    private final boolean outMode;
    private final int printMaxLines;
    // the options the per-line code reads (the parsed options are a map)
    private final boolean verbose; // -v given
    private final boolean debuggex;
    private final boolean printAllMatched;
    private final boolean printNoMissed;
    private final boolean printAllMissed;
    private final boolean printNoIgnored;
    private final boolean printAllIgnored;
    private ToolLog log;
    private FailureMatcher filter;
    private final IniCache shareConfig = new IniCache();
    private boolean maxLinesSet;
    private boolean datePatternSet;
    private List<String> journalMatch;
    private String backend = "auto";
    private List<RegexStat> failRegex = new ArrayList<>();
    private List<RegexStat> ignoreRegex = new ArrayList<>();
    private int prefMatched;
    private final List<Object> prefGroups = new ArrayList<>();
    private final LineStats lineStats = new LineStats();
    private Double elapsed;
    private boolean lineIgnored;
    private boolean lastDateIsInteger;

    /**
     * @param opts the parsed command line
     * @param env the clock, the local zone, the DNS resolver and the process id (for log lines)
     * @param stdout where the report goes
     */
    public RegexTool(RegexToolOptions opts, Environment env, PrintStream stdout) {
        this.opts = Objects.requireNonNull(opts, "opts");
        this.env = Objects.requireNonNull(env, "env");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.outMode = opts.out().isPresent();
        this.printMaxLines = opts.maxLines() != 0 ? opts.maxLines() : 20;
        this.verbose = opts.verbose() > 0;
        this.debuggex = opts.debuggex();
        this.printAllMatched = opts.printAllMatched();
        this.printNoMissed = opts.printNoMissed();
        this.printAllMissed = opts.printAllMissed();
        this.printNoIgnored = opts.printNoIgnored();
        this.printAllIgnored = opts.printAllIgnored();
    }

    /** Upstream's module level {@code output}: always printed. */
    private void print(String line) {
        stdout.println(line);
    }

    /** Upstream {@code Fail2banRegex.output}: printed unless {@code -o} is given. */
    private void output(String line) {
        if (!outMode) {
            stdout.println(line);
        }
    }

    /**
     * Runs the tool as upstream's {@code exec_command_line} does once the command line is read.
     *
     * @return the exit status: 0, or 255 on error
     */
    public int run() {
        if (!outMode) {
            print("");
            print("Running tests");
            print("=============");
            print("");
        }
        int level;
        try {
            level = ToolLog.parseLevel(opts.logLevel());
        } catch (IllegalArgumentException e) {
            print("ERROR: " + e.getMessage());
            return 255;
        }
        log = new ToolLog(stdout, level, opts.verbose(), env.clock(), env.zone(), env.pid());
        try {
            init();
        } catch (RuntimeException e) {
            print("ERROR: " + message(e));
            return 255;
        }
        try {
            return start(opts.args()) ? 0 : 255;
        } catch (RuntimeException e) {
            print("ERROR: " + message(e));
            return 255;
        }
    }

    private static String message(RuntimeException e) {
        if (e instanceof ConfigException) {
            return ((ConfigException) e).upstreamMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Upstream {@code Fail2banRegex.__init__}. */
    private void init() {
        filter = new FailureMatcher(JAILLESS, env.clock(), new DefaultDateTemplates(env.clock(), env.zone()),
                env.dns());
        if (opts.maxLines() != 0) {
            setMaxLines(opts.maxLines());
        }
        if (opts.journalMatch().isPresent()) {
            journalMatch = Shlex.split(opts.journalMatch().get());
        }
        if (opts.timezone().isPresent()) {
            TimeZoneOffsets.offsetMinutes(opts.timezone().get());
            filter.setLogTimeZone(opts.timezone().get());
        }
        filter.setCheckFindTime(false);
        if (opts.datePattern().isPresent()) {
            setDatePattern(opts.datePattern().get());
        }
        if (opts.useDns().isPresent()) {
            filter.setUseDns(UseDns.fromSetting(opts.useDns().get()));
        }
        filter.setReturnRawHost(opts.raw());
        filter.setCheckAllRegex(opts.checkAllRegex() && !outMode);
        filter.setIgnorePending(outMode);
        filter.setOnIgnoreRegex((index, regex) -> {
            lineIgnored = true;
            ignoreRegex.get(index).stats++;
        });
    }

    private void setDatePattern(String pattern) {
        if (!datePatternSet) {
            filter.setDatePattern(pattern);
            datePatternSet = true;
            if (pattern != null) {
                output("Use      datepattern : " + pattern + " : " + datePatternName());
            }
        }
    }

    /** Upstream {@code Filter.getDatePattern()[1]}. */
    private String datePatternName() {
        DateDetector dd = filter.dateDetector();
        List<DateTemplate> templates = dd.templates();
        if (templates.isEmpty() || templates.size() > 2) {
            return "Default Detectors";
        }
        return templates.get(0).name();
    }

    private void setMaxLines(Object v) {
        if (!maxLinesSet) {
            filter.setMaxLines(v instanceof Number ? ((Number) v).intValue() : Integer.parseInt(v.toString()
                    .strip()));
            maxLinesSet = true;
            output("Use         maxlines : " + filter.maxLines());
        }
    }

    // ---------------------------------------------------------------- reading the regexes

    private enum RegexType {
        FAIL("fail"), IGNORE("ignore");

        final String name;

        RegexType(String name) {
            this.name = name;
        }
    }

    /** Upstream {@code readRegex(value, regextype)}. */
    private boolean readRegex(String value, RegexType type) {
        String regexName = type.name + "regex";
        String basedir = opts.config();
        String fltName = value;
        String fltFile = null;
        Map<String, String> fltOpt = new LinkedHashMap<>();
        JailReader jail = null;
        if (type == RegexType.FAIL) {
            if (FILTER_NAME.matcher(value).find()) {
                try {
                    OptionSpec spec = OptionListParser.extractOptions(value);
                    fltName = spec.name();
                    fltOpt = new LinkedHashMap<>(spec.options());
                    if (!FILE_NAME.matcher(fltName).find()) {
                        jail = readJail(fltName, basedir);
                    }
                    List<String> tryNames = PyPath.tail(fltName, 6).contains(".") ? List.of(fltName)
                            : List.of(fltName, fltName + ".conf", fltName + ".local");
                    for (String name : tryNames) {
                        fltFile = name;
                        if (PyPath.dirname(fltFile).equals("filter.d")) {
                            fltFile = PyPath.join(basedir, fltFile);
                        } else if (!fltFile.contains("/")) {
                            if (PyPath.basename(basedir).equals("filter.d")) {
                                fltFile = PyPath.join(basedir, fltFile);
                            } else {
                                fltFile = PyPath.join(basedir, "filter.d/" + fltFile);
                            }
                        } else {
                            basedir = PyPath.dirname(fltFile);
                        }
                        if (PyPath.isFile(fltFile)) {
                            break;
                        }
                        fltFile = null;
                    }
                } catch (RuntimeException e) {
                    print("ERROR: Wrong filter name or options: " + message(e));
                    print("       while parsing: " + value);
                    if (opts.verbose() > 0) {
                        throw e;
                    }
                    return false;
                }
            }
        } else if (!ignoreRegex.isEmpty()) {
            while (!filter.ignoreRegexes().isEmpty()) {
                filter.delIgnoreRegex(0);
            }
        }

        List<List<Object>> readerCommands = null;
        if (jail != null) {
            output("Use             jail : " + fltName);
            if (!fltOpt.isEmpty()) {
                output("Use jail/flt options : " + PyRepr.repr(fltOpt));
            }
            fltOpt.put("backend", backend);
            if (!jailOptions(jail, fltOpt)) {
                print("ERROR: Failed to get jail for " + PyStrings.repr(value));
                return false;
            }
            if (opts.verbose() > 1 || log.level() <= 10) {
                Map<String, Object> combined = new LinkedHashMap<>(jail.options());
                FilterReader fr = jail.filter();
                if (fr != null) {
                    combined.putAll(fr.getCombined());
                }
                dumpRealOptions(combined, k -> fr == null ? null : fr.get("Definition", k), fltOpt);
            }
            readerCommands = jail.convert(true, true);
        } else if (fltFile != null) {
            String explicit = null;
            if (basedir.equals(opts.config()) || PyPath.basename(basedir).equals("filter.d")
                    || (!PyPath.tail(fltName, 6).contains(".") && !fltName.contains("/"))) {
                if (PyPath.basename(basedir).equals("filter.d")) {
                    basedir = PyPath.dirname(basedir);
                }
                fltName = PyPath.stripExtension(PyPath.basename(fltName));
                output("Use      filter file : " + fltName + ", basedir: " + basedir);
            } else {
                output("Use      filter file : " + fltName);
                explicit = PyPath.absolute(fltName);
            }
            if (!fltOpt.isEmpty()) {
                output("Use   filter options : " + PyRepr.repr(fltOpt));
            }
            boolean ret = false;
            FilterReader reader = null;
            ExplicitFilterReader explicitReader = null;
            try {
                if (explicit == null) {
                    reader = new FilterReader(fltName, "fail2ban-regex-jail", fltOpt, shareConfig, basedir,
                            log.readerLog());
                    ret = reader.read();
                } else {
                    explicitReader = new ExplicitFilterReader(explicit, "fail2ban-regex-jail", fltOpt, shareConfig,
                            log.readerLog());
                    ret = explicitReader.read();
                }
            } catch (RuntimeException e) {
                print("Wrong config file: " + message(e));
                if (opts.verbose() > 0) {
                    throw e;
                }
            }
            if (!ret) {
                print("ERROR: failed to load filter " + value);
                return false;
            }
            Map<String, String> shown = fltOpt;
            if (reader != null) {
                FilterReader r = reader;
                r.applyAutoOptions(backend);
                r.getOptions(null, false);
                if (opts.verbose() > 1 || log.level() <= 10) {
                    dumpRealOptions(r.getCombined(), k -> r.get("Definition", k), shown);
                }
                readerCommands = r.convert();
            } else {
                ExplicitFilterReader r = explicitReader;
                r.applyAutoOptions(backend);
                r.getOptions(null, false);
                if (opts.verbose() > 1 || log.level() <= 10) {
                    dumpRealOptions(r.getCombined(), k -> r.get("Definition", k), shown);
                }
                readerCommands = r.convert();
            }
        }

        Map<RegexType, List<RegexStat>> regexValues = new LinkedHashMap<>();
        if (readerCommands != null && !readerCommands.isEmpty()) {
            for (List<Object> opt : readerCommands) {
                List<?> optval;
                if (opt.get(0).equals("multi-set")) {
                    Object raw = opt.get(3);
                    optval = raw instanceof List ? (List<?>) raw : List.of(raw);
                } else if (opt.get(0).equals("set")) {
                    optval = opt.subList(3, opt.size());
                } else {
                    continue;
                }
                String what = String.valueOf(opt.get(2));
                Object current = null;
                try {
                    switch (what) {
                        case "prefregex":
                            for (Object v : optval) {
                                current = v;
                                filter.setPrefRegex((String) v);
                            }
                            break;
                        case "addfailregex":
                            for (Object v : optval) {
                                regexValues.computeIfAbsent(RegexType.FAIL, k -> new ArrayList<>())
                                        .add(new RegexStat((String) v));
                            }
                            break;
                        case "addignoreregex":
                            for (Object v : optval) {
                                regexValues.computeIfAbsent(RegexType.IGNORE, k -> new ArrayList<>())
                                        .add(new RegexStat((String) v));
                            }
                            break;
                        case "maxlines":
                            for (Object v : optval) {
                                current = v;
                                setMaxLines(v);
                            }
                            break;
                        case "datepattern":
                            for (Object v : optval) {
                                current = v;
                                setDatePattern((String) v);
                            }
                            break;
                        case "addjournalmatch":
                            if (opts.journalMatch().isEmpty()) {
                                List<String> m = new ArrayList<>();
                                optval.forEach(o -> m.add(String.valueOf(o)));
                                journalMatch = m;
                            }
                            break;
                        default:
                            break;
                    }
                } catch (NumberFormatException e) {
                    print("ERROR: Invalid value for " + what + " (" + PyRepr.repr(current) + ") read from " + value
                            + ": invalid literal for int() with base 10: " + PyRepr.repr(current));
                    return false;
                }
            }
        } else {
            output("Use " + String.format("%11s", regexName) + " line : " + shortstr(value));
            regexValues.put(type, new ArrayList<>(List.of(new RegexStat(value))));
        }
        for (Map.Entry<RegexType, List<RegexStat>> e : regexValues.entrySet()) {
            if (e.getKey() == RegexType.FAIL) {
                failRegex = e.getValue();
                for (RegexStat r : failRegex) {
                    filter.addFailRegex(r.regex);
                }
            } else {
                ignoreRegex = e.getValue();
                for (RegexStat r : ignoreRegex) {
                    filter.addIgnoreRegex(r.regex);
                }
            }
        }
        return true;
    }

    /** The jail of that name in {@code jail.conf} under the configuration directory, or null if there is none. */
    private JailReader readJail(String name, String basedir) {
        JailReader jail = new JailReader(name, true, shareConfig, basedir, log.readerLog(), null);
        try {
            jail.read();
        } catch (ConfigException e) {
            if (jail.config() != null && !jail.sections().contains(name)) {
                return null;
            }
            throw e;
        }
        return jail;
    }

    /**
     * Upstream {@code JailReader.getOptions(addOpts)}: reads the jail with the options given after its name (and
     * the backend) merged over the options of its filter. The reader has no such parameter, so the merged options
     * are written into the jail's {@code filter} value before it is read, and the {@code logtype} the backend
     * implies is set among them (upstream's {@code applyAutoOptions} with the added backend).
     */
    private boolean jailOptions(JailReader jail, Map<String, String> addOpts) {
        String name = jail.name();
        String flt = addOpts.get("filter");
        if (flt == null) {
            try {
                flt = jail.get(name, "filter");
            } catch (NoOptionException | NoSectionException e) {
                flt = "";
            } catch (ConfigException e) {
                flt = null;
            }
        }
        if (flt != null && !PyStrings.strip(flt).isEmpty()) {
            try {
                OptionSpec spec = OptionListParser.extractOptions(flt);
                Map<String, String> merged = new LinkedHashMap<>(spec.options());
                merged.putAll(addOpts);
                String lt = merged.get("logtype");
                if (lt == null || lt.isEmpty()) {
                    FilterReader probe = new FilterReader(spec.name(), name, new LinkedHashMap<>(), shareConfig,
                            jail.baseDir(), log.readerLog());
                    boolean own;
                    try {
                        own = probe.read() && probe.hasSection("Definition")
                                && probe.hasOption("Definition", "logtype", false);
                    } catch (RuntimeException e) {
                        own = false;
                    }
                    if (!own) {
                        merged.put("logtype", backend.startsWith("systemd") ? "journal" : "file");
                    }
                }
                String value = withOptions(spec.name(), merged);
                if (value != null) {
                    Map<String, String> over = new LinkedHashMap<>();
                    over.put("filter", value.replace("%", "%%"));
                    jail.mergeSection(name, over, "");
                }
            } catch (IllegalArgumentException e) {
                // a filter value that does not parse: the reader reports it ("Invalid filter definition")
            }
        }
        return jail.getOptions();
    }

    /** {@code name[k="v", ...]}, or null if a value holds both kinds of quotes. */
    private static String withOptions(String name, Map<String, String> options) {
        if (options.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('[');
        boolean first = true;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue();
            char q = v.indexOf('"') < 0 ? '"' : v.indexOf('\'') < 0 ? '\'' : 0;
            if (q == 0) {
                return null;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(q).append(v).append(q);
        }
        return sb.append(']').toString();
    }

    /** Upstream {@code _dumpRealOptions}. */
    private void dumpRealOptions(Map<String, Object> combined, java.util.function.Function<String, String> def,
            Map<String, String> fltOpt) {
        Map<String, Object> real = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of("logtype", "datepattern"));
        keys.addAll(fltOpt.keySet());
        for (String k : keys) {
            if (combined.containsKey(k)) {
                real.put(k, combined.get(k));
                continue;
            }
            try {
                real.put(k, def.apply(k));
            } catch (NoOptionException | NoSectionException e) {
                // upstream skips options the filter does not have
            }
        }
        output("Real  filter options : " + PyRepr.repr(real));
    }

    /** Upstream {@code shortstr}: at most 53 characters, cut with {@code ...}. */
    static String shortstr(String s) {
        int l = 53;
        if (s.codePointCount(0, s.length()) > l) {
            return s.substring(0, s.offsetByCodePoints(0, l - 3)) + "...";
        }
        return s;
    }

    // ---------------------------------------------------------------- testing the lines

    // what testRegex found in the last line (fields rather than a record per line: most lines find nothing)
    /** The failures of the last line (without {@code nofail} ones). */
    private List<Failure> testedFound = List.of();
    /** Whether the last line was ignored (an ignoreregex or a {@code nofail} failure). */
    private boolean testedIgnored;
    /** The lines of the last multi-line match without their dates, joined with newlines; null when none. */
    private String testedLines;
    /**
     * The prefregex's literal prefilter where it can tell cheaply that the prefregex does not match a line
     * ({@link #prefRegexMatched}); null otherwise.
     */
    private LiteralPrefilter prefFilter;

    /**
     * Upstream {@code testRegex(line, date)}; the results are left in {@code tested*}.
     *
     * @param line the whole line
     * @param tuple the line split around its date when its time is known (a journal entry), else null: the date
     *     is looked for in the line
     * @param date the time of a {@code tuple} line
     * @param scan what the reader thread found for the line ({@link LineScanner}), or null
     */
    private void testRegex(String line, TupleLine tuple, double date, LineScan scan) {
        int maxLines = filter.maxLines();
        List<TupleLine> orgBuffer = maxLines > 1 ? filter.lineBuffer() : List.of();
        boolean fullBuffer = orgBuffer.size() >= maxLines;
        boolean ignored = false;
        lineIgnored = false;
        List<Failure> found = tuple != null ? filter.processLine(tuple, date) : filter.processLine(line, scan);
        if (tuple != null) {
            lastDateIsInteger = false; // the entry's own time is a float
        } else if (outMode) {
            TupleLine processed = filter.processedLine();
            if (processed != null && !processed.dateText().isEmpty() && processed.full().equals(line)) {
                lastDateIsInteger = integerDate(line, processed);
            }
        }
        List<Failure> ret = found;
        if (!found.isEmpty()) {
            ret = new ArrayList<>(found.size());
            for (Failure f : found) {
                if (!outMode) {
                    RegexStat r = failRegex.get(f.regexIndex());
                    r.stats++;
                    if (verbose) { // the hits are printed with -v only
                        r.hits.add(new Hit(f, ret.size() > 1));
                    }
                }
                if (!Failure.truthy(f.data().get("nofail"))) {
                    ret.add(f);
                } else {
                    ignored = true;
                }
            }
        }
        testedFound = ret;
        testedLines = null;
        if (outMode) {
            testedIgnored = false;
            return;
        }
        if (prefRegexMatched()) {
            prefMatched++;
            if (verbose) {
                if (prefGroups.size() < printMaxLines) {
                    prefGroups.add(filter.lastPrefRegexGroups().orElseThrow());
                } else if (prefGroups.size() == printMaxLines) {
                    prefGroups.add("...");
                }
            }
        }
        if (maxLines > 1) {
            List<String> lines = null;
            List<TupleLine> now = filter.lineBuffer();
            for (TupleLine bufLine : orgBuffer.subList(fullBuffer ? 1 : 0, orgBuffer.size())) {
                if (now.contains(bufLine)) {
                    continue;
                }
                if (lineStats.missedLines.size() > 0 && lineStats.missedLines.removeFirst(bufLine.full())
                        && debuggex) {
                    lineStats.missedLinesTimeExtracted.removeFirst(bufLine.withoutDate());
                }
                if (printAllMatched) {
                    if (!debuggex) {
                        lineStats.matchedLines.add(bufLine.full());
                    } else {
                        if (lines == null) {
                            lines = new ArrayList<>();
                        }
                        lines.add(bufLine.withoutDate());
                    }
                }
                lineStats.matched++;
                lineStats.missed--;
            }
            if (lines != null) {
                lines.add(filter.processedLine().withoutDate());
                testedLines = String.join("\n", lines);
            }
        }
        testedIgnored = ignored || lineIgnored;
    }

    /**
     * Upstream {@code prefRegex.hasMatched()} after the last line. The matcher searches the prefregex afresh when
     * its prefilters let the line skip it; where the prefregex's own literal prefilter rules the line out, the
     * answer (no match) is known without that search. That shortcut is taken only where the searched text is the
     * line without its date (one line per buffer) and the prefregex is tried on every line (no ignoreregex that
     * could stop a line before it).
     */
    private boolean prefRegexMatched() {
        if (filter.prefRegex() == null) {
            return false;
        }
        if (prefFilter != null && !filter.lastPrefRegexKnown()) {
            TupleLine processed = filter.processedLine();
            if (processed != null && !prefFilter.mayMatch(processed.withoutDate().concat("\n"))) {
                return false;
            }
        }
        return filter.lastPrefRegexMatched();
    }

    /** The prefregex's prefilter if {@link #prefRegexMatched} may use it with this filter. */
    private LiteralPrefilter prefFilter() {
        FailRegex pre = filter.prefRegex();
        if (pre == null || filter.maxLines() != 1 || !filter.ignoreRegexes().isEmpty()) {
            return null;
        }
        LiteralPrefilter p = pre.compiled().prefilter();
        return p.isUseful() ? p : null;
    }

    /**
     * The line of a log file from which on the reader thread scans the lines ahead ({@link LineScanner}). The two
     * threads then share a line's work, which makes a line cost about a fifth less once the code is compiled; while
     * it is not, the second core is better left to the compilers (each thread's code would then need compiling
     * before the run is up to speed): on the 1M-line sshd corpus, scanning from the first line is 4% faster than
     * not scanning, from line 200,000 7%; on the noise corpus 10% slower and as fast.
     */
    static final long SCAN_AHEAD_FROM = 200_000;
    private long scanAheadFrom = SCAN_AHEAD_FROM;

    /** Tests scan from other lines ({@link #SCAN_AHEAD_FROM}; {@code Long.MAX_VALUE}: never). */
    void scanAheadFrom(long line) {
        scanAheadFrom = line;
    }

    /**
     * Upstream {@code process(test_lines)}.
     *
     * @param testLines text lines, or journal entries (their own time is used; comment and empty lines are
     *     tested too, as upstream does with its line tuples)
     */
    private void process(Iterator<?> testLines) {
        long t0 = env.clock().millis();
        OutputFormat out = outMode ? new OutputFormat(opts.out().get(), env.dns(), env.clock()) : null;
        boolean invert = opts.invert();
        prefFilter = outMode ? null : prefFilter();
        int clockLines = 0;
        LogFileLines scans = testLines instanceof LogFileLines ? (LogFileLines) testLines : null;
        while (testLines.hasNext()) {
            Object next = testLines.next();
            if (--clockLines < 0) {
                // one clock reading per batch of lines (a few milliseconds of work), not one per line
                filter.useBatchReading(env.clock().instant());
                clockLines = CLOCK_BATCH;
            }
            String line;
            if (next instanceof JournalLine) {
                JournalLine entry = (JournalLine) next;
                TupleLine tuple = new TupleLine("", entry.isoTime() + " ", entry.text());
                line = tuple.full();
                testRegex(line, tuple, entry.epochSeconds(), null);
            } else {
                line = stripLineEnd((String) next);
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                testRegex(line, null, 0, scans == null ? null : (LineScan) scans.scanOfLast());
            }
            if (out != null) {
                if (!testedFound.isEmpty()) {
                    if (!invert) {
                        out.write(rows(testedFound), this::print);
                    }
                } else if (invert) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("fid", "");
                    data.put("matches", List.of(line));
                    out.write(List.of(new OutputFormat.Row("", filter.lastDate().map(this::time)
                            .orElse(null), data)), this::print);
                }
                if (stdout.checkError()) {
                    break;
                }
                continue;
            }
            if (testedIgnored) {
                lineStats.ignored++;
                if (!printNoIgnored && (printAllIgnored || lineStats.ignored <= printMaxLines + 1)) {
                    lineStats.ignoredLines.add(line);
                    if (debuggex) {
                        lineStats.ignoredLinesTimeExtracted.add(testedLines != null ? testedLines : line);
                    }
                }
            } else if (!testedFound.isEmpty()) {
                lineStats.matched++;
                if (printAllMatched) {
                    lineStats.matchedLines.add(line);
                    if (debuggex) {
                        lineStats.matchedLinesTimeExtracted.add(testedLines != null ? testedLines : line);
                    }
                }
            } else {
                lineStats.missed++;
                if (!printNoMissed && (printAllMissed || lineStats.missed <= printMaxLines + 1)) {
                    lineStats.missedLines.add(line);
                    if (debuggex) {
                        lineStats.missedLinesTimeExtracted.add(testedLines != null ? testedLines : line);
                    }
                }
            }
            lineStats.tested++;
        }
        filter.useBatchReading(null);
        elapsed = (env.clock().millis() - t0) / 1000.0;
    }

    /** How many lines share one clock reading. */
    private static final int CLOCK_BATCH = 1024;

    private static String stripLineEnd(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\n' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return e == s.length() ? s : s.substring(0, e);
    }

    /**
     * Whether upstream holds the date of this line as an integer: TAI64N stamps, and pattern dates converted with
     * a zone (a zone in the date, or {@code --timezone}); other dates are floats. The template that found the
     * date is the one matching the same text at the same place.
     */
    private boolean integerDate(String line, TupleLine processed) {
        DateDetector dd = filter.dateDetector();
        if (dd == null) {
            return false;
        }
        for (DateTemplate t : dd.templates()) {
            Optional<TemplateMatch> m = t.matchDate(line);
            if (m.isPresent() && m.get().dateStart() == processed.prefix().length()
                    && m.get().dateText().equals(processed.dateText())) {
                if (t instanceof Tai64nDateTemplate) {
                    return true;
                }
                if (t instanceof EpochDateTemplate) {
                    return false;
                }
                return dd.defaultTimeZoneOffset().isPresent() || m.get().group("z").isPresent()
                        || m.get().group("Z").isPresent();
            }
        }
        return false;
    }

    /** A date as upstream holds it: an integer or a float (see {@link #integerDate}). */
    private Object time(Double t) {
        if (t == null) {
            return null;
        }
        if (lastDateIsInteger && t == Math.rint(t)) {
            return t.longValue();
        }
        return t;
    }

    private List<OutputFormat.Row> rows(List<Failure> found) {
        List<OutputFormat.Row> rows = new ArrayList<>(found.size());
        for (Failure f : found) {
            rows.add(new OutputFormat.Row(f.fid(), time(f.time()), f.data()));
        }
        return rows;
    }

    // ---------------------------------------------------------------- the report

    private RegexReport report() {
        return new RegexReport(opts, this::print, env.clock(), env.zone(), printMaxLines);
    }

    /** Upstream {@code printStats}. */
    private void printStats() {
        if (outMode) {
            return;
        }
        RegexReport r = report();
        r.printStats(filter, prefMatched, prefGroups, failRegex, ignoreRegex, lineStats, elapsed);
        if (opts.printAllMatched()) {
            r.printLines("matched", lineStats, failRegex, ignoreRegex, filter.maxLines() > 1);
        }
        if (!opts.printNoIgnored()) {
            r.printLines("ignored", lineStats, failRegex, ignoreRegex, filter.maxLines() > 1);
        }
        if (!opts.printNoMissed()) {
            r.printLines("missed", lineStats, failRegex, ignoreRegex, filter.maxLines() > 1);
        }
    }

    // ---------------------------------------------------------------- start

    /** Upstream {@code start(args)}. */
    private boolean start(List<String> args) {
        String cmdLog = args.get(0);
        String cmdRegex = args.get(1);
        if (cmdLog.startsWith("systemd-journal")) {
            backend = "systemd";
        }
        try {
            if (!readRegex(cmdRegex, RegexType.FAIL)) {
                return false;
            }
            if (args.size() == 3 && !readRegex(args.get(2), RegexType.IGNORE)) {
                return false;
            }
        } catch (RegexSyntaxException e) {
            print("ERROR: " + e.getMessage());
            return false;
        }
        Iterator<?> testLines;
        AutoCloseable file = null;
        if (PyPath.isFile(cmdLog)) {
            Charset cs;
            try {
                cs = LogEncodings.forName(opts.encoding());
            } catch (IllegalArgumentException e) {
                print("ERROR: " + e.getMessage());
                return false;
            }
            LogFileLines lines;
            // the reader thread scans the lines ahead (date, searches) while this thread processes the ones before
            LineScanner scanner = outMode ? null : filter.newLineScanner(true);
            LogFileLines.Ahead ahead = scanner == null ? null : (read, hurry) -> {
                String line = stripLineEnd(read);
                return line.startsWith("#") || line.isEmpty() ? null : scanner.scan(line, !hurry);
            };
            try {
                lines = new LogFileLines(Path.of(cmdLog), cs, this::decodeError, ahead, scanAheadFrom);
            } catch (AccessDeniedException e) {
                print("[Errno 13] Permission denied: " + PyStrings.repr(cmdLog));
                return false;
            } catch (NoSuchFileException e) {
                print("[Errno 2] No such file or directory: " + PyStrings.repr(cmdLog));
                return false;
            } catch (IOException e) {
                print("ERROR: cannot read " + cmdLog + ": " + e.getMessage());
                return false;
            }
            file = lines;
            output("Use         log file : " + cmdLog);
            output("Use         encoding : " + opts.encoding());
            testLines = lines;
        } else if (cmdLog.startsWith("systemd-journal")) {
            JournalReader journal = openJournal(cmdLog);
            if (journal == null) {
                return false;
            }
            file = journal;
            testLines = journal;
        } else {
            if (filter.maxLines() <= 1 && cmdLog.indexOf('\n') < 0) {
                output("Use      single line : " + shortstr(cmdLog.replace("\n", "\\n")));
                testLines = List.of(cmdLog).iterator();
            } else {
                List<String> lines = List.of(cmdLog.split("\n", -1));
                output("Use      multi line : " + lines.size() + " line(s)");
                for (int i = 0; i < lines.size(); i++) {
                    if (i >= 5) {
                        output("| ...");
                        break;
                    }
                    String n = Integer.toString(i + 1);
                    output("| " + String.format("%2s", n.length() > 2 ? n.substring(0, 2) : n) + ": "
                            + shortstr(lines.get(i)));
                }
                output("`-");
                testLines = lines.iterator();
            }
        }
        output("");
        try {
            process(testLines);
        } catch (UncheckedIOException e) {
            print("ERROR: reading " + cmdLog + ": " + e.getCause().getMessage());
            return false;
        } finally {
            if (file != null) {
                try {
                    file.close();
                } catch (Exception e) {
                    // read-only input; nothing is lost
                }
            }
        }
        printStats();
        return true;
    }

    /**
     * The {@code systemd-journal[journalpath=..., journalfiles=..., journalflags=..., namespace=..., rotated=...]}
     * part of upstream {@code start}: announces the journal, reads its options, turns date detection off unless a
     * date pattern was set (the entries come with their own time), applies the journal match ({@code -m}, else
     * the filter's {@code journalmatch}) and starts reading.
     *
     * @return the reader, or null after printing why the journal cannot be read
     */
    private JournalReader openJournal(String cmdLog) {
        output("Use         systemd journal");
        output("Use         encoding : " + opts.encoding());
        JournalOptions options;
        LogEncoding encoding;
        try {
            OptionSpec spec = OptionListParser.extractOptions(cmdLog);
            Map<String, String> beArgs = new LinkedHashMap<>(spec.options());
            // upstream passes the other options to its filter's constructor, which takes useDns (unused here)
            beArgs.remove("useDns");
            options = JournalOptions.parse(beArgs, System.getenv());
            encoding = LogEncoding.of(opts.encoding());
        } catch (IllegalArgumentException e) {
            print("ERROR: Wrong systemd journal options: " + e.getMessage());
            print("       while parsing: " + cmdLog);
            return null;
        }
        setDatePattern(null);
        List<String> match = journalMatch == null ? List.of() : journalMatch;
        JournalReader reader;
        try {
            JournalEntryFormat format = new JournalEntryFormat(encoding,
                    env.zone().getRules().getOffset(env.clock().instant()));
            reader = JournalReader.open(JOURNALCTL, options, match, format);
        } catch (NoSuchFileException e) {
            print("ERROR: Opening the journal failed: " + e.getReason() + ": " + PyStrings.repr(e.getFile()));
            return null;
        } catch (IOException | IllegalArgumentException e) {
            print("ERROR: Opening the journal failed: " + e.getMessage());
            return null;
        }
        if (!match.isEmpty()) {
            output("Use    journal match : " + String.join(" ", match));
        }
        return reader;
    }

    private void decodeError(Path file, byte[] line, boolean first) {
        int lev = first ? 30 : 7;
        String enc = opts.encoding();
        log.log("fail2ban.filter", lev, "Error decoding line from '" + file + "' with '" + enc + "'.");
        if (log.isEnabled(lev)) {
            log.log("fail2ban.filter", lev, "Consider setting logencoding to appropriate encoding for this jail. "
                    + "Continuing to process line ignoring invalid characters: " + PyBytes.repr(line));
        }
    }
}
