package org.fail2ban4j.config.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;

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

    public JailsReader jails() {
        return jails;
    }
}
