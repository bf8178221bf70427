package org.fail2ban4j.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of {@code fail2ban/helpers.py:extractOptions} and {@code splitWithOptions}: the
 * {@code name[k=v, k2="a, b", k3='x'][k4=...]} syntax of {@code filter =} and {@code action =} values.
 *
 * <p>Option names are word characters, {@code -} and {@code .}, optionally with a condition
 * ({@code port?family=inet6}). Values are double-quoted, single-quoted, or bare (up to the next {@code ,} or
 * {@code ]}); names and values are stripped of surrounding whitespace. Several groups may follow each other
 * ({@code name[a=1][b=2]}).
 */
public final class OptionListParser {

    private static final int FLAGS = Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final String OPTION_NAME = "[\\w\\-_\\.]+(?:\\?[\\w\\-_\\.]+=[\\w\\-_\\.]+)?";
    private static final Pattern OPTION = Pattern.compile("^([^\\[]+)(?:\\[(.*)\\])?\\s*$", FLAGS);
    private static final Pattern OPTION_EXTRACT = Pattern.compile(
            "\\s*(" + OPTION_NAME + ")=(?:\"([^\"]*)\"|'([^']*)'|([^,\\]]*))(?:,|\\]\\s*\\[|$|(?<wrngA>.+))"
                    + "|,?\\s*$|(?<wrngB>.+)", FLAGS);
    private static final Pattern OPTION_SPLIT = Pattern.compile(
            "(?:[^\\[\\s]+(?:\\s*\\[\\s*(?:" + OPTION_NAME
                    + "=(?:\"[^\"]*\"|'[^']*'|[^,\\]]*)\\s*(?:,|\\]\\s*\\[)?\\s*)*"
                    + "\\])?\\s*|\\S+)(?=\\n\\s*|\\s+|$)", FLAGS);

    private OptionListParser() {
    }

    /**
     * Splits {@code name[options]} into the name and its options ({@code helpers.extractOptions}).
     *
     * @param option the text, for example {@code mail-whois[name=SSH, dest="a@b"]}
     * @return the name (as written, not stripped) and the options in order
     * @throws IllegalArgumentException with upstream's message: {@code unexpected option syntax} (no name, or
     *     text after the brackets), {@code unexpected syntax at N after option 'x': ...} (junk after a value) or
     *     {@code expected option, wrong syntax at N: ...} (not {@code name=value}); N is the position inside the
     *     brackets
     */
    public static OptionSpec extractOptions(String option) {
        Objects.requireNonNull(option, "option");
        Matcher match = OPTION.matcher(option);
        if (!match.find()) {
            throw new IllegalArgumentException("unexpected option syntax");
        }
        String name = match.group(1);
        String optstr = match.group(2);
        Map<String, String> opts = new LinkedHashMap<>();
        if (optstr != null && !optstr.isEmpty()) {
            Matcher m = OPTION_EXTRACT.matcher(optstr);
            while (m.find()) {
                String wrongA = m.group("wrngA");
                if (wrongA != null && !wrongA.isEmpty()) {
                    throw new IllegalArgumentException(String.format("unexpected syntax at %d after option %s: %s",
                            PyStrings.codePointIndex(optstr, m.start("wrngA")), PyStrings.repr(m.group(1)),
                            PyStrings.head(wrongA, 25)));
                }
                String wrongB = m.group("wrngB");
                if (wrongB != null && !wrongB.isEmpty()) {
                    throw new IllegalArgumentException(String.format("expected option, wrong syntax at %d: %s",
                            PyStrings.codePointIndex(optstr, m.start("wrngB")), PyStrings.head(wrongB, 25)));
                }
                String opt = m.group(1);
                if (opt == null || opt.isEmpty()) {
                    continue;
                }
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                opts.put(PyStrings.strip(opt), PyStrings.strip(value));
            }
        }
        return new OptionSpec(name, opts);
    }

    /**
     * Splits a multi-entry value ({@code action = a[x=1]\n  b[y="2 3"]}) into its entries
     * ({@code helpers.splitWithOptions}): entries are separated by whitespace or newlines, but whitespace and
     * newlines inside the {@code [...]} options stay part of the entry. Entries keep trailing whitespace that
     * upstream keeps.
     *
     * @param option the whole value
     * @return the entries in order
     */
    public static List<String> splitWithOptions(String option) {
        Objects.requireNonNull(option, "option");
        List<String> out = new ArrayList<>();
        Matcher m = OPTION_SPLIT.matcher(option);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
