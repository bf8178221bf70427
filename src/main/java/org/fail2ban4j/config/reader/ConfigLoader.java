package org.fail2ban4j.config.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.time.DurationParser;

/**
 * Reads a whole configuration directory into the command stream the server applies. Port of
 * {@code fail2ban/client/configurator.py:Configurator}.
 */
public final class ConfigLoader {
    private final IniCache cache = new IniCache();
    private final Fail2banReader fail2ban;
    private final JailsReader jails;
    private List<List<Object>> general = List.of();
    private List<List<Object>> jailStream = List.of();

    public ConfigLoader(String basedir, ReaderLog log, boolean forceEnable) {
        this.fail2ban = new Fail2banReader(cache, basedir, log);
        this.jails = new JailsReader(cache, basedir, log, forceEnable);
    }

    public String baseDir() {
        return fail2ban.baseDir();
    }

    /** Forgets everything read so far (upstream {@code Reload}). */
    public void reload() {
        cache.clear();
    }

    /** @throws ConfigException "Read fail2ban configuration failed." when fail2ban.conf cannot be read */
    public void readEarly() {
        if (!fail2ban.read()) {
            throw new ConfigException("Read fail2ban configuration failed.", null);
        }
    }

    public void readAll() {
        readEarly();
        if (!jails.read()) {
            throw new ConfigException("Read jails configuration failed.", null);
        }
    }

    public Map<String, Object> getEarlyOptions() {
        return fail2ban.getEarlyOptions();
    }

    public boolean getOptions(String jail, Map<String, ?> updateMainOpt, boolean ignoreWrong) {
        fail2ban.getOptions(updateMainOpt);
        return jails.getOptions(jail, ignoreWrong);
    }

    public void convertToProtocol(boolean allowNoFiles) {
        general = fail2ban.convert();
        jailStream = jails.convert(allowNoFiles, true);
    }

    public List<List<Object>> getConfigStream() {
        List<List<Object>> out = new ArrayList<>(general);
        out.addAll(jailStream);
        return out;
    }

    /** Jail options holding a duration ({@code fail2ban-client --str2sec} syntax). */
    static final List<String> TIME_OPTIONS = List.of("findtime", "bantime", "bantime.maxtime", "bantime.rndtime");

    /**
     * Checks what upstream leaves to the server: every duration of every usable jail parses. Upstream's client
     * passes a bad value on and the server refuses it when the jail starts; we refuse it when the configuration is
     * tested, naming the file and line.
     *
     * @return one error per bad value, empty if all is well
     */
    public List<ConfigException> validate() {
        List<ConfigException> errors = new ArrayList<>();
        for (JailReader j : jails.jails()) {
            Map<String, Object> o = j.options();
            if (o.get("config-error") != null) {
                continue;
            }
            for (String opt : TIME_OPTIONS) {
                Object v = o.get(opt);
                if (v == null) {
                    continue;
                }
                try {
                    DurationParser.str2seconds(v.toString());
                } catch (IllegalArgumentException e) {
                    errors.add(new ConfigException("Wrong value for '" + opt + "' in jail '" + j.name() + "': "
                            + e.getMessage(), j.location(opt)));
                }
            }
        }
        return errors;
    }

    public JailsReader jails() {
        return jails;
    }
}
