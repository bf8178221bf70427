package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.util.ArrayList;
import java.util.List;
import org.fail2ban4j.config.ini.IniCache;

/** All jails of {@code jail.conf}. Port of {@code fail2ban/client/jailsreader.py:JailsReader}. */
public final class JailsReader extends ConfigReader {
    private final boolean forceEnable;
    private final List<JailReader> jails = new ArrayList<>();

    public JailsReader(IniCache cache, String basedir, ReaderLog log, boolean forceEnable) {
        super(cache, basedir, log);
        this.forceEnable = forceEnable;
    }

    public boolean read() {
        jails.clear();
        return read("jail");
    }

    /** The enabled jails and the broken ones, in section order. */
    public List<JailReader> jails() {
        return jails;
    }

    /**
     * Reads every jail (or only {@code section}).
     *
     * @return with {@code ignoreWrong}: at least one jail is usable or none is broken; without: none is broken
     */
    public boolean getOptions(String section, boolean ignoreWrong) {
        getOptions("Definition", List.of(), null, false, true);
        List<String> secs = section == null ? sections() : List.of(section);
        int status = 0;
        for (String sec : secs) {
            if (sec.equals("INCLUDES")) {
                continue;
            }
            JailReader jail = new JailReader(sec, forceEnable, cache, basedir, log, cfg);
            if (jail.getOptions()) {
                if (jail.isEnabled()) {
                    status |= 1;
                    jails.add(jail);
                }
            } else {
                log.log("fail2ban.jailsreader", "ERROR", "Errors in jail " + PyStrings.repr(sec) + "."
                        + (ignoreWrong ? " Skipping..." : ""));
                jails.add(jail);
                status |= 2;
            }
        }
        return (ignoreWrong && (status & 1) != 0) || (status & 2) == 0;
    }

    public List<List<Object>> convert(boolean allowNoFiles, boolean systemdIfNologs) {
        List<List<Object>> stream = new ArrayList<>();
        for (JailReader j : jails) {
            stream.addAll(j.convert(allowNoFiles, systemdIfNologs));
        }
        for (JailReader j : jails) {
            if (j.options().get("config-error") == null && j.options().get("runtime-error") == null) {
                stream.add(List.of("start", j.name()));
            } else {
                j.options().remove("runtime-error");
            }
        }
        return stream;
    }
}
