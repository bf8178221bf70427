package org.fail2ban4j.regex;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Port of `re:compile` and `re:escape` (Python 3.11): compiles Python regular-expression syntax to a
 * {@link java.util.regex.Pattern} with Python's matching semantics.
 *
 * <p>The pattern is parsed with Python's grammar (Python's own error messages and positions for what Python
 * refuses) and rewritten for {@code java.util.regex} (see {@link CompiledRegex} for the group mapping). The few
 * constructs that cannot be reproduced exactly are refused with a {@link RegexSyntaxException}, never changed
 * silently: a back-reference or conditional inside a lookbehind, a conditional referring to a group that is still
 * open or defined later, repeat counts of 2^31-1 and more, the {@code TEMPLATE} flag, and capturing groups inside
 * a look-around, atomic group or possessive repeat except where their captures are exact (see
 * {@link CompiledRegex}).
 *
 * <p>Known limits: positions are UTF-16 indices (equal to Python's for text without supplementary characters), and
 * the Unicode tables are the JDK's (Unicode 13 for Java 17) while Python 3.11 uses Unicode 14.
 */
public final class PyRegex {

    private PyRegex() {
    }

    /**
     * Compiles a Python pattern without flags.
     *
     * @param pySource the pattern in Python syntax, not null
     * @return the compiled pattern
     * @throws RegexSyntaxException when Python refuses the pattern or it cannot be reproduced
     */
    public static CompiledRegex compile(String pySource) {
        return compile(pySource, PyFlags.NONE);
    }

    /**
     * Compiles a Python pattern, as {@code re.compile(pySource, pyFlags)}.
     *
     * @param pySource the pattern in Python syntax, not null
     * @param pyFlags a combination of {@link PyFlags} constants
     * @return the compiled pattern (immutable, thread-safe)
     * @throws RegexSyntaxException when Python refuses the pattern or flags, or they cannot be reproduced
     */
    public static CompiledRegex compile(String pySource, int pyFlags) {
        if (pySource == null) {
            throw new NullPointerException("pySource");
        }
        return compile(pySource, PyParser.parse(pySource, pyFlags));
    }

    /** Translates and compiles a parse (of {@code pySource}, or a variant of it made by an analysis). */
    static CompiledRegex compile(String pySource, PyParser.Parsed parsed) {
        JavaEmitter.Result r = JavaEmitter.emit(pySource, parsed);
        Pattern pattern;
        try {
            pattern = Pattern.compile(r.javaPattern(), r.javaFlags());
        } catch (PatternSyntaxException e) {
            throw new RegexSyntaxException(pySource, -1, "cannot be translated to java.util.regex ("
                    + e.getDescription() + " in " + r.javaPattern() + ")", e);
        } catch (StackOverflowError e) {
            throw new RegexSyntaxException(pySource, -1, "pattern is nested too deeply for java.util.regex", e);
        }
        return new CompiledRegex(pySource, parsed.flags(), pattern, parsed.groupCount(), r.pyToJava(), r.guards(),
                parsed.groupIndex(), parsed);
    }

    /**
     * Python's {@code re.escape}: backslash before each character that is special in a pattern.
     *
     * @param text any text, not null
     * @return a pattern matching exactly {@code text}
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
