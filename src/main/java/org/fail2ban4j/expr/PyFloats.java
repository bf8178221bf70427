package org.fail2ban4j.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's text form of numbers: {@code repr(float)} (equal to {@code str(float)} in Python 3), which prints the
 * shortest decimal string that reads back to the same double, in fixed notation when the decimal exponent is in
 * {@code -4 <= exp < 16} ({@code 5400.0}, {@code 0.0001}) and in scientific notation otherwise ({@code 1e+16},
 * {@code 1.5e-05}), plus {@code inf}, {@code -inf}, {@code nan}.
 */
public final class PyFloats {

    private PyFloats() {
    }

    /**
     * Python's {@code repr(x)} for a float.
     *
     * @param x any double
     * @return for example {@code 5400.0}, {@code 0.1}, {@code 1e+16}, {@code 1.5e-05}, {@code -0.0}, {@code nan}
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0.0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e16) {
            return Long.toString((long) x) + ".0"; // fast path: integral values print all their digits
        }
        BigDecimal shortest = shortest(x);
        String digits = shortest.unscaledValue().abs().toString();
        // strip trailing zeros of the digit string, keeping the decimal point position
        int len = digits.length();
        while (len > 1 && digits.charAt(len - 1) == '0') {
            len--;
        }
        int decpt = digits.length() - shortest.scale(); // value = 0.DIGITS * 10^decpt
        digits = digits.substring(0, len);
        StringBuilder sb = new StringBuilder(24);
        if (x < 0) {
            sb.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.");
                for (int k = 0; k < -decpt; k++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (decpt >= digits.length()) {
                sb.append(digits);
                for (int k = digits.length(); k < decpt; k++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        }
        return sb.toString();
    }

    /** The decimal with the fewest significant digits that rounds back to {@code x} (closest one if several). */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /**
     * Python's {@code repr()} of a number as the evaluator returns it.
     *
     * @param n a {@code Long}, {@code Integer}, {@code Short}, {@code Byte} (Python {@code int}), {@code Double} or
     *     {@code Float} (Python {@code float}), or {@code Boolean} ({@code True}/{@code False})
     * @return the Python text
     * @throws IllegalArgumentException for other types
     */
    public static String reprNumber(Object n) {
        if (n instanceof Double d) {
            return repr(d);
        }
        if (n instanceof Float f) {
            return repr(f.doubleValue());
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        if (n instanceof Boolean b) {
            return b ? "True" : "False";
        }
        throw new IllegalArgumentException("not a Python number: " + (n == null ? "null" : n.getClass().getName()));
    }
}
