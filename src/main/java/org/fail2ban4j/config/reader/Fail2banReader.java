package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;

/** {@code fail2ban.conf}: the server settings. Port of {@code fail2ban/client/fail2banreader.py}. */
public final class Fail2banReader extends ConfigReader {
    private static final Map<String, Integer> ORDER = Map.of("thread", 0, "syslogsocket", 11, "loglevel", 12,
            "logtarget", 13, "allowipv6", 14, "dbfile", 50, "dbmaxmatches", 51, "dbpurgeage", 51);
    /** Level names upstream's {@code str2LogLevel} accepts (attributes of Python's logging module). */
    private static final List<String> LEVELS = List.of("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "NOTICE",
            "INFO", "DEBUG", "TRACEDEBUG", "HEAVYDEBUG", "MSG", "NOTSET");

    private Map<String, Object> opts = new LinkedHashMap<>();

    public Fail2banReader(IniCache cache, String basedir, ReaderLog log) {
        super(cache, basedir, log);
    }

    public boolean read() {
        return read("fail2ban");
    }

    /** Options the client needs before anything else (socket, pid file, logging). */
    public Map<String, Object> getEarlyOptions() {
        return getOptions("Definition", List.of(
                OptDef.str("socket", "/var/run/fail2ban/fail2ban.sock"),
                OptDef.str("pidfile", "/var/run/fail2ban/fail2ban.pid"),
                OptDef.str("loglevel", "INFO"),
                OptDef.str("logtarget", "/var/log/fail2ban.log"),
                OptDef.str("syslogsocket", "auto")), null, false, true);
    }

    public void getOptions(Map<String, ?> updateMainOpt) {
        opts = getOptions("Definition", List.of(
                OptDef.str("loglevel", "INFO"),
                OptDef.str("logtarget", "STDERR"),
                OptDef.str("syslogsocket", "auto"),
                OptDef.str("allowipv6", "auto"),
                OptDef.str("dbfile", "/var/lib/fail2ban/fail2ban.sqlite3"),
                OptDef.integer("dbmaxmatches", null),
                OptDef.str("dbpurgeage", "1d")), null, false, true);
        if (updateMainOpt != null) {
            opts.putAll(updateMainOpt);
        }
        checkLogLevel(opts.getOrDefault("loglevel", 0));
        if (hasSection("Thread")) {
            Map<String, Object> th = getOptions("Thread", List.of(OptDef.integer("stacksize", null)), null, false,
                    true);
            if (!th.isEmpty()) {
                opts.put("thread", th);
            }
        }
    }

    /** Upstream {@code str2LogLevel} as a check: a number or a level name. */
    public static void checkLogLevel(Object value) {
        if (value instanceof Number) {
            return;
        }
        String s = String.valueOf(value);
        if (!s.isEmpty() && allDigits(s)) {
            return;
        }
        if (!LEVELS.contains(s.toUpperCase(java.util.Locale.ROOT))) {
            throw new ConfigException("Invalid log level " + PyStrings.repr(s), null);
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public List<List<Object>> convert() {
        List<Map.Entry<Integer, List<Object>>> stream = new ArrayList<>();
        for (Map.Entry<String, Object> e : opts.entrySet()) {
            Integer o = ORDER.get(e.getKey());
            if (o != null) {
                List<Object> cmd = new ArrayList<>(List.of("set", e.getKey()));
                cmd.add(e.getValue());
                stream.add(Map.entry(o, cmd));
            }
        }
        stream.sort(Comparator.<Map.Entry<Integer, List<Object>>>comparingInt(Map.Entry::getKey)
                .thenComparing(e -> (String) e.getValue().get(1)));
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Object>> e : stream) {
            out.add(e.getValue());
        }
        return out;
    }
}
