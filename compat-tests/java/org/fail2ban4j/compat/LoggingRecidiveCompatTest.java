package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.reader.FilterReader;
import org.fail2ban4j.config.reader.ReaderLog;
import org.fail2ban4j.date.DefaultDateTemplates;
import org.fail2ban4j.date.StrptimePattern;
import org.fail2ban4j.filter.Failure;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.logging.F2bLevel;
import org.fail2ban4j.logging.F2bLoggers;
import org.fail2ban4j.logging.Logging;
import org.fail2ban4j.source.JournalEntryFormat;
import org.fail2ban4j.source.JournalLine;
import org.fail2ban4j.source.LogEncoding;
import org.fail2ban4j.testing.FakeDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The stock {@code filter.d/recidive.conf} (read from upstream 1.1.1's tree through our {@code FilterReader}) finds
 * the bans our own log output reports, as it does on upstream's: in a log file ({@code logtype = file}), in what a
 * syslog daemon writes from our {@code SYSLOG} datagrams, and in journal entries made of our {@code SYSTEMD-JOURNAL}
 * fields ({@code logtype = journal}). Bans of the recidive jail itself, unbans and other messages do not count.
 */
class LoggingRecidiveCompatTest {
    static final Instant NOW = Instant.ofEpochSecond(1124013600L);
    static final ZoneId ZONE = ZoneId.of("CET");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private Logging logging(Path journalSocket) {
        return Logging.builder(InstantSource.fixed(NOW), ZONE, "1.1.1").pid(4242).stdout(stdout)
                .journalSocket(journalSocket).build();
    }

    /** What the daemon logs around bans: what recidive must count, and what it must not. */
    private static void logBans(Logging logging) {
        Logger actions = logging.logger(F2bLoggers.ACTIONS);
        actions.info(F2bLevel.NOTICE, "[{}] Ban {}", "sshd", "1.2.3.4");
        actions.info(F2bLevel.NOTICE, "[{}] Ban {}", "apache-auth", "2001:db8::7");
        actions.info(F2bLevel.NOTICE, "[{}] Ban {}", "recidive", "5.6.7.8");
        actions.info(F2bLevel.NOTICE, "[{}] Unban {}", "sshd", "1.2.3.4");
        actions.info(F2bLevel.NOTICE, "[{}] {} already banned", "sshd", "1.2.3.4");
        actions.info(F2bLevel.NOTICE, "[{}] Restore Ban {}", "sshd", "9.9.9.9");
        logging.logger(F2bLoggers.FILTER).info("[{}] Found {} - {}", "sshd", "10.0.0.1", "2005-08-14 12:00:00");
        actions.info(F2bLevel.NOTICE, "[{}] Ban {}", "my.jail-1", "10.0.0.2");
    }

    private static final List<String> BANNED = List.of("1.2.3.4", "2001:db8::7", "10.0.0.2");

    private FailureMatcher recidive(Map<String, String> opts) {
        Path config = Oracle.upstream().resolve("config");
        InstantSource clock = InstantSource.fixed(NOW);
        DefaultDateTemplates dates = new DefaultDateTemplates(new StrptimePattern(clock, ZONE, Year.now()));
        FailureMatcher m = new FailureMatcher("recidive", clock, dates, new FakeDnsResolver());
        m.setCheckFindTime(false);
        FilterReader reader = new FilterReader("recidive", "recidive", new LinkedHashMap<>(opts), new IniCache(),
                config.toString(), ReaderLog.NONE);
        assertTrue(reader.read(), "cannot read filter.d/recidive.conf in " + config);
        reader.getOptions(Map.of(), false);
        for (List<Object> opt : reader.convert()) {
            List<?> values = opt.get(0).equals("multi-set") ? (List<?>) opt.get(3) : List.of(opt.get(3));
            for (Object v : values) {
                switch ((String) opt.get(2)) {
                    case "prefregex": m.setPrefRegex((String) v); break;
                    case "addfailregex": m.addFailRegex((String) v); break;
                    case "addignoreregex": m.addIgnoreRegex((String) v); break;
                    case "maxlines": m.setMaxLines(((Number) v).intValue()); break;
                    case "datepattern": m.setDatePattern((String) v); break;
                    default: break;
                }
            }
        }
        return m;
    }

    /** The hosts recidive finds, in order, and that each found line has our time. */
    private static List<String> found(List<List<Failure>> results, double expectedTime) {
        List<String> hosts = new ArrayList<>();
        for (List<Failure> r : results) {
            for (Failure f : r) {
                if (f.fid() != null && !f.isNoFail()) {
                    hosts.add(f.fid().toString());
                    assertEquals(expectedTime, f.time(), 0.0, "time of " + f);
                }
            }
        }
        return hosts;
    }

    @Test
    void logFile() throws IOException {
        Path file = tmp.resolve("fail2ban.log");
        Logging logging = logging(tmp.resolve("no-journal"));
        logging.setLevel("INFO");
        assertTrue(logging.setTarget(file.toString()));
        logBans(logging);
        logging.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals("2005-08-14 12:00:00,000 fail2ban.actions        [4242]: NOTICE  [sshd] Ban 1.2.3.4",
                lines.get(0));
        FailureMatcher m = recidive(Map.of());
        List<List<Failure>> results = new ArrayList<>();
        for (String line : lines) {
            results.add(m.processLine(line));
        }
        assertEquals(BANNED, found(results, NOW.getEpochSecond()), String.join("\n", lines));
    }

    /** A syslog daemon's socket, bound by the test. */
    private static List<byte[]> receiveAll(UnixDatagramChannel ch) {
        List<byte[]> got = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (true) {
            buf.clear();
            try {
                ch.receive(buf);
            } catch (IOException e) {
                return got;
            }
            buf.flip();
            if (!buf.hasRemaining()) {
                return got;
            }
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            got.add(b);
        }
    }

    private static UnixDatagramChannel bind(Path path) throws IOException {
        UnixDatagramChannel ch = UnixDatagramChannel.open();
        ch.bind(new UnixSocketAddress(path.toFile()));
        ch.configureBlocking(false);
        return ch;
    }

    @Test
    void syslog() throws IOException {
        Path socket = tmp.resolve("log");
        List<String> lines = new ArrayList<>();
        try (UnixDatagramChannel ch = bind(socket)) {
            Logging logging = logging(tmp.resolve("no-journal"));
            logging.setLevel("INFO");
            assertTrue(logging.setTarget("SYSLOG", socket.toString()));
            logBans(logging);
            logging.close();
            for (byte[] b : receiveAll(ch)) {
                String s = new String(b, StandardCharsets.UTF_8);
                assertTrue(s.matches("(?s)<\\d+>.*\0"), s);
                // what rsyslog writes to /var/log/syslog (or auth.log) for the datagram
                lines.add("Aug 14 12:00:00 myhost " + s.substring(s.indexOf('>') + 1, s.length() - 1));
            }
        }
        assertEquals("Aug 14 12:00:00 myhost fail2ban.actions[4242]: NOTICE [sshd] Ban 1.2.3.4", lines.get(0));
        FailureMatcher m = recidive(Map.of());
        List<List<Failure>> results = new ArrayList<>();
        for (String line : lines) {
            results.add(m.processLine(line));
        }
        assertEquals(BANNED, found(results, NOW.getEpochSecond()), String.join("\n", lines));
    }

    /** The journal's native datagram: {@code NAME=value\n}, or {@code NAME\n}, 64-bit LE length, value, {@code \n}. */
    static Map<String, Object> parseJournalDatagram(byte[] b) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < b.length) {
            int j = i;
            while (b[j] != '=' && b[j] != '\n') {
                j++;
            }
            String name = new String(b, i, j - i, StandardCharsets.US_ASCII);
            if (b[j] == '=') {
                int end = j + 1;
                while (b[end] != '\n') {
                    end++;
                }
                fields.put(name, new String(b, j + 1, end - j - 1, StandardCharsets.UTF_8));
                i = end + 1;
            } else {
                long n = ByteBuffer.wrap(b, j + 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                fields.put(name, new String(b, j + 9, (int) n, StandardCharsets.UTF_8));
                i = j + 9 + (int) n + 1;
            }
        }
        return fields;
    }

    @Test
    void journal() throws IOException {
        Path socket = tmp.resolve("journal");
        List<Map<String, Object>> entries = new ArrayList<>();
        try (UnixDatagramChannel ch = bind(socket)) {
            Logging logging = logging(socket);
            logging.setLevel("INFO");
            assertTrue(logging.setTarget("SYSTEMD-JOURNAL"));
            logBans(logging);
            logging.close();
            for (byte[] b : receiveAll(ch)) {
                entries.add(parseJournalDatagram(b));
            }
        }
        assertEquals(Map.of("MESSAGE", "[sshd] Ban 1.2.3.4", "PRIORITY", "4", "LOGGER", "fail2ban.actions",
                "THREAD_NAME", Thread.currentThread().getName(), "SYSLOG_IDENTIFIER", "fail2ban"), entries.get(0));
        // what journald adds, then upstream's formatJournalEntry as the journal backend reads it
        JournalEntryFormat format = new JournalEntryFormat(LogEncoding.UTF_8, ZoneOffset.ofHours(2));
        FailureMatcher m = recidive(Map.of("logtype", "journal"));
        List<List<Failure>> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>(e);
            entry.put("_HOSTNAME", "myhost");
            entry.put("_PID", "4242");
            entry.put("__REALTIME_TIMESTAMP", Long.toString(NOW.getEpochSecond() * 1_000_000L));
            entry.put("__CURSOR", "s=1");
            JournalLine jl = format.format(entry);
            lines.add(jl.text());
            results.add(m.processLine(new TupleLine("", jl.isoTime(), jl.text()), jl.epochSeconds()));
        }
        assertEquals("myhost fail2ban[4242]: [sshd] Ban 1.2.3.4", lines.get(0));
        assertEquals(BANNED, found(results, NOW.getEpochSecond()), String.join("\n", lines));
    }
}
