package org.fail2ban4j.expr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Python 3 arithmetic on the three value types of the evaluator: {@code Long} (Python {@code int}, limited to 64
 * bits: results that do not fit raise {@code OverflowError} instead of growing), {@code Double} ({@code float})
 * and {@code Boolean} ({@code bool}, an {@code int} subtype). Division, modulo, power, shifts, comparisons and
 * the error texts follow CPython.
 */
final class PyNumbers {

    private PyNumbers() {
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Boolean;
    }

    static long asLong(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        return ((Boolean) o) ? 1L : 0L;
    }

    static double asDouble(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        return asLong(o);
    }

    static String typeName(Object o) {
        if (o instanceof Boolean) {
            return "bool";
        }
        return o instanceof Long ? "int" : "float";
    }

    static boolean truthy(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        return ((Double) o) != 0.0;
    }

    private static EvalError intOverflow() {
        return EvalError.overflow("integer result does not fit in 64 bits");
    }

    static Object add(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            try {
                return Math.addExact(asLong(a), asLong(b));
            } catch (ArithmeticException e) {
                throw intOverflow();
            }
        }
        return asDouble(a) + asDouble(b);
    }

    static Object sub(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            try {
                return Math.subtractExact(asLong(a), asLong(b));
            } catch (ArithmeticException e) {
                throw intOverflow();
            }
        }
        return asDouble(a) - asDouble(b);
    }

    static Object mul(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            try {
                return Math.multiplyExact(asLong(a), asLong(b));
            } catch (ArithmeticException e) {
                throw intOverflow();
            }
        }
        return asDouble(a) * asDouble(b);
    }

    static Object trueDiv(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            long x = asLong(a);
            long y = asLong(b);
            if (y == 0) {
                throw EvalError.zeroDivision("division by zero");
            }
            if (Math.abs(x) <= (1L << 53) && Math.abs(y) <= (1L << 53)) {
                return (double) x / (double) y; // both exact, so IEEE division rounds correctly as Python does
            }
            return new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
        }
        double y = asDouble(b);
        if (y == 0.0) {
            throw EvalError.zeroDivision("float division by zero");
        }
        return asDouble(a) / y;
    }

    static Object floorDiv(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            long x = asLong(a);
            long y = asLong(b);
            if (y == 0) {
                throw EvalError.zeroDivision("integer division or modulo by zero");
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw intOverflow();
            }
            return Math.floorDiv(x, y);
        }
        double y = asDouble(b);
        if (y == 0.0) {
            throw EvalError.zeroDivision("float floor division by zero");
        }
        return floatDivmod(asDouble(a), y)[0];
    }

    static Object mod(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            long y = asLong(b);
            if (y == 0) {
                throw EvalError.zeroDivision("integer modulo by zero");
            }
            return Math.floorMod(asLong(a), y);
        }
        double y = asDouble(b);
        if (y == 0.0) {
            throw EvalError.zeroDivision("float modulo");
        }
        return floatDivmod(asDouble(a), y)[1];
    }

    /** CPython's {@code float_divmod}: floor quotient and modulo with the sign of the divisor. */
    private static double[] floatDivmod(double vx, double wx) {
        double mod = vx % wx; // C fmod
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }

    static Object pow(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            long base = asLong(a);
            long exp = asLong(b);
            if (exp >= 0) {
                return intPow(base, exp);
            }
            if (base == 0) {
                throw EvalError.zeroDivision("0.0 cannot be raised to a negative power");
            }
            return floatPow(base, exp);
        }
        return floatPow(asDouble(a), asDouble(b));
    }

    private static long intPow(long base, long exp) {
        long result = 1;
        long b = base;
        long e = exp;
        try {
            while (e > 0) {
                if ((e & 1) != 0) {
                    result = Math.multiplyExact(result, b);
                }
                e >>= 1;
                if (e > 0) {
                    b = Math.multiplyExact(b, b);
                }
            }
        } catch (ArithmeticException ex) {
            throw intOverflow();
        }
        return result;
    }

    /** CPython's {@code float_pow}. */
    static double floatPow(double x, double y) {
        if (y == 0.0) {
            return 1.0;
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isNaN(y)) {
            return x == 1.0 ? 1.0 : y;
        }
        if (Double.isInfinite(y)) {
            double ax = Math.abs(x);
            if (ax == 1.0) {
                return 1.0;
            }
            if ((y > 0) == (ax > 1.0)) {
                return Double.POSITIVE_INFINITY;
            }
            return 0.0;
        }
        if (x == 0.0 && y < 0) {
            throw EvalError.zeroDivision("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && !Double.isInfinite(x) && y != Math.floor(y)) {
            throw EvalError.value("negative number cannot be raised to a fractional power"
                    + " (Python would return a complex number)");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x)) {
            throw EvalError.overflow("(34, 'Numerical result out of range')");
        }
        return r;
    }

    private static EvalError unsupported(String op, Object a, Object b) {
        return EvalError.type("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    static Object lshift(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) {
            throw unsupported("<<", a, b);
        }
        long x = asLong(a);
        long s = asLong(b);
        if (s < 0) {
            throw EvalError.value("negative shift count");
        }
        if (x == 0) {
            return 0L;
        }
        if (s >= 63 || (x << s) >> s != x) {
            throw intOverflow();
        }
        return x << s;
    }

    static Object rshift(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) {
            throw unsupported(">>", a, b);
        }
        long x = asLong(a);
        long s = asLong(b);
        if (s < 0) {
            throw EvalError.value("negative shift count");
        }
        return s >= 64 ? (x < 0 ? -1L : 0L) : x >> s;
    }

    static Object bitAnd(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) {
            throw unsupported("&", a, b);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x & y;
        }
        return asLong(a) & asLong(b);
    }

    static Object bitOr(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) {
            throw unsupported("|", a, b);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x | y;
        }
        return asLong(a) | asLong(b);
    }

    static Object bitXor(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) {
            throw unsupported("^", a, b);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x ^ y;
        }
        return asLong(a) ^ asLong(b);
    }

    static Object neg(Object a) {
        if (isInt(a)) {
            long x = asLong(a);
            if (x == Long.MIN_VALUE) {
                throw intOverflow();
            }
            return -x;
        }
        return -(Double) a;
    }

    static Object pos(Object a) {
        return isInt(a) ? (Object) asLong(a) : a;
    }

    static Object invert(Object a) {
        if (!isInt(a)) {
            throw EvalError.type("bad operand type for unary ~: '" + typeName(a) + "'");
        }
        return ~asLong(a);
    }

    /**
     * Compares two numbers exactly, as Python does (an {@code int} and a {@code float} are compared by value,
     * without rounding the {@code int}).
     *
     * @return negative, zero or positive; {@link Integer#MIN_VALUE} when unordered (a NaN is involved)
     */
    static int compare(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return Long.compare(asLong(a), asLong(b));
        }
        if (isInt(a)) {
            int c = compareLongDouble(asLong(a), (Double) b);
            return c;
        }
        if (isInt(b)) {
            int c = compareLongDouble(asLong(b), (Double) a);
            return c == Integer.MIN_VALUE ? c : -c;
        }
        double x = (Double) a;
        double y = (Double) b;
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Integer.MIN_VALUE;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static int compareLongDouble(long l, double d) {
        if (Double.isNaN(d)) {
            return Integer.MIN_VALUE;
        }
        double ld = l;
        if (ld < d) {
            return -1;
        }
        if (ld > d) {
            return 1;
        }
        // (double) l == d: d is integral; compare exactly
        if (d >= 0x1p63) {
            return -1;
        }
        return Long.compare(l, (long) d);
    }

    /** Python's {@code int(float)}: truncates toward zero. */
    static long floatToLong(double d) {
        if (Double.isNaN(d)) {
            throw EvalError.value("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(d)) {
            throw EvalError.overflow("cannot convert float infinity to integer");
        }
        double t = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (t >= 0x1p63 || t < -0x1p63) {
            throw intOverflow();
        }
        return (long) t;
    }
}
