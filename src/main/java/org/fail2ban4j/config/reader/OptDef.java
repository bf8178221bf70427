package org.fail2ban4j.config.reader;

/**
 * One entry of an upstream options template ({@code [type, name, default]}): the option name, how its text is
 * converted ({@link Type#STRING} keeps it) and the value used when the option is missing (null: leave it out).
 */
public record OptDef(Type type, String name, Object defaultValue) {

    /** The converters of upstream's {@code CONVERTER} table. */
    public enum Type { STRING, INT, BOOL }

    public static OptDef str(String name, Object def) {
        return new OptDef(Type.STRING, name, def);
    }

    public static OptDef integer(String name, Object def) {
        return new OptDef(Type.INT, name, def);
    }

    public static OptDef bool(String name, Object def) {
        return new OptDef(Type.BOOL, name, def);
    }
}
