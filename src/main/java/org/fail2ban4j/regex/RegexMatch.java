package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port of `re:Match` (Python 3.11): one match of a {@link CompiledRegex}, in Python group numbering and names.
 * Immutable.
 *
 * <p>Like Python's {@code None} (and {@link java.util.regex.Matcher#group(int)}), a group that did not take part
 * in the match reads as {@code null}, with start and end {@code -1}. Positions are UTF-16 indices.
 */
public final class RegexMatch {

    /**
     * Python's {@code Match.span()}: start and end of a group, both -1 when it did not take part.
     *
     * @param start the start index
     * @param end the end index
     */
    public record Span(int start, int end) {
        /** A group that did not take part. */
        public static final Span NONE = new Span(-1, -1);
    }

    private final CompiledRegex regex;
    private final String string;
    private final int[] spans;

    RegexMatch(CompiledRegex regex, String string, int[] spans) {
        this.regex = regex;
        this.string = string;
        this.spans = spans;
    }

    /** @return the pattern that matched */
    public CompiledRegex regex() {
        return regex;
    }

    /** @return the text that was searched ({@code Match.string}) */
    public String string() {
        return string;
    }

    /** @return the number of Python groups of the pattern */
    public int groupCount() {
        return regex.groupCount();
    }

    private int checked(int pyGroup) {
        if (pyGroup < 0 || pyGroup > regex.groupCount()) {
            throw new IndexOutOfBoundsException("no such group: " + pyGroup);
        }
        return pyGroup;
    }

    private int named(String pyName) {
        Integer g = regex.pyGroupIndex().get(pyName);
        if (g == null) {
            throw new IllegalArgumentException("no such group: " + PyStrings.repr(pyName));
        }
        return g;
    }

    /** @return the start of the whole match */
    public int start() {
        return spans[0];
    }

    /** @return the end of the whole match */
    public int end() {
        return spans[1];
    }

    /**
     * @param pyGroup a Python group number
     * @return its start, or -1 when it did not take part
     */
    public int start(int pyGroup) {
        return spans[2 * checked(pyGroup)];
    }

    /**
     * @param pyGroup a Python group number
     * @return its end, or -1 when it did not take part
     */
    public int end(int pyGroup) {
        return spans[2 * checked(pyGroup) + 1];
    }

    /**
     * @param pyName a Python group name
     * @return its start, or -1 when it did not take part
     */
    public int start(String pyName) {
        return start(named(pyName));
    }

    /**
     * @param pyName a Python group name
     * @return its end, or -1 when it did not take part
     */
    public int end(String pyName) {
        return end(named(pyName));
    }

    /** @return the span of the whole match */
    public Span span() {
        return span(0);
    }

    /**
     * @param pyGroup a Python group number
     * @return its span, {@link Span#NONE} when it did not take part
     */
    public Span span(int pyGroup) {
        int g = checked(pyGroup);
        return spans[2 * g] < 0 ? Span.NONE : new Span(spans[2 * g], spans[2 * g + 1]);
    }

    /**
     * @param pyName a Python group name
     * @return its span, {@link Span#NONE} when it did not take part
     */
    public Span span(String pyName) {
        return span(named(pyName));
    }

    /** @return the whole match */
    public String group() {
        return group(0);
    }

    /**
     * @param pyGroup a Python group number, 0 for the whole match
     * @return the group's text, or null when it did not take part
     * @throws IndexOutOfBoundsException when the pattern has no such group
     */
    public String group(int pyGroup) {
        int g = checked(pyGroup);
        int s = spans[2 * g];
        return s < 0 ? null : string.substring(s, spans[2 * g + 1]);
    }

    /**
     * @param pyName a Python group name
     * @return the group's text, or null when it did not take part
     * @throws IllegalArgumentException when the pattern has no such group
     */
    public String group(String pyName) {
        return group(named(pyName));
    }

    /**
     * @return Python's {@code Match.groups()}: groups 1..n, null for those that did not take part
     */
    public List<String> groups() {
        List<String> list = new ArrayList<>(regex.groupCount());
        for (int g = 1; g <= regex.groupCount(); g++) {
            list.add(group(g));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * @return Python's {@code Match.groupdict()}: every named group in definition order, null values for those
     *     that did not take part
     */
    public Map<String, String> groupdict() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : regex.pyGroupIndex().entrySet()) {
            map.put(e.getKey(), group(e.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return "<re.Match object; span=(" + start() + ", " + end() + "), match=" + PyStrings.repr(group()) + ">";
    }
}
