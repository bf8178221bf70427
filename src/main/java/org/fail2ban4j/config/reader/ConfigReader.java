package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.ini.IniLayering;
import org.fail2ban4j.config.ini.NoOptionException;
import org.fail2ban4j.config.ini.NoSectionException;
import org.fail2ban4j.config.ini.SourceLocation;

/**
 * Reads one named configuration ({@code jail}, {@code fail2ban}, {@code filter.d/sshd}...) under a base directory
 * and gets typed options out of it. Port of {@code fail2ban/client/configreader.py:ConfigReader} and
 * {@code ConfigReaderUnshared}: the files are {@code NAME.conf}, {@code NAME.d/*.conf}, {@code NAME.local},
 * {@code NAME.d/*.local} (each sorted), and a configuration read once is shared by every reader of the same load.
 */
public class ConfigReader {
    protected final IniCache cache;
    protected final String basedir;
    protected final ReaderLog log;
    protected IniLayering cfg;

    private record Loaded(IniLayering cfg, boolean ok) {
    }

    public ConfigReader(IniCache cache, String basedir, ReaderLog log) {
        this.cache = cache;
        this.basedir = basedir == null ? "/etc/fail2ban" : stripTrailingSlashes(basedir);
        this.log = log;
    }

    private static String stripTrailingSlashes(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == '/') {
            e--;
        }
        return s.substring(0, e);
    }

    /** Uses an already read configuration (upstream's {@code use_config}). */
    protected void useConfig(IniLayering other) {
        this.cfg = other;
    }

    public String baseDir() {
        return basedir;
    }

    public IniLayering config() {
        return cfg;
    }

    /**
     * Reads (once per load) the configuration files of {@code name}.
     *
     * @return false (after logging why) if none could be read
     * @throws ConfigException if the base directory is missing or a file is malformed
     */
    protected boolean read(String name) {
        Loaded l = cache.shared("cfg:" + name, n -> load(name));
        cfg = l.cfg;
        return l.ok;
    }

    private Loaded load(String filename) {
        if (!Files.exists(Path.of(basedir))) {
            throw new ConfigException("Base configuration directory " + basedir + " does not exist ", null);
        }
        String base = basedir + "/" + filename;
        List<String> files = new ArrayList<>();
        files.add(base + ".conf");
        files.addAll(sortedGlob(base + ".d/*.conf"));
        files.add(base + ".local");
        files.addAll(sortedGlob(base + ".d/*.local"));
        files.removeIf(f -> !Files.exists(Path.of(f)));
        IniLayering layering = new IniLayering(cache);
        if (files.isEmpty()) {
            log.log("fail2ban.configreader", "ERROR", "Found no accessible config files for " + PyStrings.repr(filename)
                    + " under " + basedir);
            return new Loaded(layering, false);
        }
        List<String> read = layering.read(files);
        List<String> missed = new ArrayList<>(files);
        missed.removeAll(read);
        if (!missed.isEmpty()) {
            log.log("fail2ban.configreader", "ERROR", "Could not read config files: " + String.join(", ", missed));
            return new Loaded(layering, false);
        }
        return new Loaded(layering, !read.isEmpty());
    }

    private static List<String> sortedGlob(String pattern) {
        List<String> l = PyGlob.glob(pattern);
        l.sort(null);
        return l;
    }

    /** Section names, without the {@code KNOWN/} memory sections. */
    public List<String> sections() {
        List<String> out = new ArrayList<>();
        if (cfg != null) {
            for (String s : cfg.sections()) {
                if (!s.startsWith("KNOWN/")) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    public boolean hasSection(String sec) {
        return cfg != null && cfg.hasSection(sec);
    }

    public boolean hasOption(String sec, String opt, boolean withDefault) {
        return withDefault ? cfg.hasOption(sec, opt) : cfg.hasOwnOption(sec, opt);
    }

    public void mergeDefaults(Map<String, String> d) {
        cfg.defaults().putAll(d);
    }

    public void mergeSection(String section, Map<String, String> options, String pref) {
        cfg.mergeSection(section, options, pref);
    }

    public Collection<String> options(String section, boolean withDefault) {
        return cfg.options(section, withDefault);
    }

    public String get(String sec, String opt) {
        return cfg.get(sec, opt);
    }

    /**
     * Upstream {@code getOptions}: each option of the template that {@code pOptions} does not already hold is
     * read from {@code sec} (interpolated with {@code pOptions} as vars) and converted; a missing option takes
     * the template default, a value that does not convert takes it with a warning.
     */
    public Map<String, Object> getOptions(String sec, List<OptDef> options, Map<String, ?> pOptions,
            boolean shouldExist, boolean convert) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ?> vars = pOptions == null ? Map.of() : pOptions;
        for (OptDef od : options) {
            String name = od.name();
            if (vars.containsKey(name)) {
                continue;
            }
            try {
                String v = cfg.get(sec, name, false, vars);
                values.put(name, v);
                if (convert && od.type() != OptDef.Type.STRING && v != null) {
                    values.put(name, convertValue(od.type(), v));
                }
            } catch (NoSectionException e) {
                if (shouldExist) {
                    throw e;
                }
                log.log("fail2ban.configreader", "ERROR", e.getMessage());
                values.put(name, od.defaultValue());
            } catch (NoOptionException e) {
                if (od.defaultValue() != null) {
                    log.log("fail2ban.configreader", "DEBUG", "'" + name + "' not defined in '" + sec
                            + "'. Using default one: " + PyValues.repr(od.defaultValue()));
                    values.put(name, od.defaultValue());
                }
            } catch (NumberFormatException e) {
                log.log("fail2ban.configreader", "WARNING", "Wrong value for '" + name + "' in '" + sec
                        + "'. Using default one: '" + PyValues.repr(od.defaultValue()) + "'");
                values.put(name, od.defaultValue());
            }
        }
        return values;
    }

    static Object convertValue(OptDef.Type type, String v) {
        switch (type) {
            case INT:
                return PyValues.parseInt(v);
            case BOOL:
                return PyValues.asBool(v);
            default:
                return v;
        }
    }

    /** Where an option's value comes from, for messages; null if unknown. */
    public SourceLocation location(String section, String option) {
        return cfg == null ? null : cfg.location(section, option);
    }
}
