package org.fail2ban4j.config.reader;

import org.fail2ban4j.regex.PyStrings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.Version;
import org.fail2ban4j.config.ini.ConfigException;
import org.fail2ban4j.config.ini.IniCache;
import org.fail2ban4j.config.ini.IniLayering;
import org.fail2ban4j.config.ini.SourceLocation;
import org.fail2ban4j.tags.OptionListParser;
import org.fail2ban4j.tags.OptionSpec;
import org.fail2ban4j.tags.Words;

/** One jail section of {@code jail.conf}. Port of {@code fail2ban/client/jailreader.py:JailReader}. */
public final class JailReader extends ConfigReader {
    static final List<OptDef> CONFIG_OPTS_1ST = List.of(
            OptDef.bool("enabled", false),
            OptDef.str("backend", "auto"),
            OptDef.str("filter", ""));
    static final List<OptDef> CONFIG_OPTS;
    static final Set<String> IGNORE_OPTS;

    static {
        List<OptDef> l = new ArrayList<>(List.of(
                OptDef.bool("enabled", false),
                OptDef.str("backend", "auto"),
                OptDef.integer("maxretry", null),
                OptDef.integer("maxmatches", null),
                OptDef.str("findtime", null),
                OptDef.str("bantime", null),
                OptDef.bool("bantime.increment", null),
                OptDef.str("bantime.factor", null),
                OptDef.str("bantime.formula", null),
                OptDef.str("bantime.multipliers", null),
                OptDef.str("bantime.maxtime", null),
                OptDef.str("bantime.rndtime", null),
                OptDef.bool("bantime.overalljails", null),
                OptDef.str("ignorecommand", null),
                OptDef.bool("ignoreself", null),
                OptDef.str("ignoreip", null),
                OptDef.str("ignorecache", null),
                OptDef.str("filter", ""),
                OptDef.str("logtimezone", null),
                OptDef.str("logencoding", null),
                OptDef.str("logpath", null),
                OptDef.bool("skip_if_nologs", false),
                OptDef.bool("systemd_if_nologs", true),
                OptDef.str("action", "")));
        l.addAll(FilterReader.CONFIG_OPTS);
        CONFIG_OPTS = List.copyOf(l);
        java.util.Set<String> ign = new java.util.HashSet<>(List.of("action", "filter", "enabled", "backend",
                "skip_if_nologs", "systemd_if_nologs"));
        for (OptDef o : FilterReader.CONFIG_OPTS) {
            ign.add(o.name());
        }
        IGNORE_OPTS = Set.copyOf(ign);
    }

    private final String name;
    private final boolean forceEnable;
    private Map<String, Object> opts;
    private FilterReader filter;
    /** ActionReader, or a ready command for a Python action. */
    private final List<Object> actions = new ArrayList<>();

    public JailReader(String name, boolean forceEnable, IniCache cache, String basedir, ReaderLog log,
            IniLayering useConfig) {
        super(cache, basedir, log);
        this.name = name;
        this.forceEnable = forceEnable;
        if (useConfig != null) {
            useConfig(useConfig);
        }
    }

    public String name() {
        return name;
    }

    public Map<String, Object> options() {
        return opts;
    }

    public FilterReader filter() {
        return filter;
    }

    public boolean isEnabled() {
        return forceEnable || (opts != null && PyValues.asBool(opts.getOrDefault("enabled", false)));
    }

    /** Reads {@code jail} and checks the section exists. */
    public boolean read() {
        boolean out = read("jail");
        if (!sections().contains(name)) {
            throw new ConfigException("Jail " + PyStrings.repr(name) + " was not found among available", null);
        }
        return out;
    }

    /** Thrown for a jail that cannot be used; the jail is skipped with this message. */
    static final class JailDefException extends RuntimeException {
        final SourceLocation where;

        JailDefException(String m, SourceLocation where) {
            super(m);
            this.where = where;
        }
    }

    /**
     * Upstream {@code getOptions}: reads the jail, its filter and its actions.
     *
     * @return false if the jail has a definition error (kept as {@code config-error})
     */
    public boolean getOptions() {
        Map<String, String> statics = new LinkedHashMap<>();
        statics.put("fail2ban_version", Version.FAIL2BAN_VERSION);
        statics.put("fail2ban_confpath", basedir);
        mergeDefaults(statics);
        try {
            opts = getOptions(name, CONFIG_OPTS_1ST, null, true, true);
            if (!isEnabled()) {
                return true;
            }
            String flt = (String) opts.get("filter");
            if (flt != null && !flt.isEmpty()) {
                OptionSpec spec;
                try {
                    spec = OptionListParser.extractOptions(flt);
                } catch (IllegalArgumentException e) {
                    throw new JailDefException("Invalid filter definition " + PyStrings.repr(flt) + ": " + e.getMessage(),
                            location(name, "filter"));
                }
                filter = new FilterReader(spec.name(), name, new LinkedHashMap<>(spec.options()), cache, basedir, log);
                if (!filter.read()) {
                    throw new JailDefException("Unable to read the filter " + PyStrings.repr(spec.name()),
                            location(name, "filter"));
                }
                filter.applyAutoOptions(String.valueOf(opts.getOrDefault("backend", "")));
                filter.getOptions(opts, true);
                Map<String, String> known = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : filter.getCombined().entrySet()) {
                    known.put(e.getKey(), IniLayering.pyStr(e.getValue()));
                }
                mergeSection(name, known, "known/");
            } else {
                filter = null;
                log.log("fail2ban.jailreader", "WARNING", "No filter set for jail " + name);
            }
            opts = getOptions(name, CONFIG_OPTS, null, false, true);
            if (filter != null) {
                filter.getOptions(opts, false);
            }
            for (String act : OptionListParser.splitWithOptions(String.valueOf(opts.get("action")))) {
                act = PyStrings.strip(act);
                if (act.isEmpty()) {
                    continue;
                }
                OptionSpec spec;
                try {
                    spec = OptionListParser.extractOptions(act);
                } catch (IllegalArgumentException e) {
                    throw new JailDefException("Invalid action definition " + PyStrings.repr(act) + ": " + e.getMessage(),
                            location(name, "action"));
                }
                try {
                    if (spec.name().endsWith(".py")) {
                        Map<String, String> actOpt = new LinkedHashMap<>(spec.options());
                        String actname = actOpt.remove("actname");
                        if (actname == null) {
                            int dot = spec.name().lastIndexOf('.');
                            actname = spec.name().substring(0, dot);
                        }
                        actions.add(List.of("set", name, "addaction", actname,
                                basedir + "/action.d/" + spec.name(), JsonText.dumps(actOpt)));
                    } else {
                        ActionReader action = new ActionReader(spec.name(), name,
                                new LinkedHashMap<>(spec.options()), cache, basedir, log);
                        if (!action.read()) {
                            throw new JailDefException("Unable to read action " + PyStrings.repr(spec.name()),
                                    location(name, "action"));
                        }
                        action.getOptions(opts, false);
                        actions.add(action);
                    }
                } catch (JailDefException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ConfigException("Error in action definition " + PyStrings.repr(act) + ": "
                            + pyExceptionRepr(e), location(name, "action"), e);
                }
            }
            if (actions.isEmpty()) {
                log.log("fail2ban.jailreader", "WARNING", "No actions were defined for " + name);
            }
        } catch (JailDefException e) {
            // the log line also names where the jail's option is; the stream keeps upstream's text
            log.log("fail2ban.jailreader", "ERROR", e.getMessage() + (e.where == null ? "" : " (" + e.where + ")"));
            if (opts == null) {
                opts = new LinkedHashMap<>();
            }
            opts.put("config-error", e.getMessage());
            return false;
        }
        return true;
    }

    private static String pyExceptionRepr(RuntimeException e) {
        String msg = e instanceof ConfigException ? ((ConfigException) e).upstreamMessage() : e.getMessage();
        String type = e instanceof ConfigException ? "Error" : "ValueError";
        return type + "(" + PyStrings.repr(msg == null ? "" : msg) + ")";
    }

    /** Upstream {@code convert}: the commands that create and configure this jail. */
    public List<List<Object>> convert(boolean allowNoFiles, boolean systemdIfNologs) {
        List<List<Object>> stream = new ArrayList<>();
        List<List<Object>> stream2 = new ArrayList<>();
        Object err = opts.get("config-error");
        if (err != null) {
            stream.add(List.of("config-error", "Jail '" + name + "' skipped, because of wrong configuration: " + err));
            return stream;
        }
        if (filter != null) {
            stream.addAll(filter.convert());
        }
        FilterReader.fillStream(stream, opts, name);
        String backend = String.valueOf(opts.getOrDefault("backend", "auto"));
        for (Map.Entry<String, Object> e : opts.entrySet()) {
            String opt = e.getKey();
            Object value = e.getValue();
            if (opt.equals("logpath")) {
                if (backend.startsWith("systemd")) {
                    continue;
                }
                int found = 0;
                for (String line : String.valueOf(value).split("\n", -1)) {
                    int sp = line.lastIndexOf(' ');
                    String path = sp < 0 ? line : line.substring(0, sp);
                    String tail = sp < 0 ? "head" : line.substring(sp + 1);
                    List<String> files = globExisting(path);
                    if (files.isEmpty()) {
                        log.log("fail2ban.jailreader", "NOTICE", "No file(s) found for glob " + path);
                    }
                    for (String p : files) {
                        found++;
                        stream2.add(List.of("set", name, "addlogpath", p, tail));
                    }
                }
                if (found == 0) {
                    String msg = "Have not found any log file for '" + name + "' jail.";
                    boolean skip = PyValues.asBool(opts.getOrDefault("skip_if_nologs", false));
                    if (backend.startsWith("auto") && systemdIfNologs
                            && PyValues.asBool(opts.getOrDefault("systemd_if_nologs", true))
                            && opts.get("journalmatch") != null) {
                        backend = "systemd";
                        msg += " Jail will monitor systemd journal.";
                        skip = false;
                    } else if (!allowNoFiles && !skip) {
                        throw new ConfigException(msg, location(name, "logpath"));
                    }
                    log.log("fail2ban.jailreader", "WARNING", msg);
                    if (skip) {
                        opts.put("runtime-error", msg);
                        msg = "Jail '" + name + "' skipped, because of missing log files.";
                        log.log("fail2ban.jailreader", "WARNING", msg);
                        List<List<Object>> s = new ArrayList<>();
                        s.add(List.of("config-error", msg));
                        return s;
                    }
                }
            } else if (opt.equals("ignoreip")) {
                List<Object> cmd = new ArrayList<>(List.of("set", name, "addignoreip"));
                cmd.addAll(Words.splitwords(String.valueOf(value)));
                stream.add(cmd);
            } else if (!IGNORE_OPTS.contains(opt)) {
                List<Object> cmd = new ArrayList<>(List.of("set", name, opt));
                cmd.add(value);
                stream.add(cmd);
            }
        }
        stream.addAll(stream2);
        for (Object a : actions) {
            if (a instanceof ActionReader) {
                stream.addAll(((ActionReader) a).convert());
            } else {
                @SuppressWarnings("unchecked")
                List<Object> cmd = (List<Object>) a;
                stream.add(cmd);
            }
        }
        stream.add(0, List.of("add", name, backend));
        return stream;
    }

    /** Upstream {@code _glob}: matching paths that exist; dangling links are warned about and left out. */
    private List<String> globExisting(String path) {
        List<String> out = new ArrayList<>();
        for (String p : PyGlob.glob(path)) {
            if (Files.exists(Path.of(p))) {
                out.add(p);
            } else {
                log.log("fail2ban.jailreader", "WARNING", "File " + p + " is a dangling link, thus cannot be monitored");
            }
        }
        return out;
    }

    /** Where the value of one of this jail's options comes from (the jail section or DEFAULT). */
    public SourceLocation location(String option) {
        return location(name, option);
    }

    /** Where this jail is defined (its first option), for messages. */
    public SourceLocation location() {
        return cfg.sectionLocation(name);
    }
}
