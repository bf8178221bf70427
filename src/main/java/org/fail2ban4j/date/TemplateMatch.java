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
    private final Matcher matcher;

    TemplateMatch(DateTemplate template, String line, Matcher matcher) {
        this.template = template;
        this.line = line;
        this.matcher = matcher;
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
        return matcher.start();
    }

    /** End of the whole match in the line. */
    public int end() {
        return matcher.end();
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
        return matcher.start(javaGroup(group));
    }

    /**
     * End of a group (Python group number), or -1 if the group did not take part in the match.
     *
     * @throws IndexOutOfBoundsException if there is no such group
     */
    public int end(int group) {
        return matcher.end(javaGroup(group));
    }

    /** The text of a group (Python group number), empty if the group did not take part. */
    public Optional<String> group(int group) {
        return Optional.ofNullable(matcher.group(javaGroup(group)));
    }

    /** The text of a named group, empty if there is no such group or it did not take part. */
    public Optional<String> group(String name) {
        int py = template.compiled().groupIndex(name);
        return py < 0 ? Optional.empty() : group(py);
    }

    /** Start of the date text (group 1); where group 1 did not take part, the start of the match. */
    public int dateStart() {
        int s = matcher.start(javaGroup(1));
        return s < 0 ? matcher.start() : s;
    }

    /** End of the date text (group 1); where group 1 did not take part, the start of the match. */
    public int dateEnd() {
        int e = matcher.end(javaGroup(1));
        return e < 0 ? matcher.start() : e;
    }

    /** The date text (group 1), possibly empty. */
    public String dateText() {
        return line.substring(dateStart(), dateEnd());
    }

    Matcher matcher() {
        return matcher;
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
