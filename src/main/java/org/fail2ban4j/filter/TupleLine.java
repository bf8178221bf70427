package org.fail2ban4j.filter;

/**
 * A log line split around its date: the text before the date, the date text, the text after it (upstream's
 * {@code tupleLine}). Regular expressions see {@link #withoutDate()}; matches keep the whole line.
 */
public record TupleLine(String prefix, String dateText, String suffix) {

    /** A line without a recognised date. */
    public static TupleLine of(String line) {
        return new TupleLine("", "", line);
    }

    /** What failregexes are matched against: prefix and suffix, without the date. */
    public String withoutDate() {
        return prefix.isEmpty() ? suffix : prefix + suffix;
    }

    /** The whole line as it was read. */
    public String full() {
        return prefix + dateText + suffix;
    }

    @Override
    public String toString() {
        return full();
    }
}
