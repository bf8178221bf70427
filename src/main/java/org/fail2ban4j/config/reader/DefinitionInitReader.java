package org.fail2ban4j.config.reader;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.ini.IniLayering;
import org.fail2ban4j.config.ini.NoOptionException;
import org.fail2ban4j.config.ini.NoSectionException;
import org.fail2ban4j.tags.TagResolver;

/**
 * A filter or action file: options in {@code [Definition]}, defaults for its parameters in {@code [Init]} (and
 * {@code [Init?family=inet6]}), overridden by the arguments a jail gives ({@code name[k=v]}). Port of
 * {@code fail2ban/client/configreader.py:DefinitionInitConfigReader}.
 */
public abstract class DefinitionInitReader extends ConfigReader {
    protected final String file;
    protected final String jailName;
    /** Parameters: the jail's arguments, then the {@code [Init]} values and their {@code known/} copies. */
    protected Map<String, String> initOpts;
    protected Map<String, Object> opts = new LinkedHashMap<>();
    protected Map<String, Object> pOpts = new LinkedHashMap<>();
    private final Map<String, String> defCache = new HashMap<>();

    protected DefinitionInitReader(String file, String jailName, Map<String, String> initOpts, IniCache cache,
            String basedir, ReaderLog log) {
        super(cache, basedir, log);
        this.file = file;
        this.jailName = jailName;
        this.initOpts = initOpts == null ? new LinkedHashMap<>() : initOpts;
    }

    /** The option template of the {@code [Definition]} section. */
    protected abstract List<OptDef> configOpts();

    /** The file name relative to the base directory, without extension ({@code filter.d/sshd}). */
    public String file() {
        return file;
    }

    public boolean read() {
        return read(file);
    }

    /** Upstream {@code getOptions(pOpts, all)}. */
    public void getOptions(Map<String, ?> jailOpts, boolean all) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (jailOpts != null) {
            p.putAll(jailOpts);
        }
        p.putAll(initOpts);
        opts = getOptions("Definition", configOpts(), p, false, false);
        pOpts = p;
        if (hasSection("Init")) {
            for (String opt : options("Init", false)) {
                String v = null;
                if (!opt.startsWith("known/")) {
                    v = get("Init", opt);
                    initOpts.put("known/" + opt, v);
                }
                if (!initOpts.containsKey(opt)) {
                    Matcher cond = IniLayering.CONDITIONAL.matcher(opt);
                    if (cond.matches() && p.containsKey(cond.group(1))) {
                        v = IniLayering.pyStr(p.get(cond.group(1)));
                    }
                    if (v == null) {
                        v = get("Init", opt);
                    }
                    initOpts.put(opt, v);
                }
            }
        }
        if (all && hasSection("Definition")) {
            for (String opt : options("Definition", false)) {
                if (!opts.containsKey(opt)) {
                    opts.put(opt, get("Definition", opt));
                }
            }
        }
    }

    /** Upstream {@code getCombOption}: a {@code [Definition]} option seen through the jail's parameters. */
    protected String combOption(String name) {
        if (defCache.containsKey(name)) {
            return defCache.get(name);
        }
        String v;
        try {
            v = cfg.getEx("Definition", name, false, pOpts);
        } catch (NoSectionException | NoOptionException e) {
            v = null;
        } catch (ConfigException e) {
            // upstream swallows ValueError only; interpolation errors propagate
            throw e;
        }
        defCache.put(name, v);
        return v;
    }

    /** Upstream {@code getCombined(ignore)}: definitions and parameters with every {@code <tag>} resolved. */
    public Map<String, Object> getCombined(Set<String> ignore) {
        Map<String, String> combined = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : opts.entrySet()) {
            combined.put(e.getKey(), IniLayering.pyStr(e.getValue()));
        }
        combined.putAll(initOpts);
        if (combined.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Set<String> ign = new HashSet<>(ignore);
        for (String n : combined.keySet()) {
            Matcher cond = IniLayering.CONDITIONAL.matcher(n);
            if (cond.matches()) {
                ign.add(cond.group(1));
            }
        }
        Map<String, String> subst;
        try {
            subst = TagResolver.substituteRecursiveTags(combined, "", ign, this::combOption);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), location("Definition", firstKey(combined)), e);
        }
        Map<String, Object> out = new LinkedHashMap<>(subst);
        convertOptions(out);
        return out;
    }

    public Map<String, Object> getCombined() {
        return getCombined(Set.of());
    }

    private static String firstKey(Map<String, String> m) {
        return m.isEmpty() ? "" : m.keySet().iterator().next();
    }

    private void convertOptions(Map<String, Object> values) {
        for (OptDef od : configOpts()) {
            if (od.type() == OptDef.Type.STRING) {
                continue;
            }
            Object v = values.get(od.name());
            if (v == null) {
                continue;
            }
            try {
                values.put(od.name(), convertValue(od.type(), v.toString()));
            } catch (NumberFormatException e) {
                log.log("fail2ban.configreader", "WARNING", "Wrong " + od.type().name().toLowerCase() + " value "
                        + PyValues.repr(v) + " for " + PyValues.repr(od.name()) + ". Using default one: "
                        + PyValues.repr(od.defaultValue()));
                values.put(od.name(), od.defaultValue());
            }
        }
    }
}
