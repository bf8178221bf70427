package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;

/** Python's {@code configparser.NoOptionError}: the option is in neither the section, the vars nor DEFAULT. */
public class NoOptionException extends ConfigException {
    private final String section;
    private final String option;

    public NoOptionException(String option, String section) {
        super("No option " + PyStrings.repr(option) + " in section: " + PyStrings.repr(section), null);
        this.section = section;
        this.option = option;
    }

    public String section() {
        return section;
    }

    public String option() {
        return option;
    }
}
