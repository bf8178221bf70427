package org.fail2ban4j.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the Python expression subset, with Python's operator precedence:
 * conditional expression, {@code or}, {@code and}, {@code not}, comparisons, {@code |}, {@code ^}, {@code &},
 * shifts, {@code + -}, {@code * / // %}, unary {@code + - ~}, {@code **}, calls and dotted names.
 */
final class Parser {

    /** Python keywords that cannot be names; the supported ones are handled before this check. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");

    private final String source;
    private final List<Token> tokens;
    private int k;

    private Parser(String source) {
        this.source = source;
        this.tokens = Tokenizer.tokenize(source);
    }

    static Node parse(String source) {
        Parser p = new Parser(source);
        Node n = p.test();
        while (p.peek().kind() == Token.Kind.NEWLINE) {
            p.k++;
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw p.syntax(p.peek());
        }
        return n;
    }

    private Token peek() {
        return tokens.get(k);
    }

    private Token next() {
        return tokens.get(k++);
    }

    private PyExpressionException syntax(Token t) {
        if (t.kind() == Token.Kind.END || t.kind() == Token.Kind.NEWLINE) {
            return new PyExpressionException("SyntaxError: unexpected end of expression", source, t.pos());
        }
        return new PyExpressionException("SyntaxError: invalid syntax", source, t.pos());
    }

    private PyExpressionException unsupported(Token t, String what) {
        return new PyExpressionException("SyntaxError: " + what + " is not supported", source, t.pos());
    }

    private void expectOp(String op) {
        Token t = next();
        if (!t.isOp(op)) {
            throw syntax(t);
        }
    }

    private Node test() {
        Token first = peek();
        if (first.isKeyword("lambda")) {
            throw unsupported(first, "'lambda'");
        }
        Node body = orTest();
        if (peek().isKeyword("if")) {
            Token ift = next();
            Node cond = orTest();
            Token elseTok = next();
            if (!elseTok.isKeyword("else")) {
                throw syntax(elseTok);
            }
            Node orElse = test();
            return new Node.IfElse(ift.pos(), body, cond, orElse);
        }
        return body;
    }

    private Node orTest() {
        Node left = andTest();
        while (peek().isKeyword("or")) {
            Token t = next();
            left = new Node.BoolOp(t.pos(), false, left, andTest());
        }
        return left;
    }

    private Node andTest() {
        Node left = notTest();
        while (peek().isKeyword("and")) {
            Token t = next();
            left = new Node.BoolOp(t.pos(), true, left, notTest());
        }
        return left;
    }

    private Node notTest() {
        if (peek().isKeyword("not")) {
            Token t = next();
            return new Node.Unary(t.pos(), Node.UnaryOp.NOT, notTest());
        }
        return comparison();
    }

    private Node.CmpOp cmpOp(Token t) {
        if (t.kind() == Token.Kind.OP) {
            switch (t.text()) {
                case "<":
                    return Node.CmpOp.LT;
                case "<=":
                    return Node.CmpOp.LE;
                case ">":
                    return Node.CmpOp.GT;
                case ">=":
                    return Node.CmpOp.GE;
                case "==":
                    return Node.CmpOp.EQ;
                case "!=":
                    return Node.CmpOp.NE;
                default:
                    return null;
            }
        }
        if (t.isKeyword("in") || t.isKeyword("is") || (t.isKeyword("not") && tokens.get(k + 1).isKeyword("in"))) {
            throw unsupported(t, "'" + t.text() + "' comparison");
        }
        return null;
    }

    private Node comparison() {
        Node first = bitOr();
        Node.CmpOp op = cmpOp(peek());
        if (op == null) {
            return first;
        }
        int pos = peek().pos();
        List<Node> operands = new ArrayList<>();
        List<Node.CmpOp> ops = new ArrayList<>();
        operands.add(first);
        while (op != null) {
            next();
            ops.add(op);
            operands.add(bitOr());
            op = cmpOp(peek());
        }
        return new Node.Compare(pos, operands, ops);
    }

    private Node bitOr() {
        Node left = bitXor();
        while (peek().isOp("|")) {
            Token t = next();
            left = new Node.Binary(t.pos(), Node.BinOp.OR, left, bitXor());
        }
        return left;
    }

    private Node bitXor() {
        Node left = bitAnd();
        while (peek().isOp("^")) {
            Token t = next();
            left = new Node.Binary(t.pos(), Node.BinOp.XOR, left, bitAnd());
        }
        return left;
    }

    private Node bitAnd() {
        Node left = shift();
        while (peek().isOp("&")) {
            Token t = next();
            left = new Node.Binary(t.pos(), Node.BinOp.AND, left, shift());
        }
        return left;
    }

    private Node shift() {
        Node left = arith();
        while (peek().isOp("<<") || peek().isOp(">>")) {
            Token t = next();
            Node.BinOp op = t.text().equals("<<") ? Node.BinOp.LSHIFT : Node.BinOp.RSHIFT;
            left = new Node.Binary(t.pos(), op, left, arith());
        }
        return left;
    }

    private Node arith() {
        Node left = term();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token t = next();
            Node.BinOp op = t.text().equals("+") ? Node.BinOp.ADD : Node.BinOp.SUB;
            left = new Node.Binary(t.pos(), op, left, term());
        }
        return left;
    }

    private Node term() {
        Node left = factor();
        while (true) {
            Token t = peek();
            Node.BinOp op;
            if (t.isOp("*")) {
                op = Node.BinOp.MUL;
            } else if (t.isOp("/")) {
                op = Node.BinOp.DIV;
            } else if (t.isOp("//")) {
                op = Node.BinOp.FLOORDIV;
            } else if (t.isOp("%")) {
                op = Node.BinOp.MOD;
            } else if (t.isOp("@")) {
                throw unsupported(t, "'@'");
            } else {
                return left;
            }
            next();
            left = new Node.Binary(t.pos(), op, left, factor());
        }
    }

    private Node factor() {
        Token t = peek();
        if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
            next();
            Node.UnaryOp op = t.isOp("-") ? Node.UnaryOp.NEG : t.isOp("+") ? Node.UnaryOp.POS : Node.UnaryOp.INVERT;
            return new Node.Unary(t.pos(), op, factor());
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (peek().isOp("**")) {
            Token t = next();
            return new Node.Binary(t.pos(), Node.BinOp.POW, base, factor());
        }
        return base;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Const(t.pos(), t.value());
            case OP:
                if (t.isOp("(")) {
                    if (peek().isOp(")")) {
                        throw unsupported(peek(), "an empty tuple");
                    }
                    Node inner = test();
                    if (peek().isOp(",")) {
                        throw unsupported(peek(), "a tuple");
                    }
                    expectOp(")");
                    return inner;
                }
                if (t.isOp("[") || t.isOp("{")) {
                    throw unsupported(t, "a list, set or dict");
                }
                throw syntax(t);
            case NAME:
                return name(t);
            default:
                throw syntax(t);
        }
    }

    private Node name(Token t) {
        if (t.text().equals("True")) {
            return new Node.Const(t.pos(), Boolean.TRUE);
        }
        if (t.text().equals("False")) {
            return new Node.Const(t.pos(), Boolean.FALSE);
        }
        if (t.text().equals("None")) {
            throw unsupported(t, "None");
        }
        if (KEYWORDS.contains(t.text())) {
            throw syntax(t);
        }
        StringBuilder name = new StringBuilder(t.text());
        while (peek().isOp(".")) {
            next();
            Token part = next();
            if (part.kind() != Token.Kind.NAME || KEYWORDS.contains(part.text())) {
                throw syntax(part);
            }
            name.append('.').append(part.text());
        }
        String full = name.toString();
        if (peek().isOp("(")) {
            next();
            return call(t, full);
        }
        Double c = Builtin.constant(full);
        if (c != null) {
            return new Node.Const(t.pos(), c);
        }
        return new Node.Var(t.pos(), full);
    }

    private Node call(Token nameTok, String name) {
        Builtin fn = Builtin.byName(name);
        if (fn == null) {
            throw new PyExpressionException("NameError: unknown function '" + name + "'", source, nameTok.pos());
        }
        List<Node> args = new ArrayList<>();
        while (!peek().isOp(")")) {
            Token at = peek();
            if (at.isOp("*") || at.isOp("**")) {
                throw unsupported(at, "argument unpacking");
            }
            args.add(test());
            if (peek().isOp("=")) {
                throw unsupported(peek(), "a keyword argument");
            }
            if (peek().isOp(",")) {
                next();
            } else if (!peek().isOp(")")) {
                throw syntax(peek());
            }
        }
        next();
        if (args.size() < fn.minArgs || args.size() > fn.maxArgs) {
            String expected = fn.minArgs == fn.maxArgs ? "exactly " + fn.minArgs
                    : fn.maxArgs == Integer.MAX_VALUE ? "at least " + fn.minArgs
                    : "from " + fn.minArgs + " to " + fn.maxArgs;
            throw new PyExpressionException("TypeError: " + name + "() takes " + expected + " argument(s) ("
                    + args.size() + " given)", source, nameTok.pos());
        }
        return new Node.Call(nameTok.pos(), fn, args);
    }
}
