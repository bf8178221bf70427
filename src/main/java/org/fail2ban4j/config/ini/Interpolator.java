package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %(name)s} interpolation as Python's {@code configparser.BasicInterpolation} with fail2ban's
 * {@code BasicInterpolationWithName} on top (port of {@code fail2ban/client/configparserinc.py}): {@code %%} is a
 * percent sign, names are looked up in the vars, the section, then DEFAULT; {@code %(__name__)s} is the section
 * name; {@code %(sec/opt)s}, {@code %(known/opt)s} and {@code %(default/opt)s} reach other sections; nesting
 * deeper than 10 levels is an error.
 */
final class Interpolator {
    static final int MAX_DEPTH = 10;
    private static final Pattern SECTION_OPTSUBST = Pattern.compile("%\\(([\\w\\-]+/([^)]+))\\)s",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final IniLayering parser;

    Interpolator(IniLayering parser) {
        this.parser = parser;
    }

    /** Python's ChainMap(vars, section, defaults), plus an overlay for names added during interpolation. */
    static final class Lookup {
        final Map<String, String> overlay;
        final Map<String, String> vars;
        final Map<String, String> section;
        final Map<String, String> defaults;

        Lookup(Map<String, String> vars, Map<String, String> section, Map<String, String> defaults) {
            this(new HashMap<>(), vars, section, defaults);
        }

        private Lookup(Map<String, String> overlay, Map<String, String> vars, Map<String, String> section,
                Map<String, String> defaults) {
            this.overlay = overlay;
            this.vars = vars;
            this.section = section;
            this.defaults = defaults;
        }

        boolean containsKey(String k) {
            return overlay.containsKey(k) || vars.containsKey(k) || section.containsKey(k) || defaults.containsKey(k);
        }

        String get(String k) {
            if (overlay.containsKey(k)) {
                return overlay.get(k);
            }
            if (vars.containsKey(k)) {
                return vars.get(k);
            }
            if (section.containsKey(k)) {
                return section.get(k);
            }
            return defaults.get(k);
        }

        Lookup copy() {
            return new Lookup(new HashMap<>(overlay), vars, section, defaults);
        }
    }

    String interpolate(String section, String option, String value, Lookup map) {
        StringBuilder out = new StringBuilder(value.length());
        some(section, option, out, value, map, 1);
        return out.toString();
    }

    private void some(String section, String option, StringBuilder accum, String rest, Lookup map, int depth) {
        // fail2ban: each level knows __name__ and the section/option references of the text at hand
        map = map.copy();
        map.overlay.put("__name__", section);
        mapSectionOptions(section, rest, map);
        if (depth > MAX_DEPTH) {
            throw new ConfigException("Recursion limit exceeded in value substitution: option " + PyStrings.repr(option)
                    + " in section " + PyStrings.repr(section) + " contains an interpolation key which cannot be "
                    + "substituted in " + MAX_DEPTH + " steps. Raw value: " + PyStrings.repr(rawValue(section, option, rest)),
                    parser.location(section, option));
        }
        int i = 0;
        int n = rest.length();
        while (i < n) {
            int p = rest.indexOf('%', i);
            if (p < 0) {
                accum.append(rest, i, n);
                return;
            }
            accum.append(rest, i, p);
            char c = p + 1 < n ? rest.charAt(p + 1) : 0;
            if (c == '%') {
                accum.append('%');
                i = p + 2;
            } else if (c == '(') {
                int close = rest.indexOf(')', p + 2);
                if (close < 0 || close == p + 2 || close + 1 >= n || rest.charAt(close + 1) != 's') {
                    throw new ConfigException("bad interpolation variable reference " + PyStrings.repr(rest.substring(p)),
                            parser.location(section, option));
                }
                String var = rest.substring(p + 2, close).toLowerCase(Locale.ROOT);
                i = close + 2;
                if (!map.containsKey(var)) {
                    throw new ConfigException("Bad value substitution: option " + PyStrings.repr(option) + " in section "
                            + PyStrings.repr(section) + " contains an interpolation key " + PyStrings.repr(var)
                            + " which is not a valid option name. Raw value: "
                            + PyStrings.repr(rawValue(section, option, rest)), parser.location(section, option));
                }
                String v = map.get(var);
                if (v != null && v.indexOf('%') >= 0) {
                    some(section, option, accum, v, map, depth + 1);
                } else {
                    accum.append(v);
                }
            } else {
                throw new ConfigException("'%' must be followed by '%' or '(', found: " + PyStrings.repr(rest.substring(p)),
                        parser.location(section, option));
            }
        }
    }

    private String rawValue(String section, String option, String fallback) {
        try {
            String v = parser.get(section, option, true, Map.of());
            return v == null ? fallback : v;
        } catch (ConfigException e) {
            return fallback;
        }
    }

    private void mapSectionOptions(String section, String rest, Lookup map) {
        if (rest.indexOf('/') < 0 || !rest.contains("%(")) {
            return;
        }
        Matcher m = SECTION_OPTSUBST.matcher(rest);
        while (m.find()) {
            String sopt = m.group(1);
            if (map.containsKey(sopt)) {
                continue;
            }
            String opt = m.group(2);
            String sec = sopt.substring(0, sopt.length() - opt.length() - 1);
            String v = parser.sectionOptionValue(section, sec, opt);
            if (v != null) {
                map.overlay.put(sopt, v);
            }
        }
    }
}
