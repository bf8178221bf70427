package org.fail2ban4j.config.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fail2ban4j.config.ini.IniCache;

/** A filter of {@code filter.d/}. Port of {@code fail2ban/client/filterreader.py:FilterReader}. */
public final class FilterReader extends DefinitionInitReader {
    static final List<OptDef> CONFIG_OPTS = List.of(
            OptDef.str("usedns", null),
            OptDef.str("prefregex", null),
            OptDef.str("ignoreregex", null),
            OptDef.str("failregex", null),
            OptDef.integer("maxlines", null),
            OptDef.str("datepattern", null),
            OptDef.str("journalmatch", null));

    private final String name;

    public FilterReader(String name, String jailName, Map<String, String> initOpts, IniCache cache, String basedir,
            ReaderLog log) {
        super("filter.d/" + name, jailName, initOpts, cache, basedir, log);
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    protected List<OptDef> configOpts() {
        return CONFIG_OPTS;
    }

    /** Sets the {@code logtype} parameter from the backend unless the filter or the jail sets it. */
    public void applyAutoOptions(String backend) {
        String lt = initOpts.get("logtype");
        if ((lt == null || lt.isEmpty()) && !hasOption("Definition", "logtype", false)) {
            initOpts.put("logtype", backend.startsWith("systemd") ? "journal" : "file");
        }
    }

    public List<List<Object>> convert() {
        List<List<Object>> stream = new ArrayList<>();
        Map<String, Object> o = getCombined();
        if (o.isEmpty()) {
            return stream;
        }
        fillStream(stream, o, jailName);
        return stream;
    }

    /** Upstream {@code FilterReader._fillStream}: the filter commands of a jail. */
    public static void fillStream(List<List<Object>> stream, Map<String, Object> opts, String jailName) {
        int prio0idx = 0;
        for (Map.Entry<String, Object> e : opts.entrySet()) {
            String opt = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            switch (opt) {
                case "failregex":
                case "ignoreregex": {
                    List<Object> multi = new ArrayList<>();
                    for (String regex : value.toString().split("\n", -1)) {
                        if (!regex.isEmpty()) {
                            multi.add(regex);
                        }
                    }
                    if (multi.size() > 1) {
                        stream.add(List.of("multi-set", jailName, "add" + opt, multi));
                    } else if (multi.size() == 1) {
                        stream.add(List.of("set", jailName, "add" + opt, multi.get(0)));
                    }
                    break;
                }
                case "usedns":
                case "maxlines":
                case "prefregex":
                    stream.add(opt.equals("usedns") ? 0 : prio0idx, List.of("set", jailName, opt, value));
                    prio0idx++;
                    break;
                case "datepattern":
                    stream.add(List.of("set", jailName, opt, value));
                    break;
                case "journalmatch":
                    for (String match : value.toString().split("\n", -1)) {
                        if (match.isEmpty()) {
                            continue;
                        }
                        List<Object> cmd = new ArrayList<>(List.of("set", jailName, "addjournalmatch"));
                        cmd.addAll(Shlex.split(match));
                        stream.add(cmd);
                    }
                    break;
                default:
                    break;
            }
        }
    }
}
