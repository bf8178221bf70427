package org.fail2ban4j.date;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Where a date template matched in a line (upstream passes the {@code re} match object around): the template,
 * the whole match, and its groups by Python group number. Group 1 is the date text that fail2ban cuts out of the
 * line before the failregex is applied.
 *
 * <p>Not thread-safe by itself, but never changed after it was made; hand it to one thread at a time.
 */
public final class TemplateMatch {

    private final DateTemplate template;
    private final String line;
    /** Start and end of each Java group ({@code 2j}, {@code 2j+1}), -1 for a group that did not take part. */
    private final int[] spans;

    /**
     * @param spans the spans of the Java groups, shared and never changed (a detector hands the same spans to the
     *     next line when the template would match it the same way)
     */
    TemplateMatch(DateTemplate template, String line, int[] spans) {
        this.template = template;
        this.line = line;
        this.spans = spans;
    }

    /** The spans of every Java group of a matcher that has just matched. */
    static int[] spansOf(Matcher m) {
        int n = m.groupCount();
        int[] spans = new int[2 * (n + 1)];
        for (int j = 0; j <= n; j++) {
            spans[2 * j] = m.start(j);
            spans[2 * j + 1] = m.end(j);
        }
        return spans;
    }

    /** The template that matched. */
    public DateTemplate template() {
        return template;
    }

    /** The line that was searched. */
    public String line() {
        return line;
    }

    /** Start of the whole match in the line. */
    public int start() {
        return spans[0];
    }

    /** End of the whole match in the line. */
    public int end() {
        return spans[1];
    }

    /** Number of capturing groups, as Python counts them. */
    public int groupCount() {
        return template.compiled().groupCount();
    }

    /**
     * Start of a group (Python group number), or -1 if the group did not take part in the match.
     *
     * @throws IndexOutOfBoundsException if there is no such group
     */
    public int start(int group) {
        return javaStart(javaGroup(group));
    }

    /**
     * End of a group (Python group number), or -1 if the group did not take part in the match.
     *
     * @throws IndexOutOfBoundsException if there is no such group
     */
    public int end(int group) {
        return javaEnd(javaGroup(group));
    }

    /** The text of a group (Python group number), empty if the group did not take part. */
    public Optional<String> group(int group) {
        int j = javaGroup(group);
        int s = javaStart(j);
        return s < 0 ? Optional.empty() : Optional.of(line.substring(s, javaEnd(j)));
    }

    /** The text of a named group, empty if there is no such group or it did not take part. */
    public Optional<String> group(String name) {
        int py = template.compiled().groupIndex(name);
        return py < 0 ? Optional.empty() : group(py);
    }

    /** Start of the date text (group 1); where group 1 did not take part, the start of the match. */
    public int dateStart() {
        int s = javaStart(javaGroup(1));
        return s < 0 ? spans[0] : s;
    }

    /** End of the date text (group 1); where group 1 did not take part, the start of the match. */
    public int dateEnd() {
        int e = javaEnd(javaGroup(1));
        return e < 0 ? spans[0] : e;
    }

    /** The date text (group 1), possibly empty. */
    public String dateText() {
        return line.substring(dateStart(), dateEnd());
    }

    /** Start of a Java group, -1 when it did not take part (or never takes part: number -1). */
    int javaStart(int javaGroup) {
        return javaGroup < 0 ? -1 : spans[2 * javaGroup];
    }

    /** End of a Java group, -1 when it did not take part (or never takes part: number -1). */
    int javaEnd(int javaGroup) {
        return javaGroup < 0 ? -1 : spans[2 * javaGroup + 1];
    }

    /** The spans of the Java groups (shared, not to be changed). */
    int[] spans() {
        return spans;
    }

    int javaGroup(int group) {
        if (group < 0 || group > template.compiled().groupCount()) {
            throw new IndexOutOfBoundsException("no group " + group + " in '" + template.regex() + "'");
        }
        return template.compiled().javaGroup(group);
    }

    @Override
    public String toString() {
        return "TemplateMatch[" + template.name() + " " + start() + ".." + end() + " '" + dateText() + "']";
    }
}
