package org.fail2ban4j.tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/helpers.py:substituteRecursiveTags} and of the static-property part of
 * {@code fail2ban/server/action.py:CommandAction.replaceTag}/{@code escapeTag}: {@code <tag>} interpolation.
 *
 * <p>A tag is {@code <name>} where the name has no space, {@code <} or {@code >}. Tags may nest
 * ({@code <<PREF>HOST>}), and with a conditional such as {@code family=inet6} a tag {@code <port>} first looks
 * for {@code port?family=inet6}. Unknown tags stay as they are (they may be filled later, for example
 * {@code <ip>} at ban time, or be shell text such as {@code <STDIN>}).
 */
public final class TagResolver {

    /** Upstream's {@code MAX_TAG_REPLACE_COUNT}: how often one tag may be replaced within another. */
    public static final int MAX_TAG_REPLACE_COUNT = 25;

    /**
     * Tags whose values come from log lines and are shell-escaped when interpolated
     * ({@code CommandAction._escapedTags}); they are never resolved recursively.
     */
    public static final Set<String> ESCAPED_TAGS = Set.of("matches", "ipmatches", "ipjailmatches");

    /** Upstream's {@code TAG_CRE}. */
    static final Pattern TAG = Pattern.compile("<([^ <>]+)>");
    private static final Pattern ESCAPE = Pattern.compile("[\\\\#&;`|*?~<>^()\\[\\]{}$'\"\n\r]");

    private TagResolver() {
    }

    /** {@link #substituteRecursiveTags(Map, String, Set, Function)} without conditional, ignore set or fallback. */
    public static Map<String, String> substituteRecursiveTags(Map<String, String> tags) {
        return substituteRecursiveTags(tags, "", Set.of(), null);
    }

    /**
     * Replaces the tags inside the values of {@code tags} by the values of the other tags, recursively
     * ({@code a = 3}, {@code b = <a>_3} gives {@code b = 3_3}).
     *
     * <p>Each value is rescanned after each replacement (so composite tags such as {@code <<PREF>HOST>} resolve
     * once {@code <PREF>} is replaced), and the whole map is passed over again while some value still contains a
     * tag that changed. A value referring to its own tag, or replacing the same tag more than
     * {@value #MAX_TAG_REPLACE_COUNT} times, is an error.
     *
     * @param tags tag name to value; not modified; values must not be {@code null}
     * @param conditional e.g. {@code family=inet6}: {@code <x>} is first looked up as {@code x?family=inet6};
     *     empty for none
     * @param ignore tags that are neither resolved nor replaced anywhere
     * @param addrepl fallback lookup for tags missing from the map ({@code null} result: leave the tag);
     *     may be {@code null}
     * @return a new map, in the iteration order of {@code tags}, with the substituted values
     * @throws IllegalArgumentException for self-referencing definitions, with upstream's message
     */
    public static Map<String, String> substituteRecursiveTags(Map<String, String> tags, String conditional,
            Set<String> ignore, Function<String, String> addrepl) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(conditional, "conditional");
        Objects.requireNonNull(ignore, "ignore");
        LinkedHashMap<String, String> out = new LinkedHashMap<>(tags);
        List<String> keys = new ArrayList<>(out.keySet());
        for (String k : keys) {
            if (out.get(k) == null) {
                throw new NullPointerException("tag '" + k + "' has a null value");
            }
        }
        Set<String> done = new HashSet<>();
        Map<String, Map<String, Integer>> repCounts = new HashMap<>();
        boolean repeat = true;
        while (repeat) {
            repeat = false;
            for (String tag : keys) {
                if (ignore.contains(tag) || done.contains(tag)) {
                    continue;
                }
                String orgval = out.get(tag);
                String value = orgval;
                Map<String, Integer> rplc = repCounts.getOrDefault(tag, new LinkedHashMap<>());
                Matcher m = TAG.matcher(value);
                int from = 0;
                while (m.find(from)) {
                    String rtag = m.group(1);
                    if (ignore.contains(rtag)) {
                        from = m.end();
                        continue;
                    }
                    if (rtag.equals(tag) || rplc.getOrDefault(rtag, 1) > MAX_TAG_REPLACE_COUNT) {
                        throw new IllegalArgumentException("properties contain self referencing definitions "
                                + "and cannot be resolved, fail tag: " + tag + ", found: " + rtag + " in "
                                + PyStrings.dictRepr(rplc) + ", value: " + value);
                    }
                    String repl = lookup(out, rtag, conditional);
                    if (repl == null && addrepl != null) {
                        repl = addrepl.apply(rtag);
                    }
                    if (repl == null) {
                        from = m.end();
                        continue;
                    }
                    from = m.start();
                    value = value.replace("<" + rtag + ">", repl);
                    rplc.merge(rtag, 1, Integer::sum);
                    m = TAG.matcher(value);
                    from = Math.min(from, value.length());
                }
                if (!orgval.equals(value)) {
                    if (TAG.matcher(value).find()) {
                        repCounts.put(tag, rplc);
                        repeat = true;
                    }
                    out.put(tag, value);
                }
                if (value.indexOf('<') < 0) {
                    done.add(tag);
                }
            }
        }
        return out;
    }

    private static String lookup(Map<String, String> tags, String tag, String conditional) {
        if (!conditional.isEmpty()) {
            String v = tags.get(tag + "?" + conditional);
            if (v != null) {
                return v;
            }
        }
        return tags.get(tag);
    }

    /**
     * Replaces each {@code <tag>} of {@code query} once, without rescanning what was inserted: the
     * non-recursive substitution upstream applies to dynamic (ban-time) values, which may hold text from log
     * lines ({@code CommandAction.replaceTag} with a calling map, and the first step of
     * {@code replaceDynamicTags}). The lookup decides the final text: to match upstream for ban info, it returns
     * {@link #escapeTag}{@code (value)} for the {@link #ESCAPED_TAGS}, and {@code "\n"} / {@code " "} for
     * {@code <br>} / {@code <sp>} when the info has no such tag.
     *
     * @param query text with tags
     * @param lookup tag name to replacement text; {@code null} leaves the tag as it is
     * @return the text with the found tags replaced
     */
    public static String replaceTags(String query, Function<String, String> lookup) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(lookup, "lookup");
        if (query.indexOf('<') < 0) {
            return query;
        }
        Matcher m = TAG.matcher(query);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String repl = lookup.apply(m.group(1));
            if (repl == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(query.length() + 32);
            }
            sb.append(query, last, m.start()).append(repl);
            last = m.end();
        }
        if (sb == null) {
            return query;
        }
        return sb.append(query, last, query.length()).toString();
    }

    /**
     * Port of {@code CommandAction.replaceTag} for static properties (an action's options): resolves the
     * properties recursively ({@link #substituteRecursiveTags} with the conditional, ignoring
     * {@link #ESCAPED_TAGS}), then replaces the tags of {@code query} repeatedly until nothing changes. Values of
     * {@link #ESCAPED_TAGS} are inserted through {@link #escapeTag}. A tag without a property becomes
     * {@code "\n"} for {@code <br>}, {@code " "} for {@code <sp>}, else {@code fallback.apply(tag)} (upstream's
     * {@code <fq-hostname>}, {@code <sh-hostname>}), else stays as it is.
     *
     * @param query the command text, for example {@code <actionban>}
     * @param properties tag name to value
     * @param conditional e.g. {@code family=inet6}, or empty
     * @param fallback lookup for tags that are not properties ({@code null} result: leave the tag); may be
     *     {@code null}
     * @return the interpolated text
     * @throws IllegalArgumentException for self-referencing definitions (upstream's messages)
     */
    public static String replaceTag(String query, Map<String, String> properties, String conditional,
            Function<String, String> fallback) {
        Objects.requireNonNull(query, "query");
        if (query.indexOf('<') < 0) {
            return query;
        }
        return interpolate(query, substituteRecursiveTags(properties, conditional, ESCAPED_TAGS, null),
                conditional, fallback);
    }

    /**
     * The second half of {@link #replaceTag}, for callers that cache
     * {@code substituteRecursiveTags(properties, conditional, ESCAPED_TAGS, null)} per conditional as upstream
     * does.
     *
     * @param query the command text
     * @param resolved the already substituted properties
     * @param conditional e.g. {@code family=inet6}, or empty
     * @param fallback lookup for tags that are not properties; may be {@code null}
     * @return the interpolated text
     * @throws IllegalArgumentException if the text keeps changing after 26 passes (upstream's message)
     */
    public static String interpolate(String query, Map<String, String> resolved, String conditional,
            Function<String, String> fallback) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(conditional, "conditional");
        Function<String, String> subst = tag -> {
            String v = lookup(resolved, tag, conditional);
            if (v == null) {
                return additional(tag, fallback);
            }
            return ESCAPED_TAGS.contains(tag) ? escapeTag(v) : v;
        };
        String q = query;
        int count = MAX_TAG_REPLACE_COUNT + 1;
        while (true) {
            String value = replaceTags(q, subst);
            if (value.equals(q) || value.indexOf('<') < 0) {
                return value;
            }
            q = value;
            count--;
            if (count <= 0) {
                throw new IllegalArgumentException("unexpected too long replacement interpolation, "
                        + "possible self referencing definitions in query: " + q);
            }
        }
    }

    /** Upstream's {@code ADD_REPL_TAGS}: {@code <br>}, {@code <sp>}, then the caller's fallback. */
    static String additional(String tag, Function<String, String> fallback) {
        if (tag.equals("br")) {
            return "\n";
        }
        if (tag.equals("sp")) {
            return " ";
        }
        return fallback == null ? null : fallback.apply(tag);
    }

    /**
     * Port of {@code CommandAction.escapeTag}: puts a backslash before each of
     * {@code \ # & ; ` | * ? ~ < > ^ ( ) [ ] { } $ ' "}, and turns newline and carriage return into {@code \n}
     * and {@code \r}.
     *
     * @param value the text
     * @return the escaped text
     */
    public static String escapeTag(String value) {
        Matcher m = ESCAPE.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        int last = 0;
        do {
            char c = value.charAt(m.start());
            sb.append(value, last, m.start()).append('\\').append(c == '\n' ? 'n' : c == '\r' ? 'r' : c);
            last = m.end();
        } while (m.find());
        return sb.append(value, last, value.length()).toString();
    }
}
