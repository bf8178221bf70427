package org.fail2ban4j.time;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.expr.PyExpression;
import org.fail2ban4j.expr.PyExpressionException;

/**
 * Port of {@code fail2ban/server/mytime.py:MyTime.str2seconds}: turns a duration text such as {@code 600},
 * {@code 1h 30m}, {@code 1d12h}, {@code 1year-6mo}, {@code 2 weeks} or {@code -1} into seconds.
 *
 * <p>As upstream, the text is rewritten into a Python expression and evaluated: a digit right after a letter
 * gets a space before it ({@code 1d12h} becomes {@code 1d 12h}); each unit after a digit or a space becomes a
 * multiplication (case-insensitive: {@code y yy yea year years} by 31557600.0 (365.25 days), {@code mo mon
 * month months} by 2629800.0 (a twelfth of that), {@code w ww wee week weeks} by 604800, {@code d dd da day days}
 * by 86400, {@code h hh hou hour hours} by 3600, {@code m mm mi min minute minutes} by 60, {@code s ss se sec
 * second seconds} by 1); whitespace between two numbers becomes {@code +}. The result keeps Python's type: an
 * integer ({@code 1d} gives {@code 86400L}) unless a float took part ({@code 1.5h} gives {@code 5400.0};
 * months and years are floats, so {@code 1year-6mo} gives {@code 15778800.0}).
 */
public final class DurationParser {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS;
    /** A digit right after a letter: {@code 1d12h} to {@code 1d 12h}. */
    private static final Pattern PREP = Pattern.compile("(?<=[a-z])(\\d)", FLAGS);
    /** Whitespace between two digits becomes an addition. */
    private static final Pattern FINI = Pattern.compile("(\\d)\\s+(\\d)", Pattern.UNICODE_CHARACTER_CLASS);

    /** Unit words and their factors, applied in upstream's order. */
    private static final Pattern[] UNITS = {
        unit("days?|da|dd?"),
        unit("weeks?|wee?|ww?"),
        unit("months?|mon?"),
        unit("years?|yea?|yy?"),
        unit("seconds?|sec?|ss?"),
        unit("minutes?|min?|mm?"),
        unit("hours?|hou?|hh?"),
    };
    private static final String[] FACTORS = {
        "*86400", "*604800", "*2629800.0", "*31557600.0", "*1", "*60", "*3600",
    };

    private DurationParser() {
    }

    private static Pattern unit(String alternatives) {
        return Pattern.compile("(?<=[\\d\\s])(" + alternatives + ")\\b", FLAGS);
    }

    /**
     * Rewrites a duration text into the Python expression that upstream evaluates ({@code "1d 12h"} gives
     * {@code "1*86400+12*3600"}).
     *
     * @param value the duration text
     * @return the expression text
     */
    static String toExpression(String value) {
        String v = PREP.matcher(value).replaceAll(" $1");
        for (int k = 0; k < UNITS.length; k++) {
            Matcher m = UNITS[k].matcher(v);
            if (m.find()) {
                v = m.replaceAll(FACTORS[k]);
            }
        }
        return FINI.matcher(v).replaceAll("$1+$2");
    }

    /**
     * Upstream's {@code MyTime.str2seconds(value)}.
     *
     * @param value duration text (not {@code null})
     * @return the seconds as a {@code Long} or a {@code Double}, exactly as Python would compute them
     *     (a Python {@code bool} result is returned as {@code 0L}/{@code 1L}, its integer value)
     * @throws DurationException if the text is not a valid duration expression
     */
    public static Number str2seconds(String value) {
        Objects.requireNonNull(value, "value");
        Object result;
        try {
            result = PyExpression.parse(toExpression(value)).evaluate(Map.of());
        } catch (PyExpressionException e) {
            throw new DurationException(value, e.reason(), e);
        }
        if (result instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return (Number) result;
    }

    /**
     * The duration in whole seconds, as upstream's {@code int(MyTime.str2seconds(value))} (used for
     * {@code bantime}): fractions are truncated toward zero.
     *
     * @param value duration text (not {@code null})
     * @return the seconds
     * @throws DurationException if the text is not a valid duration or is not finite
     */
    public static long seconds(String value) {
        Number n = str2seconds(value);
        if (n instanceof Long l) {
            return l;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
            throw new DurationException(value, "not a finite number of seconds: " + d, null);
        }
        return (long) d;
    }
}
