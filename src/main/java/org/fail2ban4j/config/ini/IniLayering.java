package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several configuration files merged into one view, with includes, conditional sections, the {@code KNOWN/}
 * memory of overridden values and interpolation. Port of
 * {@code fail2ban/client/configparserinc.py:SafeConfigParserWithIncludes} (with the parts of Python's
 * {@code ConfigParser} it relies on: {@code get}, {@code has_option}, {@code sections}).
 *
 * <p>Reading a list of files expands each with its {@code .local} sibling and its {@code [INCLUDES]}
 * {@code before =} / {@code after =} files (relative to the including file, recursively, loops cut), then merges
 * them in that order: later values win, the previous value of an overridden option is kept in section
 * {@code KNOWN/<section>}, and a section {@code [name?cond]} adds its options to {@code [name]} as
 * {@code option?cond}.
 *
 * <p>An included {@code .local} file is optional (stock {@code paths-common.conf} includes
 * {@code paths-overrides.local}); any other included file must exist. Upstream skips every missing include
 * silently; refusing a missing {@code .conf} is a deliberate difference (see the README).
 */
public final class IniLayering {
    /** Include section name. */
    public static final String INCLUDES = "INCLUDES";
    /** {@code ^(\w+)(\?.+)$}: a conditional section or option name such as {@code Init?family=inet6}. */
    public static final Pattern CONDITIONAL = Pattern.compile("^(\\w+)(\\?.+)$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SECTION_OPTNAME = Pattern.compile("^([\\w\\-]+)/([^\\s>]+)$",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final IniCache cache;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    /** section (DEFAULT for defaults) -> option -> where its current value comes from. */
    private final Map<String, Map<String, SourceLocation>> locations = new LinkedHashMap<>();

    public IniLayering(IniCache cache) {
        this.cache = cache;
    }

    public IniCache cache() {
        return cache;
    }

    /**
     * Reads the files (each with its includes and {@code .local}) and merges them into this view.
     *
     * @return the files that were read, includes first, in merge order; missing files are left out
     */
    public List<String> read(List<String> files) {
        List<String> all = includes(files, List.of());
        List<String> read = new ArrayList<>();
        for (String f : all) {
            Optional<IniFile> ini = cache.file(f);
            if (ini.isEmpty()) {
                continue;
            }
            read.add(f);
            merge(ini.get());
        }
        return read;
    }

    private void merge(IniFile ini) {
        defaults.putAll(ini.defaults());
        locations.computeIfAbsent(IniFile.DEFAULT, k -> new LinkedHashMap<>()).putAll(ini.locations(IniFile.DEFAULT));
        for (Map.Entry<String, Map<String, String>> e : ini.sections().entrySet()) {
            String name = e.getKey();
            Map<String, String> s = e.getValue();
            Map<String, SourceLocation> locs = ini.locations(name);
            Matcher cond = CONDITIONAL.matcher(name);
            if (cond.matches()) {
                name = cond.group(1);
                String suffix = cond.group(2);
                Map<String, String> renamed = new LinkedHashMap<>();
                Map<String, SourceLocation> renamedLocs = new LinkedHashMap<>();
                for (Map.Entry<String, String> o : s.entrySet()) {
                    renamed.put(o.getKey() + suffix, o.getValue());
                    renamedLocs.put(o.getKey() + suffix, locs.get(o.getKey()));
                }
                s = renamed;
                locs = renamedLocs;
            }
            Map<String, String> existing = sections.get(name);
            if (existing != null) {
                Map<String, String> previous = new LinkedHashMap<>();
                for (Map.Entry<String, String> o : existing.entrySet()) {
                    if (s.containsKey(o.getKey())) {
                        previous.put(o.getKey(), o.getValue());
                    }
                }
                mergeSection("KNOWN/" + name, previous, null);
                existing.putAll(s);
            } else {
                sections.put(name, new LinkedHashMap<>(s));
            }
            locations.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(locs);
        }
    }

    /** Upstream {@code _getIncludes}: the files with their {@code .local} siblings and includes, in read order. */
    private List<String> includes(List<String> files, List<String> seen) {
        List<String> expanded = new ArrayList<>();
        for (String f : files) {
            expanded.add(f);
            String local = withoutExtension(f) + ".local";
            if (!files.contains(local) && java.nio.file.Files.isRegularFile(Path.of(local))) {
                expanded.add(local);
            }
        }
        String key = String.join("\u0001", expanded);
        List<String> cached = cache.includes(key);
        if (cached != null) {
            return cached;
        }
        List<String> full = new ArrayList<>();
        for (String f : expanded) {
            full.addAll(includesOf(f, seen));
        }
        cache.putIncludes(key, full);
        return full;
    }

    private List<String> includesOf(String resource, List<String> seen) {
        Optional<IniFile> ini = cache.file(resource);
        if (ini.isEmpty()) {
            return List.of();
        }
        Map<String, String> inc = ini.get().sections().get(INCLUDES);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        if (inc != null) {
            String dir = parentOf(resource);
            for (String which : new String[] {"before", "after"}) {
                String v = inc.get(which);
                if (v == null) {
                    continue;
                }
                String raw = interpolateIncludes(ini.get(), which, v);
                for (String name : raw.split("\n", -1)) {
                    String r = name.startsWith("/") ? name : join(dir, name);
                    if (seen.contains(r)) {
                        continue;
                    }
                    List<String> s = new ArrayList<>(seen);
                    s.add(resource);
                    List<String> got = includes(List.of(r), s);
                    if (got.isEmpty() && !name.isEmpty() && !name.endsWith(".local")) {
                        throw new ConfigException("Included file " + PyStrings.repr(r) + " does not exist",
                                ini.get().location(INCLUDES, which));
                    }
                    (which.equals("before") ? before : after).addAll(got);
                }
            }
        }
        List<String> out = new ArrayList<>(before);
        out.add(resource);
        out.addAll(after);
        return out;
    }

    /** The include option of one file, interpolated within that file alone (as upstream's per-file parser does). */
    private String interpolateIncludes(IniFile ini, String option, String value) {
        IniLayering single = new IniLayering(cache);
        single.merge(ini);
        return single.get(INCLUDES, option, false, Map.of());
    }

    private static String withoutExtension(String f) {
        int slash = f.lastIndexOf('/');
        int dot = f.lastIndexOf('.');
        // Python's os.path.splitext ignores leading dots of the base name
        int base = slash + 1;
        while (base < f.length() && f.charAt(base) == '.') {
            base++;
        }
        return dot > base ? f.substring(0, dot) : f;
    }

    private static String parentOf(String f) {
        int slash = f.lastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : f.substring(0, slash);
    }

    /** Python's {@code os.path.join(dir, name)} for a relative name. */
    static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    // ---- the parser API fail2ban's readers use ----

    /** The merged defaults (mutable: upstream's readers add to them). */
    public Map<String, String> defaults() {
        return defaults;
    }

    /** All section names in first-seen order, {@code KNOWN/*} ones included. */
    public List<String> sections() {
        return new ArrayList<>(sections.keySet());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** Python's {@code has_option}: the option is in the section or in DEFAULT (name folded to lower case). */
    public boolean hasOption(String section, String option) {
        String o = option.toLowerCase(Locale.ROOT);
        if (section == null || section.isEmpty() || IniFile.DEFAULT.equals(section)) {
            return defaults.containsKey(o);
        }
        Map<String, String> s = sections.get(section);
        return s != null && (s.containsKey(o) || defaults.containsKey(o));
    }

    /** The option is set in the section itself (not inherited from DEFAULT). */
    public boolean hasOwnOption(String section, String option) {
        Map<String, String> s = sections.get(section);
        return s != null && s.containsKey(option);
    }

    /**
     * Option names of a section: its own in order, and with {@code withDefault} the DEFAULT ones as well.
     *
     * @throws NoSectionException if there is no such section
     */
    public Collection<String> options(String section, boolean withDefault) {
        Map<String, String> s = sections.get(section);
        if (s == null) {
            throw new NoSectionException(section);
        }
        if (!withDefault) {
            return new ArrayList<>(s.keySet());
        }
        Set<String> all = new LinkedHashSet<>(s.keySet());
        all.addAll(defaults.keySet());
        return all;
    }

    /** Where the current value of an option comes from, looking in the section, then DEFAULT. */
    public SourceLocation location(String section, String option) {
        Map<String, SourceLocation> m = locations.get(section);
        SourceLocation l = m == null ? null : m.get(option);
        if (l == null) {
            Map<String, SourceLocation> d = locations.get(IniFile.DEFAULT);
            l = d == null ? null : d.get(option);
        }
        return l;
    }

    /** The first location of a section, for messages about the section as a whole. */
    public SourceLocation sectionLocation(String section) {
        Map<String, SourceLocation> m = locations.get(section);
        return m == null || m.isEmpty() ? null : m.values().iterator().next();
    }

    /** Upstream {@code merge_section}: adds options to a section (created if missing), prefixed by {@code pref}. */
    public void mergeSection(String section, Map<String, String> options, String pref) {
        Map<String, String> sec = sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        if (pref == null || pref.isEmpty()) {
            sec.putAll(options);
            return;
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!e.getKey().startsWith(pref) && !e.getKey().equals("__name__")) {
                sec.put(pref + e.getKey(), e.getValue());
            }
        }
    }

    /** The raw (uninterpolated) value of an option of a section itself, or null. */
    String rawOwn(String section, String option) {
        Map<String, String> s = sections.get(section);
        return s == null ? null : s.get(option);
    }

    /**
     * Python's {@code ConfigParser.get(section, option, raw=raw, vars=vars)} with fail2ban's interpolation.
     * Values in {@code vars} are turned into text as Python's {@code str()} does; null values stay null.
     *
     * @return the value, or null when the option is set to None through {@code vars}
     * @throws NoSectionException if the section does not exist (DEFAULT always exists)
     * @throws NoOptionException if the option is nowhere
     * @throws ConfigException on an interpolation error
     */
    public String get(String section, String option, boolean raw, Map<String, ?> vars) {
        Map<String, String> sect = sections.get(section);
        if (sect == null && !IniFile.DEFAULT.equals(section)) {
            throw new NoSectionException(section);
        }
        Map<String, String> varMap = new LinkedHashMap<>();
        if (vars != null) {
            for (Map.Entry<String, ?> e : vars.entrySet()) {
                varMap.put(e.getKey().toLowerCase(Locale.ROOT), pyStr(e.getValue()));
            }
        }
        String o = option.toLowerCase(Locale.ROOT);
        Interpolator.Lookup map = new Interpolator.Lookup(varMap, sect == null ? Map.of() : sect, defaults);
        if (!map.containsKey(o)) {
            throw new NoOptionException(o, section);
        }
        String value = map.get(o);
        if (raw || value == null) {
            return value;
        }
        return new Interpolator(this).interpolate(section, o, value, map);
    }

    /** {@link #get(String, String, boolean, Map)} interpolated, without vars. */
    public String get(String section, String option) {
        return get(section, option, false, Map.of());
    }

    /**
     * Upstream {@code get_ex}: like {@link #get} but an option named {@code sec/opt} is first looked up in that
     * section ({@code known/opt} in {@code KNOWN/<section>} then in the section itself, {@code default/opt} in
     * DEFAULT), before falling back to an option literally named so.
     */
    public String getEx(String section, String option, boolean raw, Map<String, ?> vars) {
        if (option.indexOf('/') >= 0) {
            Matcher m = SECTION_OPTNAME.matcher(option);
            if (m.find()) {
                String sec = m.group(1);
                String opt = m.group(2);
                String lower = sec.toLowerCase(Locale.ROOT);
                List<String> order = lower.equals("known") ? List.of("KNOWN/" + section, section)
                        : List.of(lower.equals("default") ? IniFile.DEFAULT : sec);
                for (String s : order) {
                    try {
                        return get(s, opt, raw, Map.of());
                    } catch (NoSectionException | NoOptionException e) {
                        // try the next place
                    }
                }
            }
        }
        return get(section, option, raw, vars);
    }

    /** Python's {@code str(value)} for the plain values fail2ban puts in vars. */
    public static String pyStr(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? "True" : "False";
        }
        return v.toString();
    }

    /** Upstream {@code _map_section_options}: the raw value behind {@code %(sec/opt)s}, or null if none. */
    String sectionOptionValue(String section, String sec, String opt) {
        String lower = sec.toLowerCase(Locale.ROOT);
        if (!lower.equals("default")) {
            if (lower.equals("known")) {
                Map<String, String> known = sections.get("KNOWN/" + section);
                if (known != null && known.containsKey(opt)) {
                    return known.get(opt);
                }
            } else {
                Map<String, String> s = sections.get(sec);
                if (s == null) {
                    return null;
                }
                if (s.containsKey(opt)) {
                    return s.get(opt);
                }
            }
        }
        return defaults.get(opt);
    }
}
