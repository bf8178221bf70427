package org.fail2ban4j.regextool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fail2ban4j.net.CachingDnsResolver;
import org.fail2ban4j.net.SystemDnsResolver;

/**
 * Runs {@code fail2ban-regex}'s usual path once (a filter file with an include, a prefregex and host failregexes,
 * a small syslog file with matched, missed, ignored and undecodable lines, the report) and prints nothing.
 * {@code bin/launch} runs it once per build of the jar with {@code -XX:ArchiveClassesAtExit} to record the classes
 * {@code fail2ban-regex} loads in a class-data-sharing archive, which every later run maps instead of loading and
 * verifying those classes again.
 */
public final class RegexWarmUp {
    private static final String COMMON = """
            [DEFAULT]
            _daemon = \\S*
            __pid_re = (?:\\[\\d+\\])
            __daemon_re = [\\[\\(]?%(_daemon)s(?:\\(\\S+\\))?[\\]\\)]?:?
            __daemon_combs_re = (?:%(__pid_re)s?:\\s+%(__daemon_re)s|%(__daemon_re)s%(__pid_re)s?:?)
            __prefix_line = \\s*(?:\\S+\\s+)?(?:%(__daemon_combs_re)s\\s+)?
            """;
    // the constructs of the stock filters: a mode option chosen through nested tags, a failregex without a host
    // (the multi-line id stands for it), a journal match, a .local that overrides an option
    private static final String FILTER = """
            [INCLUDES]
            before = common.conf

            [DEFAULT]
            _daemon = sshd

            [Definition]
            prefregex = ^<F-MLFID>%(__prefix_line)s</F-MLFID>(?:error: )?<F-CONTENT>.+</F-CONTENT>$
            cmnfailre = ^Failed \\S+ for (?:invalid user )?<F-USER>\\S+</F-USER> from <HOST>(?: port \\d+)?
                        ^Invalid user <F-USER>\\S*</F-USER> from <ADDR>\\s*$
            mdre-normal = ^User <F-USER>\\S+</F-USER> not allowed because account is locked
            mdre-extra = <mdre-normal>
            mode = extra
            failregex = %(cmnfailre)s
                        <mdre-<mode>>
            ignoreregex = ^Failed \\S+ for ignored\\b
            datepattern = {^LN-BEG}
            journalmatch = _SYSTEMD_UNIT=sshd.service + _COMM=sshd

            [Init]
            maxlines = 1
            """;
    private static final String LOCAL = """
            [Definition]
            mode = normal
            """;
    private static final String[] LINES = {
        "Nov  1 00:00:%02d srv1 sshd[%d]: Failed password for root from 192.0.2.%d port 22 ssh2",
        "Nov  1 00:00:%02d srv1 sshd[%d]: Invalid user admin from 2001:db8::%d",
        "Nov  1 00:00:%02d srv1 CRON[%d]: pam_unix(cron:session): session opened for user root(uid=%d)",
        "Nov  1 00:00:%02d srv1 sshd[%d]: Failed publickey for ignored from 198.51.100.%d port 22",
        "2024-11-01T00:00:%02d.123+00:00 srv1 kernel: [%d.000] eth0: link up %d",
        "Nov  1 00:00:%02d srv1 sshd[%d]: User u%d not allowed because account is locked",
    };

    private RegexWarmUp() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        Path dir = Files.createTempDirectory("fail2ban4j-regex-warmup");
        try {
            run(dir, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

    /**
     * Writes the filter and the log under {@code dir} and tests them, once by file and once by name with
     * {@code -v}.
     *
     * @param out where the reports go
     * @return the exit status of each run
     */
    static List<Integer> run(Path dir, PrintStream out) throws IOException {
        Path filters = Files.createDirectories(dir.resolve("filter.d"));
        Files.writeString(filters.resolve("common.conf"), COMMON);
        Files.writeString(filters.resolve("warm.conf"), FILTER);
        Files.writeString(filters.resolve("warm.local"), LOCAL);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            log.append(String.format(LINES[i % LINES.length], i % 60, 1000 + i, i % 250)).append('\n');
        }
        Path file = dir.resolve("warm.log");
        byte[] text = log.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "Nov  1 00:01:00 srv1 sshd[1]: bad \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[text.length + bad.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(bad, 0, all, text.length, bad.length);
        Files.write(file, all);
        InstantSource clock = InstantSource.system();
        RegexTool.Environment env = new RegexTool.Environment(clock, ZoneId.systemDefault(),
                new CachingDnsResolver(new SystemDnsResolver(), clock), ProcessHandle.current().pid());
        List<Integer> statuses = new ArrayList<>();
        for (List<String> argv : List.of(
                List.of("-c", dir.toString(), file.toString(), filters.resolve("warm.conf").toString()),
                List.of("-c", dir.toString(), "-v", file.toString(), "warm"))) {
            RegexToolOptions.Outcome o = RegexToolOptions.parse(argv, "fail2ban-regex", System.getenv());
            if (o instanceof RegexToolOptions.Exit) { // (the command line's own test: the class is archived too)
                statuses.add(((RegexToolOptions.Exit) o).status());
            } else {
                statuses.add(new RegexTool(((RegexToolOptions.Run) o).options(), env, out).run());
            }
        }
        return statuses;
    }
}
