package org.fail2ban4j.date;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.regex.Backtracker;
import org.fail2ban4j.regex.CompiledRegex;
import org.fail2ban4j.regex.PyRegex;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RegexSyntaxException;

/**
 * A compiled date regex: the Python-syntax text of a date template compiled once with the project's Python-regex
 * translator ({@link PyRegex}), with the map from Python group numbers and names to Java group numbers. The one
 * place where date regexes are compiled.
 */
final class DateRegex {

    private final String source;
    private final CompiledRegex compiled;
    private final Pattern pattern;
    private volatile int javaGroupCount = -1;

    private DateRegex(String source, CompiledRegex compiled) {
        this.source = source;
        this.compiled = compiled;
        this.pattern = compiled.pattern();
    }

    /**
     * Compiles a date regex written in Python syntax (through {@link PyRegex}).
     *
     * @throws IllegalArgumentException naming the regex if it cannot be translated or compiled
     */
    static DateRegex compile(String pyRegex) {
        try {
            return new DateRegex(pyRegex, PyRegex.compile(pyRegex));
        } catch (RegexSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    String source() {
        return source;
    }

    Pattern pattern() {
        return pattern;
    }

    /** Number of capturing groups as Python counts them. */
    int groupCount() {
        return compiled.groupCount();
    }

    /** The Java group number of a Python group number. */
    int javaGroup(int pyGroup) {
        return compiled.javaGroup(pyGroup);
    }

    /** The Python group number of a named group, or -1. */
    int groupIndex(String name) {
        Integer i = compiled.pyGroupIndex().get(name);
        return i == null ? -1 : i;
    }

    /** Names of the named groups, with their Python group numbers. */
    Map<String, Integer> groupNames() {
        return compiled.pyGroupIndex();
    }

    /**
     * Searches like Python's {@code regex.search(line, pos, endpos)}: {@code ^} matches only at the real start
     * of the line, look-behinds and {@code \b} see the text before {@code pos}, and the text ends at
     * {@code endpos} ({@code $} matches there, look-aheads see nothing after it).
     *
     * @return the matcher positioned on the match, or null
     */
    Matcher search(String line, int pos, int endpos) {
        int len = line.length();
        if (endpos > len) {
            endpos = len;
        }
        if (pos < 0) {
            pos = 0;
        }
        if (pos > endpos) {
            return null;
        }
        Matcher m;
        if (endpos < len) {
            m = pattern.matcher(line.substring(0, endpos));
        } else {
            m = pattern.matcher(line);
        }
        if (pos > 0) {
            m.region(pos, endpos).useTransparentBounds(true).useAnchoringBounds(false);
        }
        return m.find() ? m : null;
    }

    /** Searches the whole line. */
    Matcher search(String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m : null;
    }

    /** Searches the whole line with a matcher of this regex kept by the caller; true when found. */
    boolean search(Matcher reused, String line) {
        return reused.reset(line).find();
    }

    /** Our own matcher of this regex ({@link Backtracker}), or null where it does not take it. */
    Backtracker own() {
        return compiled.backtracker().orElse(null);
    }

    /**
     * The spans of a match of {@link #own()} in Java group numbering ({@link TemplateMatch} reads Java groups):
     * each Python group at its Java number, the translation's extra groups as not taking part.
     */
    int[] javaSpans(RegexMatch m) {
        int groups = javaGroupCount;
        if (groups < 0) {
            groups = pattern.matcher("").groupCount();
            javaGroupCount = groups;
        }
        int[] spans = new int[2 * (groups + 1)];
        java.util.Arrays.fill(spans, -1);
        spans[0] = m.start();
        spans[1] = m.end();
        for (int g = 1; g <= m.groupCount(); g++) {
            int j = compiled.javaGroup(g);
            if (j > 0) {
                spans[2 * j] = m.start(g);
                spans[2 * j + 1] = m.end(g);
            }
        }
        return spans;
    }

    /** A matcher to reuse with {@link #search(Matcher, String)}. */
    Matcher newMatcher() {
        return pattern.matcher("");
    }

    /** The regex as compiled by {@link PyRegex}. */
    CompiledRegex compiled() {
        return compiled;
    }

    @Override
    public String toString() {
        return source;
    }
}
