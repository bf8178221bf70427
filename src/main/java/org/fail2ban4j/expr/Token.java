package org.fail2ban4j.expr;

/**
 * One lexical token of an expression.
 *
 * @param kind what the token is
 * @param text the operator or identifier text (empty for numbers and the end)
 * @param value the literal value of a number ({@code Long} or {@code Double}), else {@code null}
 * @param pos 0-based index of the first character in the source
 */
record Token(Kind kind, String text, Object value, int pos) {

    enum Kind { NUMBER, NAME, OP, NEWLINE, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return kind == Kind.OP && text.equals(t);
    }

    boolean isKeyword(String t) {
        return kind == Kind.NAME && text.equals(t);
    }
}
