package org.fail2ban4j.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node of a parsed expression; evaluation returns {@code Long}, {@code Double} or {@code Boolean}. */
abstract class Node {

    final int pos;

    Node(int pos) {
        this.pos = pos;
    }

    abstract Object eval(Map<String, ?> vars);

    /** A literal number or boolean. */
    static final class Const extends Node {
        final Object value;

        Const(int pos, Object value) {
            super(pos);
            this.value = value;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            return value;
        }
    }

    /** A (possibly dotted) name looked up in the variables. */
    static final class Var extends Node {
        final String name;

        Var(int pos, String name) {
            super(pos);
            this.name = name;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            Object v = vars.get(name);
            if (v == null) {
                throw new EvalError("NameError: name '" + name + "' is not defined").at(pos);
            }
            if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
                return v;
            }
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof Float) {
                return ((Number) v).doubleValue();
            }
            throw new EvalError("TypeError: variable '" + name + "' has unsupported type "
                    + v.getClass().getSimpleName() + " (need a number or a boolean)").at(pos);
        }
    }

    enum UnaryOp { NEG, POS, INVERT, NOT }

    /** {@code -x}, {@code +x}, {@code ~x}, {@code not x}. */
    static final class Unary extends Node {
        final UnaryOp op;
        final Node operand;

        Unary(int pos, UnaryOp op, Node operand) {
            super(pos);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            Object v = operand.eval(vars);
            try {
                switch (op) {
                    case NEG:
                        return PyNumbers.neg(v);
                    case POS:
                        return PyNumbers.pos(v);
                    case INVERT:
                        return PyNumbers.invert(v);
                    default:
                        return !PyNumbers.truthy(v);
                }
            } catch (EvalError e) {
                throw e.at(pos);
            }
        }
    }

    enum BinOp { ADD, SUB, MUL, DIV, FLOORDIV, MOD, POW, LSHIFT, RSHIFT, AND, OR, XOR }

    /** Arithmetic and bitwise binary operators. */
    static final class Binary extends Node {
        final BinOp op;
        final Node left;
        final Node right;

        Binary(int pos, BinOp op, Node left, Node right) {
            super(pos);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            Object a = left.eval(vars);
            Object b = right.eval(vars);
            try {
                switch (op) {
                    case ADD:
                        return PyNumbers.add(a, b);
                    case SUB:
                        return PyNumbers.sub(a, b);
                    case MUL:
                        return PyNumbers.mul(a, b);
                    case DIV:
                        return PyNumbers.trueDiv(a, b);
                    case FLOORDIV:
                        return PyNumbers.floorDiv(a, b);
                    case MOD:
                        return PyNumbers.mod(a, b);
                    case POW:
                        return PyNumbers.pow(a, b);
                    case LSHIFT:
                        return PyNumbers.lshift(a, b);
                    case RSHIFT:
                        return PyNumbers.rshift(a, b);
                    case AND:
                        return PyNumbers.bitAnd(a, b);
                    case OR:
                        return PyNumbers.bitOr(a, b);
                    default:
                        return PyNumbers.bitXor(a, b);
                }
            } catch (EvalError e) {
                throw e.at(pos);
            }
        }
    }

    enum CmpOp { LT, LE, GT, GE, EQ, NE }

    /** A (chained) comparison {@code a < b <= c}: each operand evaluated at most once, stops at the first false. */
    static final class Compare extends Node {
        final List<Node> operands;
        final List<CmpOp> ops;

        Compare(int pos, List<Node> operands, List<CmpOp> ops) {
            super(pos);
            this.operands = List.copyOf(operands);
            this.ops = List.copyOf(ops);
        }

        @Override
        Object eval(Map<String, ?> vars) {
            Object left = operands.get(0).eval(vars);
            for (int k = 0; k < ops.size(); k++) {
                Object right = operands.get(k + 1).eval(vars);
                int c = PyNumbers.compare(left, right);
                boolean unordered = c == Integer.MIN_VALUE;
                boolean r;
                switch (ops.get(k)) {
                    case LT:
                        r = !unordered && c < 0;
                        break;
                    case LE:
                        r = !unordered && c <= 0;
                        break;
                    case GT:
                        r = !unordered && c > 0;
                        break;
                    case GE:
                        r = !unordered && c >= 0;
                        break;
                    case EQ:
                        r = !unordered && c == 0;
                        break;
                    default:
                        r = unordered || c != 0;
                        break;
                }
                if (!r) {
                    return Boolean.FALSE;
                }
                left = right;
            }
            return Boolean.TRUE;
        }
    }

    /** {@code a and b} / {@code a or b}: short-circuit, returns the deciding operand as Python does. */
    static final class BoolOp extends Node {
        final boolean isAnd;
        final Node left;
        final Node right;

        BoolOp(int pos, boolean isAnd, Node left, Node right) {
            super(pos);
            this.isAnd = isAnd;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            Object a = left.eval(vars);
            if (PyNumbers.truthy(a) != isAnd) {
                return a;
            }
            return right.eval(vars);
        }
    }

    /** {@code body if cond else orElse}; only the chosen branch is evaluated. */
    static final class IfElse extends Node {
        final Node body;
        final Node cond;
        final Node orElse;

        IfElse(int pos, Node body, Node cond, Node orElse) {
            super(pos);
            this.body = body;
            this.cond = cond;
            this.orElse = orElse;
        }

        @Override
        Object eval(Map<String, ?> vars) {
            return PyNumbers.truthy(cond.eval(vars)) ? body.eval(vars) : orElse.eval(vars);
        }
    }

    /** A call of a known function. */
    static final class Call extends Node {
        final Builtin fn;
        final List<Node> args;

        Call(int pos, Builtin fn, List<Node> args) {
            super(pos);
            this.fn = fn;
            this.args = List.copyOf(args);
        }

        @Override
        Object eval(Map<String, ?> vars) {
            List<Object> values = new ArrayList<>(args.size());
            for (Node a : args) {
                values.add(a.eval(vars));
            }
            try {
                return fn.apply(values);
            } catch (EvalError e) {
                throw e.at(pos);
            }
        }
    }
}
