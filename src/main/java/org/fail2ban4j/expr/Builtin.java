package org.fail2ban4j.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The callable names the evaluator knows: Python builtins {@code float, int, abs, min, max, round} and the
 * {@code math} module functions used in fail2ban formulas. Results follow CPython (for example
 * {@code math.floor} returns an {@code int}, {@code round(x)} rounds half to even and returns an {@code int}).
 * Transcendental functions use {@link Math} (on HotSpot x86-64 its intrinsics agree with glibc, which CPython
 * calls, on every case tested); any platform may differ from CPython by one ulp.
 */
enum Builtin {
    FLOAT("float", 0, 1),
    INT("int", 0, 1),
    ABS("abs", 1, 1),
    MIN("min", 2, Integer.MAX_VALUE),
    MAX("max", 2, Integer.MAX_VALUE),
    ROUND("round", 1, 2),
    EXP("math.exp", 1, 1),
    LOG("math.log", 1, 2),
    LOG10("math.log10", 1, 1),
    LOG2("math.log2", 1, 1),
    SQRT("math.sqrt", 1, 1),
    POW("math.pow", 2, 2),
    FLOOR("math.floor", 1, 1),
    CEIL("math.ceil", 1, 1),
    TRUNC("math.trunc", 1, 1),
    FABS("math.fabs", 1, 1);

    private static final Map<String, Builtin> BY_NAME = new HashMap<>();

    static {
        for (Builtin b : values()) {
            BY_NAME.put(b.pyName, b);
        }
    }

    final String pyName;
    final int minArgs;
    final int maxArgs;

    Builtin(String pyName, int minArgs, int maxArgs) {
        this.pyName = pyName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    static Builtin byName(String name) {
        return BY_NAME.get(name);
    }

    /** Module constants reachable as dotted names ({@code math.pi}); {@code null} if {@code name} is none. */
    static Double constant(String name) {
        switch (name) {
            case "math.pi":
                return Math.PI;
            case "math.e":
                return Math.E;
            case "math.tau":
                return 2 * Math.PI;
            case "math.inf":
                return Double.POSITIVE_INFINITY;
            case "math.nan":
                return Double.NaN;
            default:
                return null;
        }
    }

    private static EvalError domain() {
        return EvalError.value("math domain error");
    }

    private static EvalError range() {
        return EvalError.overflow("math range error");
    }

    private static double checkRange(double result, double arg) {
        if (Double.isInfinite(result) && !Double.isInfinite(arg)) {
            throw range();
        }
        return result;
    }

    Object apply(List<Object> args) {
        switch (this) {
            case FLOAT:
                return args.isEmpty() ? 0.0 : PyNumbers.asDouble(args.get(0));
            case INT:
                if (args.isEmpty()) {
                    return 0L;
                }
                return toInt(args.get(0));
            case ABS: {
                Object a = args.get(0);
                if (PyNumbers.isInt(a)) {
                    long x = PyNumbers.asLong(a);
                    return x < 0 ? PyNumbers.neg(x) : x;
                }
                return Math.abs((Double) a);
            }
            case MIN:
            case MAX: {
                Object best = args.get(0);
                for (int k = 1; k < args.size(); k++) {
                    Object o = args.get(k);
                    int c = PyNumbers.compare(o, best);
                    if (c != Integer.MIN_VALUE && (this == MIN ? c < 0 : c > 0)) {
                        best = o;
                    }
                }
                return best;
            }
            case ROUND:
                return round(args);
            case EXP: {
                double x = PyNumbers.asDouble(args.get(0));
                return checkRange(Math.exp(x), x);
            }
            case LOG: {
                double num = log(args.get(0));
                if (args.size() == 1) {
                    return num;
                }
                double den = log(args.get(1));
                if (den == 0.0) {
                    throw EvalError.zeroDivision("float division by zero");
                }
                return num / den;
            }
            case LOG10: {
                double x = PyNumbers.asDouble(args.get(0));
                if (Double.isNaN(x)) {
                    return x;
                }
                if (x <= 0) {
                    throw domain();
                }
                return Math.log10(x);
            }
            case LOG2: {
                double x = PyNumbers.asDouble(args.get(0));
                if (Double.isNaN(x)) {
                    return x;
                }
                if (x <= 0) {
                    throw domain();
                }
                return log2(x);
            }
            case SQRT: {
                double x = PyNumbers.asDouble(args.get(0));
                if (x < 0) {
                    throw domain();
                }
                return Math.sqrt(x);
            }
            case POW:
                return mathPow(PyNumbers.asDouble(args.get(0)), PyNumbers.asDouble(args.get(1)));
            case FLOOR:
            case CEIL:
            case TRUNC: {
                Object a = args.get(0);
                if (PyNumbers.isInt(a)) {
                    return PyNumbers.asLong(a);
                }
                double d = (Double) a;
                double r = this == FLOOR ? Math.floor(d) : this == CEIL ? Math.ceil(d) : d;
                return PyNumbers.floatToLong(r);
            }
            case FABS:
                return Math.abs(PyNumbers.asDouble(args.get(0)));
            default:
                throw new AssertionError(this);
        }
    }

    private static Object toInt(Object a) {
        if (PyNumbers.isInt(a)) {
            return PyNumbers.asLong(a);
        }
        return PyNumbers.floatToLong((Double) a);
    }

    private static double log(Object a) {
        if (PyNumbers.isInt(a)) {
            long x = PyNumbers.asLong(a);
            if (x <= 0) {
                throw domain();
            }
            return Math.log(x);
        }
        double x = (Double) a;
        if (Double.isNaN(x)) {
            return x;
        }
        if (x <= 0) {
            throw domain();
        }
        return Math.log(x);
    }

    private static double log2(double x) {
        int exp = Math.getExponent(x);
        if (x == Math.scalb(1.0, exp)) {
            return exp; // exact for powers of two, as C's log2
        }
        return Math.log(x) / Math.log(2.0);
    }

    /** {@code math.pow}: like C {@code pow}, with Python's domain and range errors. */
    private static double mathPow(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            if (y == 0.0 || x == 1.0) {
                return 1.0;
            }
            return Double.NaN;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return PyNumbers.floatPow(x, y);
        }
        if (x == 0.0 && y < 0) {
            throw domain();
        }
        if (x < 0 && y != Math.floor(y)) {
            throw domain();
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r)) {
            throw range();
        }
        return r;
    }

    private static Object round(List<Object> args) {
        Object a = args.get(0);
        if (args.size() == 1) {
            if (PyNumbers.isInt(a)) {
                return PyNumbers.asLong(a);
            }
            return PyNumbers.floatToLong(Math.rint((Double) a));
        }
        Object nd = args.get(1);
        if (!PyNumbers.isInt(nd)) {
            throw EvalError.type("'float' object cannot be interpreted as an integer");
        }
        long digits = PyNumbers.asLong(nd);
        if (PyNumbers.isInt(a)) {
            long x = PyNumbers.asLong(a);
            if (digits >= 0) {
                return x;
            }
            if (digits < -18) {
                return 0L;
            }
            return new BigDecimal(x).setScale((int) digits, RoundingMode.HALF_EVEN).longValueExact();
        }
        double x = (Double) a;
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0 || digits > 400) {
            return x;
        }
        if (digits < -400) {
            return Math.copySign(0.0, x);
        }
        double r = new BigDecimal(x).setScale((int) digits, RoundingMode.HALF_EVEN).doubleValue();
        if (Double.isInfinite(r)) {
            throw EvalError.overflow("rounded value too large to represent");
        }
        return r == 0.0 ? Math.copySign(0.0, x) : r;
    }
}
