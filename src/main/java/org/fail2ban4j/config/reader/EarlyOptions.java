package org.fail2ban4j.config.reader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.IniFile;
import org.fail2ban4j.config.ini.IniLayering;

/**
 * The client's early read of {@code fail2ban.conf} (upstream {@code Fail2banReader.getEarlyOptions}, as
 * {@link ConfigLoader#readEarly()} then {@link ConfigLoader#getEarlyOptions()} do it) for the plain case only,
 * without the reader stack: {@code fail2ban.conf} and an optional {@code fail2ban.local}, no {@code fail2ban.d}
 * files, no {@code [INCLUDES]}, no conditional sections, a {@code [Definition]} section, and none of the five
 * options using interpolation. In that case the result (and the debug lines logged for options left at their
 * defaults) is the same as the full reader's; in any other case, or on any read or parse problem, it gives
 * {@code null} without logging anything, and the caller uses the full reader, which reports what is wrong.
 */
public final class EarlyOptions {
    private static final String[] NAMES = {"socket", "pidfile", "loglevel", "logtarget", "syslogsocket"};
    private static final String[] DEFAULTS = {"/var/run/fail2ban/fail2ban.sock", "/var/run/fail2ban/fail2ban.pid",
        "INFO", "/var/log/fail2ban.log", "auto"};

    private EarlyOptions() {
    }

    /**
     * The early options of the configuration under {@code basedir}, in upstream's order (socket, pidfile,
     * loglevel, logtarget, syslogsocket), or null when the full reader is needed.
     */
    public static Map<String, Object> readPlain(String basedir, ReaderLog log) {
        try {
            return read(basedir, log);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> read(String basedir, ReaderLog log) throws IOException {
        String dir = basedir == null ? "/etc/fail2ban" : basedir;
        int e = dir.length();
        while (e > 0 && dir.charAt(e - 1) == '/') {
            e--;
        }
        dir = dir.substring(0, e);
        if (!Files.isDirectory(Path.of(dir))) {
            return null;
        }
        String base = dir + "/fail2ban";
        Path dotD = Path.of(base + ".d");
        if (Files.exists(dotD) && !emptyDirectory(dotD)) {
            return null;
        }
        Path conf = Path.of(base + ".conf");
        Path local = Path.of(base + ".local");
        if (!readableFile(conf)) {
            return null;
        }
        List<IniFile> files = new ArrayList<>(2);
        files.add(IniFile.read(conf));
        if (Files.exists(local)) {
            if (!readableFile(local)) {
                return null;
            }
            files.add(IniFile.read(local));
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> definition = null;
        for (IniFile ini : files) {
            for (String name : ini.sections().keySet()) {
                if (name.equals(IniLayering.INCLUDES) || name.indexOf('?') >= 0) {
                    return null;
                }
            }
            defaults.putAll(ini.defaults());
            Map<String, String> d = ini.sections().get("Definition");
            if (d != null) {
                if (definition == null) {
                    definition = new LinkedHashMap<>();
                }
                definition.putAll(d);
            }
        }
        if (definition == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> debug = null;
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            String v = definition.containsKey(name) ? definition.get(name) : defaults.get(name);
            if (v == null) {
                if (debug == null) {
                    debug = new ArrayList<>(NAMES.length);
                }
                debug.add("'" + name + "' not defined in 'Definition'. Using default one: " + PyValues.repr(DEFAULTS[i]));
                v = DEFAULTS[i];
            } else if (v.indexOf('%') >= 0) {
                return null;
            }
            values.put(name, v);
        }
        if (debug != null) {
            for (String m : debug) {
                log.log("fail2ban.configreader", "DEBUG", m);
            }
        }
        return values;
    }

    private static boolean readableFile(Path p) {
        return Files.isRegularFile(p) && Files.isReadable(p);
    }

    private static boolean emptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            return !s.iterator().hasNext();
        }
    }
}
