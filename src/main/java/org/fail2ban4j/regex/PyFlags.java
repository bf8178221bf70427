package org.fail2ban4j.regex;

/**
 * Port of `re:RegexFlag` (Python 3.11 {@code re/_constants.py}): the flag values accepted by
 * {@link PyRegex#compile(String, int)}, with Python's numeric values so that values read from Python code or
 * configuration can be passed through unchanged.
 *
 * <p>{@code LOCALE} is listed only so that callers can name it; a {@code str} pattern refuses it in Python, and
 * {@link PyRegex#compile(String, int)} refuses it the same way.
 */
public final class PyFlags {

    /** No flag. */
    public static final int NONE = 0;
    /** {@code re.I}: case-insensitive matching (Unicode simple case folding unless {@link #ASCII}). */
    public static final int IGNORECASE = 2;
    /** {@code re.L}: refused for str patterns, as in Python. */
    public static final int LOCALE = 4;
    /** {@code re.M}: {@code ^} and {@code $} also match at line starts and ends. */
    public static final int MULTILINE = 8;
    /** {@code re.S}: {@code .} also matches {@code \n}. */
    public static final int DOTALL = 16;
    /** {@code re.U}: Unicode classes (the default for str patterns). */
    public static final int UNICODE = 32;
    /** {@code re.X}: verbose mode, whitespace and {@code #} comments outside classes are ignored. */
    public static final int VERBOSE = 64;
    /** {@code re.A}: {@code \w \d \s \b} and case folding are ASCII-only. */
    public static final int ASCII = 256;

    /** Every flag {@link PyRegex#compile(String, int)} accepts. */
    static final int SUPPORTED = IGNORECASE | MULTILINE | DOTALL | UNICODE | VERBOSE | ASCII;
    /** The type flags, of which at most one may be set. */
    static final int TYPE_FLAGS = ASCII | LOCALE | UNICODE;

    private PyFlags() {
    }

    /**
     * Returns the inline-flag letters of {@code flags} in Python's order ({@code "imsx"} style), e.g. for messages.
     *
     * @param flags a combination of the constants of this class
     * @return the letters, empty for {@link #NONE}
     */
    public static String letters(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & ASCII) != 0) {
            sb.append('a');
        }
        if ((flags & IGNORECASE) != 0) {
            sb.append('i');
        }
        if ((flags & LOCALE) != 0) {
            sb.append('L');
        }
        if ((flags & MULTILINE) != 0) {
            sb.append('m');
        }
        if ((flags & DOTALL) != 0) {
            sb.append('s');
        }
        if ((flags & UNICODE) != 0) {
            sb.append('u');
        }
        if ((flags & VERBOSE) != 0) {
            sb.append('x');
        }
        return sb.toString();
    }
}
