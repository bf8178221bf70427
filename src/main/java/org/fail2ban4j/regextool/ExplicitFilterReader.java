package org.fail2ban4j.regextool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.ini.IniLayering;
import org.fail2ban4j.config.reader.FilterReader;
import org.fail2ban4j.config.reader.DefinitionInitReader;
import org.fail2ban4j.config.reader.OptDef;
import org.fail2ban4j.config.reader.ReaderLog;

/**
 * Port of {@code fail2ban/client/filterreader.py:FilterReader} used through {@code readexplicit()} (upstream
 * {@code fail2ban/client/configreader.py:DefinitionInitConfigReader.readexplicit}): a filter file outside a
 * configuration directory ({@code fail2ban-regex LOG path/to/my-filter.conf}); exactly this file and its
 * {@code [INCLUDES]} are read, no {@code .local} or {@code .d/} companions. {@code applyAutoOptions} and
 * {@code convert} ({@code _fillStream}) are as the filter reader has them.
 */
final class ExplicitFilterReader extends DefinitionInitReader {
    private static final List<OptDef> CONFIG_OPTS = List.of(
            OptDef.str("usedns", null),
            OptDef.str("prefregex", null),
            OptDef.str("ignoreregex", null),
            OptDef.str("failregex", null),
            OptDef.integer("maxlines", null),
            OptDef.str("datepattern", null),
            OptDef.str("journalmatch", null));

    private final String path;

    /**
     * @param path the absolute path of the filter file
     * @param jailName the jail name the commands are for
     * @param initOpts the filter's parameters ({@code name[k=v]})
     */
    ExplicitFilterReader(String path, String jailName, Map<String, String> initOpts, IniCache cache, ReaderLog log) {
        super(path, jailName, initOpts, cache, null, log);
        this.path = path;
    }

    @Override
    protected List<OptDef> configOpts() {
        return CONFIG_OPTS;
    }

    /** Reads the file and its includes; false if nothing could be read. */
    @Override
    public boolean read() {
        cfg = new IniLayering(cache);
        return !cfg.read(List.of(path)).isEmpty();
    }

    /** Upstream {@code applyAutoOptions}: {@code logtype} from the backend unless set. */
    void applyAutoOptions(String backend) {
        String lt = initOpts.get("logtype");
        if ((lt == null || lt.isEmpty()) && !hasOption("Definition", "logtype", false)) {
            initOpts.put("logtype", backend.startsWith("systemd") ? "journal" : "file");
        }
    }

    @Override
    public boolean hasOption(String sec, String opt, boolean withDefault) {
        return cfg.hasSection(sec) && super.hasOption(sec, opt, withDefault);
    }

    /** Upstream {@code convert()}: the filter's commands. */
    List<List<Object>> convert() {
        List<List<Object>> stream = new ArrayList<>();
        Map<String, Object> o = getCombined();
        if (!o.isEmpty()) {
            FilterReader.fillStream(stream, o, jailName);
        }
        return stream;
    }

}
