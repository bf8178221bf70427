package org.fail2ban4j.config.ini;

/**
 * Where a configuration value (or a problem) was found: a file and a 1-based line number. A line of 0 means the
 * value has no line of its own (a built-in default or a value set by the program).
 */
public record SourceLocation(String file, int line) {

    /** A location for values that did not come from a file. */
    public static final SourceLocation BUILTIN = new SourceLocation("<builtin>", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
