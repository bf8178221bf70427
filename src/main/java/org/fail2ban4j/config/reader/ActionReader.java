package org.fail2ban4j.config.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.config.ini.IniCache;

/** An action of {@code action.d/}. Port of {@code fail2ban/client/actionreader.py:ActionReader}. */
public final class ActionReader extends DefinitionInitReader {
    static final List<OptDef> CONFIG_OPTS = List.of(
            OptDef.str("actionstart", null),
            OptDef.bool("actionstart_on_demand", null),
            OptDef.str("actionstop", null),
            OptDef.str("actionflush", null),
            OptDef.str("actionreload", null),
            OptDef.str("actioncheck", null),
            OptDef.str("actionrepair", null),
            OptDef.bool("actionrepair_on_unban", null),
            OptDef.str("actionban", null),
            OptDef.str("actionprolong", null),
            OptDef.str("actionreban", null),
            OptDef.str("actionunban", null),
            OptDef.bool("norestored", null));
    private static final Set<String> CONFIG_NAMES;

    static {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (OptDef o : CONFIG_OPTS) {
            s.add(o.name());
        }
        CONFIG_NAMES = Set.copyOf(s);
    }

    /** Tags the action resolves itself, at ban time (upstream {@code CommandAction._escapedTags} + two). */
    static final Set<String> CONVERT_IGNORE = Set.of("matches", "ipmatches", "ipjailmatches", "timeout", "bantime");

    private final String actName;

    public ActionReader(String file, String jailName, Map<String, String> initOpts, IniCache cache, String basedir,
            ReaderLog log) {
        super("action.d/" + file, jailName, withNames(file, jailName, initOpts), cache, basedir, log);
        this.actName = this.initOpts.get("actname");
    }

    private static Map<String, String> withNames(String file, String jailName, Map<String, String> initOpts) {
        String n = initOpts.get("name");
        if (n == null) {
            n = jailName;
            initOpts.put("name", n);
        }
        if (initOpts.get("actname") == null) {
            String actname = file;
            if (!n.equals(jailName)) {
                actname += n.startsWith(jailName) ? n.substring(jailName.length()) : "-" + n;
            }
            initOpts.put("actname", actname);
        }
        return initOpts;
    }

    /** The unique name of this action within its jail. */
    public String actName() {
        return actName;
    }

    @Override
    protected List<OptDef> configOpts() {
        return CONFIG_OPTS;
    }

    public List<List<Object>> convert() {
        Map<String, Object> o = getCombined(CONVERT_IGNORE);
        List<List<Object>> stream = new ArrayList<>();
        stream.add(List.of("set", jailName, "addaction", actName));
        List<Object> multi = new ArrayList<>();
        for (Map.Entry<String, Object> e : o.entrySet()) {
            if (CONFIG_NAMES.contains(e.getKey()) && !e.getKey().startsWith("known/")) {
                multi.add(pair(e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, String> e : initOpts.entrySet()) {
            if (!CONFIG_NAMES.contains(e.getKey()) && !e.getKey().startsWith("known/")) {
                multi.add(pair(e.getKey(), e.getValue()));
            }
        }
        if (multi.size() > 1) {
            stream.add(List.of("multi-set", jailName, "action", actName, multi));
        } else if (multi.size() == 1) {
            List<Object> cmd = new ArrayList<>(List.of("set", jailName, "action", actName));
            cmd.addAll((List<?>) multi.get(0));
            stream.add(cmd);
        }
        return stream;
    }

    private static List<Object> pair(String k, Object v) {
        List<Object> l = new ArrayList<>(2);
        l.add(k);
        l.add(v);
        return l;
    }
}
