package org.fail2ban4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fail2ban4j.filter.Failure;
import org.fail2ban4j.filter.FailureMatcher;
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
 * The whole per-line path of a stock filter ({@link FailureMatcher#processLine(String)}: date detection,
 * prefregex, failregexes, failure building) over a log corpus, one line per operation, so the score is lines per
 * second. The matcher is set up as {@code fail2ban-regex} sets it up (every failregex tried on each line).
 *
 * <p>The corpus comes from {@code ../shared/bench/gen-logs}, e.g. {@code --kind sshd --lines 1000000
 * --fail-ratio 0.05 --ips 5000 --seed 1} and {@code --kind noise ...}; pass it with {@code -p log=FILE[,FILE]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FailureMatcherBench {

    /** The corpus file (required). */
    @Param({})
    public String log;

    /** How many lines of the corpus to cycle through. */
    @Param("1000000")
    public int lines;

    /** The fail2ban config directory holding {@code filter.d}. */
    @Param("../shared/upstream/fail2ban-1.1.1/config")
    public String config;

    /** The stock filter, with options as in a jail ({@code sshd}, {@code sshd[mode=aggressive]}). */
    @Param("sshd")
    public String filter;

    private String[] corpus;
    private int next;
    private FailureMatcher matcher;

    @Setup
    public void setUp() {
        corpus = BenchSupport.readLines(log, lines);
        matcher = BenchSupport.stockFilter(config, filter);
        next = 0;
    }

    @Benchmark
    public List<Failure> processLine() {
        String line = corpus[next];
        if (++next == corpus.length) {
            next = 0;
        }
        return matcher.processLine(line);
    }
}
