package org.fail2ban4j.ban;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fail2ban4j.expr.PyExpression;
import org.fail2ban4j.expr.PyExpressionException;
import org.fail2ban4j.time.DurationException;
import org.fail2ban4j.time.DurationParser;

/**
 * Port of the option handling of {@code fail2ban/server/jail.py:Jail.setBanTimeExtra} / {@code getBanTimeExtra}:
 * a jail's {@code bantime.*} options ({@code increment}, {@code factor}, {@code formula}, {@code multipliers},
 * {@code maxtime}, {@code rndtime}, {@code overalljails}), parsed once into an immutable policy for
 * {@link BanTimeCalculator}.
 *
 * <p>Options are given by their name without the {@code bantime.} prefix; an empty value unsets an option, as
 * upstream. Parsing follows upstream: {@code increment} and {@code overalljails} are booleans ({@code 1 on true
 * yes}, any case); {@code factor} is a Python expression evaluated once (default {@code 1}); {@code formula} is a
 * Python expression over {@code ban.Time}, {@code ban.Count} and {@code banFactor} (default
 * {@value #DEFAULT_FORMULA}); {@code multipliers} are integers separated by single spaces (when given they replace
 * the formula); {@code maxtime} and {@code rndtime} are durations ({@code 1d}, {@code 5m}). Other names are kept
 * as text and have no effect, as upstream.
 *
 * <p>One difference: upstream keeps {@code overalljails} as it was sent, so the text {@code false} typed in
 * {@code fail2ban-client set <jail> bantime.overalljails false} counts as true there; here the text is read as a
 * boolean like {@code increment} (the configuration sends a real boolean, which behaves the same in both).
 */
public final class BanTimePolicy {

    /** Upstream's default {@code bantime.formula}. */
    public static final String DEFAULT_FORMULA = "ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor";

    private static final PyExpression DEFAULT_FORMULA_EXPR = PyExpression.parse(DEFAULT_FORMULA);
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?[0-9](?:_?[0-9])*\\s*");

    /** No option set: no increment. (Declared after the constants its constructor uses.) */
    public static final BanTimePolicy DEFAULT = new BanTimePolicy(new LinkedHashMap<>());

    private final Map<String, String> options;
    private final boolean increment;
    private final boolean overallJails;
    private final Number factor;
    private final PyExpression formula;
    private final long[] multipliers;
    private final Number maxTime;
    private final Number rndTime;

    private BanTimePolicy(Map<String, String> options) {
        this.options = options;
        this.increment = asBool(options.get("increment"));
        this.overallJails = asBool(options.get("overalljails"));
        this.factor = evalFactor(options.getOrDefault("factor", "1"));
        String f = options.get("formula");
        this.formula = f == null ? DEFAULT_FORMULA_EXPR : parseFormula(f);
        this.multipliers = parseMultipliers(options.get("multipliers"));
        this.maxTime = duration("maxtime", options.get("maxtime"));
        this.rndTime = duration("rndtime", options.get("rndtime"));
    }

    /**
     * A policy of option texts, as a jail's {@code bantime.*} options give them.
     *
     * @param options option name (without {@code bantime.}) to text; empty texts are skipped
     * @return the policy
     * @throws IllegalArgumentException naming the option and its text when one is invalid
     */
    public static BanTimePolicy of(Map<String, String> options) {
        BanTimePolicy p = DEFAULT;
        for (Map.Entry<String, String> e : options.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    /**
     * Upstream {@code setBanTimeExtra(opt, value)}: this policy with one option changed.
     *
     * @param option the name without {@code bantime.}, e.g. {@code factor} (case-sensitive, as upstream)
     * @param value the text; empty unsets the option
     * @return the new policy (this one is unchanged)
     * @throws IllegalArgumentException naming the option and its text when the text is invalid
     */
    public BanTimePolicy with(String option, String value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        Map<String, String> next = new LinkedHashMap<>(options);
        if (value.isEmpty()) {
            next.remove(option);
        } else {
            next.put(option, value);
        }
        return new BanTimePolicy(next);
    }

    private static boolean asBool(String v) {
        if (v == null) {
            return false;
        }
        String s = v.toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("on") || s.equals("true") || s.equals("yes");
    }

    private static Number evalFactor(String text) {
        Object v;
        try {
            v = PyExpression.parse(text).evaluate();
        } catch (PyExpressionException e) {
            throw new IllegalArgumentException("bantime.factor: invalid value '" + text + "': " + e.getMessage(), e);
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return (Number) v;
    }

    private static PyExpression parseFormula(String text) {
        try {
            return PyExpression.parse(text);
        } catch (PyExpressionException e) {
            throw new IllegalArgumentException("bantime.formula: invalid expression '" + text + "': "
                    + e.getMessage(), e);
        }
    }

    private static long[] parseMultipliers(String text) {
        if (text == null) {
            return new long[0];
        }
        String[] parts = text.split(" ", -1);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (!PY_INT.matcher(p).matches()) {
                throw new IllegalArgumentException("bantime.multipliers: invalid literal for int() with base 10: '"
                        + p + "' in '" + text + "'");
            }
            try {
                out[i] = Long.parseLong(p.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bantime.multipliers: number out of range: '" + p + "' in '"
                        + text + "'", e);
            }
        }
        return out;
    }

    private static Number duration(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return DurationParser.str2seconds(text);
        } catch (DurationException e) {
            throw new IllegalArgumentException("bantime." + option + ": invalid duration '" + text + "': "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code bantime.increment} is on. */
    public boolean increment() {
        return increment;
    }

    /** Whether {@code bantime.overalljails} is on: the history of all jails counts. */
    public boolean overallJails() {
        return overallJails;
    }

    /** The evaluated {@code bantime.factor} ({@code banFactor}): a {@code Long} or a {@code Double}. */
    public Number factor() {
        return factor;
    }

    /** The formula in use (upstream's default unless {@code bantime.formula} is set). */
    public PyExpression formula() {
        return formula;
    }

    /** The {@code bantime.multipliers}; empty if not set (then the formula applies). */
    public List<Long> multipliers() {
        List<Long> l = new ArrayList<>(multipliers.length);
        for (long m : multipliers) {
            l.add(m);
        }
        return Collections.unmodifiableList(l);
    }

    long[] multiplierArray() {
        return multipliers;
    }

    /** The {@code bantime.maxtime} in seconds ({@code Long} or {@code Double}), if set. */
    public Optional<Number> maxTime() {
        return Optional.ofNullable(maxTime);
    }

    /** The {@code bantime.rndtime} in seconds ({@code Long} or {@code Double}), if set. */
    public Optional<Number> rndTime() {
        return Optional.ofNullable(rndTime);
    }

    /**
     * Upstream {@code getBanTimeExtra(opt)}: {@code increment} and {@code overalljails} as {@code Boolean} (only
     * once set), {@code maxtime}/{@code rndtime} as seconds ({@code Long} or {@code Double}), other options as
     * their text.
     *
     * @param option the name without {@code bantime.}
     * @return the value, empty if the option is not set
     */
    public Optional<Object> get(String option) {
        switch (option) {
            case "increment":
                return options.containsKey(option) ? Optional.of(increment) : Optional.empty();
            case "overalljails":
                return options.containsKey(option) ? Optional.of(overallJails) : Optional.empty();
            case "maxtime":
                return Optional.ofNullable(maxTime);
            case "rndtime":
                return Optional.ofNullable(rndTime);
            default:
                return Optional.ofNullable(options.get(option));
        }
    }

    /** The option texts as set, in the order they were first set. */
    public Map<String, String> options() {
        return Collections.unmodifiableMap(options);
    }

    /**
     * Upstream {@code Jail.getMaxBanTime}: with increment the {@code maxtime} (permanent if not set), else the
     * jail's ban time.
     *
     * @param jailBanTime the jail's {@code bantime}
     * @return the longest ban time the jail gives
     */
    public BanTime maxBanTime(BanTime jailBanTime) {
        if (increment) {
            return maxTime == null ? BanTime.PERMANENT : BanTime.of(maxTime);
        }
        return Objects.requireNonNull(jailBanTime, "jailBanTime");
    }

    @Override
    public String toString() {
        return "BanTimePolicy" + options;
    }
}
