package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;

/** Python's {@code configparser.NoSectionError}: the section does not exist. */
public class NoSectionException extends ConfigException {
    private final String section;

    public NoSectionException(String section) {
        super("No section: " + PyStrings.repr(section), null);
        this.section = section;
    }

    public String section() {
        return section;
    }
}
