package org.fail2ban4j.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits expression text into tokens following Python 3's lexical rules for the supported subset: numeric
 * literals (decimal with {@code _} separators, floats like {@code 1e3}, {@code .5}, {@code 1.}, and
 * {@code 0x}/{@code 0o}/{@code 0b} integers), identifiers, operators, {@code #} comments, backslash line
 * continuation and newlines (which are plain whitespace inside brackets).
 */
final class Tokenizer {

    private static final String[] TWO_CHAR_OPS = {"**", "//", "<<", ">>", "<=", ">=", "==", "!="};
    private static final String ONE_CHAR_OPS = "+-*/%<>(),.&|^~[]{}:=@;";
    /** Keywords that Python 3.11 still accepts right after a number without a space ({@code 1if x else 2}). */
    private static final String[] KEYWORDS_AFTER_NUMBER = {"and", "else", "if", "in", "is", "not", "or"};

    private final String s;
    private final int n;
    private int i;
    private int depth;

    private Tokenizer(String source) {
        this.s = source;
        this.n = source.length();
    }

    static List<Token> tokenize(String source) {
        return new Tokenizer(source).run();
    }

    private PyExpressionException error(String reason, int pos) {
        return new PyExpressionException("SyntaxError: " + reason, s, pos);
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (i >= n) {
                out.add(new Token(Token.Kind.END, "", null, n));
                return out;
            }
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                int start = i;
                i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
                if (depth == 0 && !out.isEmpty() && out.get(out.size() - 1).kind() != Token.Kind.NEWLINE) {
                    out.add(new Token(Token.Kind.NEWLINE, "\n", null, start));
                }
                continue;
            }
            if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                out.add(number());
            } else if (c == '_' || Character.isUnicodeIdentifierStart(c)) {
                int start = i;
                i++;
                while (i < n && isIdentPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.NAME, s.substring(start, i), null, start));
            } else {
                out.add(operator(c));
            }
        }
    }

    private void skipSpace() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f') {
                i++;
            } else if (c == '#') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '\\') {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i += 2;
                } else if (i + 2 < n && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
                    i += 3;
                } else if (i + 1 < n && s.charAt(i + 1) == '\r') {
                    i += 2;
                } else {
                    throw error("unexpected character after line continuation character", i);
                }
            } else if ((c == '\n' || c == '\r') && depth > 0) {
                i++;
            } else {
                return;
            }
        }
    }

    private Token operator(char c) {
        int start = i;
        if (i + 1 < n) {
            String two = s.substring(i, i + 2);
            for (String op : TWO_CHAR_OPS) {
                if (op.equals(two)) {
                    i += 2;
                    return new Token(Token.Kind.OP, op, null, start);
                }
            }
        }
        if (ONE_CHAR_OPS.indexOf(c) >= 0) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            i++;
            return new Token(Token.Kind.OP, String.valueOf(c), null, start);
        }
        int cp = s.codePointAt(i);
        throw error(String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp), i);
    }

    private Token number() {
        int start = i;
        char c = s.charAt(i);
        if (c == '0' && i + 1 < n && "xXoObB".indexOf(s.charAt(i + 1)) >= 0) {
            char p = Character.toLowerCase(s.charAt(i + 1));
            int radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            String kind = p == 'x' ? "hexadecimal" : p == 'o' ? "octal" : "binary";
            i += 2;
            StringBuilder digits = new StringBuilder();
            while (i < n) {
                char d = s.charAt(i);
                if (d == '_' && i + 1 < n && Character.digit(s.charAt(i + 1), radix) >= 0) {
                    i++;
                } else if (Character.digit(d, radix) >= 0 && d < 128) {
                    digits.append(d);
                    i++;
                } else {
                    break;
                }
            }
            if (digits.length() == 0 || (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_'))) {
                throw error("invalid " + kind + " literal", start);
            }
            checkEnd(start, kind);
            try {
                return new Token(Token.Kind.NUMBER, "", Long.parseLong(digits.toString(), radix), start);
            } catch (NumberFormatException e) {
                throw error("integer literal too large for a 64-bit integer", start);
            }
        }
        boolean isFloat = false;
        if (c != '.') {
            digitPart(start);
        }
        if (i < n && s.charAt(i) == '.') {
            isFloat = true;
            i++;
            if (i < n && isDigit(s.charAt(i))) {
                digitPart(start);
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int save = i;
            i++;
            boolean signed = i < n && (s.charAt(i) == '+' || s.charAt(i) == '-');
            if (signed) {
                i++;
            }
            if (i < n && isDigit(s.charAt(i))) {
                digitPart(start);
                isFloat = true;
            } else if (signed) {
                throw error("invalid decimal literal", start);
            } else {
                i = save; // `1else`: the letter starts a keyword, checked below
            }
        }
        if (i < n && (s.charAt(i) == 'j' || s.charAt(i) == 'J')) {
            throw error("complex numbers are not supported", start);
        }
        checkEnd(start, "decimal");
        String text = s.substring(start, i).replace("_", "");
        if (isFloat) {
            return new Token(Token.Kind.NUMBER, "", Double.parseDouble(text), start);
        }
        if (text.length() > 1 && text.charAt(0) == '0' && text.chars().anyMatch(ch -> ch != '0')) {
            throw error("leading zeros in decimal integer literals are not permitted;"
                    + " use an 0o prefix for octal integers", start);
        }
        try {
            return new Token(Token.Kind.NUMBER, "", Long.parseLong(text), start);
        } catch (NumberFormatException e) {
            throw error("integer literal too large for a 64-bit integer", start);
        }
    }

    /** Consumes {@code digit (_? digit)*}; the current character is a digit. */
    private void digitPart(int start) {
        i++;
        while (i < n) {
            char d = s.charAt(i);
            if (isDigit(d)) {
                i++;
            } else if (d == '_') {
                if (i + 1 < n && isDigit(s.charAt(i + 1))) {
                    i += 2;
                } else {
                    throw error("invalid decimal literal", start);
                }
            } else {
                return;
            }
        }
    }

    private void checkEnd(int start, String kind) {
        if (i < n && isIdentPart(s.charAt(i))) {
            for (String kw : KEYWORDS_AFTER_NUMBER) {
                if (s.startsWith(kw, i) && (i + kw.length() >= n || !isIdentPart(s.charAt(i + kw.length())))) {
                    return;
                }
            }
            throw error("invalid " + kind + " literal", start);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentPart(char c) {
        return c == '_' || Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }
}
