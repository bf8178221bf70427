package org.fail2ban4j.bench;

import java.util.List;
import java.util.Random;
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
 * Cost per line as a filter grows: a synthetic filter with a prefregex and {@code regexes} failregexes, each
 * starting with its own word, over syslog lines of which 5% are failures of a random failregex, 20% start with a
 * failregex's word but do not match it, and the rest is unrelated. With {@code anchored=true} the failregexes
 * start with {@code ^} (as stock filters after a prefregex do); with {@code anchored=false} they do not, so any
 * position of the line may start a match.
 *
 * <p>A flat score over {@code regexes} means most lines are rejected without running every failregex.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ManyFiltersBench {

    @Param({"1", "10", "100", "1000"})
    public int regexes;

    @Param({"true", "false"})
    public boolean anchored;

    private static final int LINES = 65536;
    private static final String[] NOISE = {
        "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)",
        "Started Session 1234 of user alice.",
        "connection from 10.1.2.3 port 4242 on 192.0.2.1 port 22",
        "message repeated 3 times: [ Failed none ]",
        "DHCPACK of 10.0.3.17 from 10.0.0.1 (xid=0x5d3f1a2b)",
        "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)",
        "[UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.7 DST=10.0.0.2 LEN=40 PROTO=TCP SPT=5353 DPT=23",
        "Received SIGHUP, reloading configuration from /etc/app/app.conf",
    };

    private String[] corpus;
    private int next;
    private FailureMatcher matcher;

    static String word(Random rnd) {
        int len = 6 + rnd.nextInt(5);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        String[] words = new String[regexes];
        for (int k = 0; k < regexes; k++) {
            words[k] = word(rnd) + k;
        }
        matcher = BenchSupport.newMatcher();
        matcher.setPrefRegex("^\\s*\\S+\\s+\\S+\\[\\d+\\]:\\s+<F-CONTENT>.+</F-CONTENT>$");
        for (String w : words) {
            matcher.addFailRegex((anchored ? "^" : "") + w + " (?:authentication failure|bad password) for "
                    + "(?:invalid user )?<F-USER>\\S+</F-USER> from <HOST>(?: port \\d+)?\\s*$");
        }
        corpus = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            int r = rnd.nextInt(100);
            String msg;
            String w = words[rnd.nextInt(regexes)];
            String ip = (1 + rnd.nextInt(222)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
                    + (1 + rnd.nextInt(254));
            if (r < 5) {
                msg = w + " authentication failure for " + (r < 2 ? "invalid user " : "") + word(rnd) + " from "
                        + ip + " port " + (1024 + rnd.nextInt(60000));
            } else if (r < 25) {
                msg = w + " session opened for user " + word(rnd) + " from " + ip;
            } else {
                msg = NOISE[rnd.nextInt(NOISE.length)];
            }
            corpus[i] = String.format("Nov %2d %02d:%02d:%02d srv1 app%d[%d]: %s", 1 + i / 86400 % 28,
                    i / 3600 % 24, i / 60 % 60, i % 60, rnd.nextInt(4), 1000 + rnd.nextInt(30000), msg);
        }
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
