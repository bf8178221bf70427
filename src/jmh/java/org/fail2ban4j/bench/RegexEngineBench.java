package org.fail2ban4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.fail2ban4j.filter.FailRegex;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.regex.Backtracker;
import org.fail2ban4j.regex.CompiledRegex;
import org.fail2ban4j.regex.RegexMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The failregex searches a stock filter makes on a corpus, by our own matcher ({@code engine=own},
 * {@link Backtracker}) or by {@code java.util.regex} ({@code engine=java}): every (failregex, buffer) pair that the
 * literal prefilters let through, the buffer being the prefregex's content of the line as {@code FailureMatcher}
 * searches it. One search per operation, so the score is searches per second.
 *
 * <p>{@code -p log=FILE} (a corpus of {@code ../shared/bench/gen-logs}), {@code -p engine=own,java}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RegexEngineBench {

    /** The corpus file (required). */
    @Param({})
    public String log;

    /** How many lines of the corpus to take the searches from. */
    @Param("100000")
    public int lines;

    /** The fail2ban config directory holding {@code filter.d}. */
    @Param("../shared/upstream/fail2ban-1.1.1/config")
    public String config;

    /** The stock filter, with options as in a jail. */
    @Param("sshd")
    public String filter;

    /** {@code own} or {@code java}. */
    @Param({"own", "java"})
    public String engine;

    /** Per search: the index of its failregex, and its buffer. */
    private int[] which;
    private String[] texts;
    private CompiledRegex[] regexes;
    private Backtracker[] own;
    private Matcher[] matchers;
    private final Backtracker.Scratch scratch = Backtracker.newScratch();
    private int next;

    @Setup
    public void setUp() {
        FailureMatcher m = BenchSupport.stockFilter(config, filter);
        FailRegex pref = m.prefRegex();
        List<FailRegex> fails = m.failRegexes();
        List<Integer> r = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (String line : BenchSupport.readLines(log, lines)) {
            m.processLine(line);
            TupleLine tuple = m.processedLine();
            String buf = tuple.withoutDate() + "\n";
            if (pref != null) {
                RegexMatch pm = pref.compiled().search(buf).orElse(null);
                String content = pm == null ? null : pm.group("content");
                if (content == null) {
                    continue;
                }
                buf = content + "\n";
            }
            for (int k = 0; k < fails.size(); k++) {
                if (fails.get(k).compiled().prefilter().mayMatch(buf)) {
                    r.add(k);
                    t.add(buf);
                }
            }
        }
        which = r.stream().mapToInt(Integer::intValue).toArray();
        texts = t.toArray(new String[0]);
        regexes = new CompiledRegex[fails.size()];
        own = new Backtracker[fails.size()];
        matchers = new Matcher[fails.size()];
        for (int i = 0; i < fails.size(); i++) {
            regexes[i] = fails.get(i).compiled();
            own[i] = regexes[i].backtracker().orElseThrow(() -> new IllegalStateException("not taken"));
            matchers[i] = regexes[i].matcher("");
        }
        next = 0;
    }

    @Benchmark
    public Object search() {
        int n = next;
        if (++next == texts.length) {
            next = 0;
        }
        int i = which[n];
        String text = texts[n];
        if (engine.equals("own")) {
            return own[i].search(scratch, text, 0, Long.MAX_VALUE);
        }
        Matcher matcher = matchers[i].reset(text);
        return matcher.find() ? regexes[i].toMatch(matcher, text) : null;
    }
}
