package org.fail2ban4j.regex;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.AtKind;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.GroupKind;
import org.fail2ban4j.regex.PyAst.Lit;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.RepeatMode;
import org.fail2ban4j.regex.PyAst.Seq;

/**
 * The search of an anchored pattern that takes a group of {@code .*} up to a literal, {@code ^HEAD(?P<g>.*)LIT
 * TAIL} (the prefregex of the nginx filters: {@code ...(?P<content>.*), client: <ADDR>...$}), without backing the
 * group off one character at a time: the engine would try, for the first match of the head, every end of the group
 * from the end of the line back, and at each the literal and the rest; here the head is matched once, the ends where
 * the literal starts are found by comparing the literal, from the last backwards, and the rest ({@code LIT TAIL}) is
 * matched at each of them, the first success giving the engine's match (same start, same groups).
 *
 * <p>Why this is exact: the pattern is anchored, so the engine makes one attempt at index 0; it takes the head's
 * first match and tries the group's ends from the longest (the group cannot pass a line end), an end where the
 * literal does not start failing at once; the first end where {@code LIT TAIL} matches is its result. Only when no
 * end works does the engine go back into the head for another match of it: this search then runs the full pattern
 * instead. The rest is matched by the engine itself at the end tried, seeing the text before it (look-behinds), so
 * its groups are the engine's.
 *
 * <p>Immutable and thread-safe; the matchers of {@link #newMatchers()} are per thread.
 */
public final class DotStarLiteralSearch {

    private final CompiledRegex full;
    private final CompiledRegex head;
    private final CompiledRegex rest;
    private final int group;
    private final String literal;
    /** Per Python group, whether it is in the head (else it is the group of {@code .*} or in the rest). */
    private final boolean[] inHead;

    private DotStarLiteralSearch(CompiledRegex full, CompiledRegex head, CompiledRegex rest, int group,
            String literal, boolean[] inHead) {
        this.full = full;
        this.head = head;
        this.rest = rest;
        this.group = group;
        this.literal = literal;
        this.inHead = inHead;
    }

    /**
     * @param regex a pattern
     * @return its search; empty unless the pattern starts with {@code ^} (without MULTILINE) or {@code \A}, has at
     *     its top level a capturing group of {@code .*} (greedy, without DOTALL) followed by at least one literal
     *     character (without IGNORECASE, no line end), and nothing refers to that group
     */
    public static Optional<DotStarLiteralSearch> of(CompiledRegex regex) {
        PyParser.Parsed parsed = Objects.requireNonNull(regex, "regex").parsed();
        if (!(parsed.root() instanceof Seq) || (parsed.flags() & PyFlags.IGNORECASE) != 0) {
            return Optional.empty();
        }
        List<Node> items = ((Seq) parsed.root()).items();
        if (items.isEmpty() || !(items.get(0) instanceof At)
                || (((At) items.get(0)).kind() != AtKind.BEGINNING
                && ((At) items.get(0)).kind() != AtKind.BEGINNING_STRING)) {
            return Optional.empty();
        }
        for (int k = 1; k < items.size(); k++) {
            if (!(items.get(k) instanceof Group)) {
                continue;
            }
            Group g = (Group) items.get(k);
            Node body = g.body();
            while (body instanceof Seq && ((Seq) body).items().size() == 1) {
                body = ((Seq) body).items().get(0);
            }
            if (g.kind() != GroupKind.CAPTURE || (g.flags() & PyFlags.DOTALL) != 0 || !(body instanceof Repeat)) {
                continue;
            }
            Repeat r = (Repeat) body;
            if (!(r.body() instanceof AnyChar) || r.min() != 0 || r.max() != Repeat.UNBOUNDED
                    || r.mode() != RepeatMode.GREEDY) {
                continue;
            }
            StringBuilder lit = new StringBuilder();
            int j = k + 1;
            while (j < items.size() && items.get(j) instanceof Lit && ((Lit) items.get(j)).codePoint() != '\n') {
                lit.appendCodePoint(((Lit) items.get(j)).codePoint());
                j++;
            }
            if (lit.length() == 0 || parsed.condRefs().contains(g.pyIndex())
                    || RestOfLineSearch.refersTo(parsed.root(), g.pyIndex())) {
                return Optional.empty();
            }
            try {
                CompiledRegex head = PyRegex.compile(regex.source(),
                        parsed.withRoot(new Seq(items.subList(0, k))));
                CompiledRegex rest = PyRegex.compile(regex.source(),
                        parsed.withRoot(new Seq(items.subList(k + 1, items.size()))));
                boolean[] inHead = new boolean[parsed.groupCount() + 1];
                for (Node n : items.subList(0, k)) {
                    PyAst.anyNode(n, x -> {
                        if (x instanceof Group && ((Group) x).kind() == GroupKind.CAPTURE) {
                            inHead[((Group) x).pyIndex()] = true;
                        }
                        return false;
                    });
                }
                return Optional.of(new DotStarLiteralSearch(regex, head, rest, g.pyIndex(), lit.toString(),
                        inHead));
            } catch (RegexSyntaxException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the full pattern */
    public CompiledRegex regex() {
        return full;
    }

    /**
     * The matchers of the head and of the rest, for {@link #find}, to reuse on one thread; the rest's matcher sees
     * the text before its region (look-behinds) and does not take the region's start for the text's.
     */
    public Matcher[] newMatchers() {
        Matcher r = rest.matcher("");
        r.useTransparentBounds(true);
        r.useAnchoringBounds(false);
        return new Matcher[] {head.matcher(""), r};
    }

    /**
     * The full pattern's {@code search(text)}.
     *
     * @param matchers from {@link #newMatchers()}, reset here
     * @param text the text (may be a {@link BudgetedText})
     * @return the match of the full pattern, if any
     * @throws RegexBudgetExceededException when the text is a {@link BudgetedText} whose budget runs out, or
     *     matching exhausts the thread's stack
     */
    public Optional<RegexMatch> find(Matcher[] matchers, CharSequence text) {
        Matcher h = matchers[0];
        Matcher r = matchers[1];
        int length = text.length();
        try {
            h.reset(text);
            if (!h.lookingAt()) {
                return Optional.empty(); // no match of the head: the anchored pattern has none
            }
            int from = h.end();
            // the group cannot pass a line end
            int limit = from;
            while (limit < length && text.charAt(limit) != '\n') {
                limit++;
            }
            int n = literal.length();
            r.reset(text);
            for (int p = Math.min(limit, length - n); p >= from; p--) {
                if (!startsWith(text, p) || !r.region(p, length).lookingAt()) {
                    continue;
                }
                String string = text.toString();
                int groups = full.groupCount();
                int[] spans = new int[2 * (groups + 1)];
                spans[0] = 0;
                spans[1] = r.end();
                for (int g = 1; g <= groups; g++) {
                    if (g == group) {
                        spans[2 * g] = from;
                        spans[2 * g + 1] = p;
                    } else if (inHead[g]) {
                        spans[2 * g] = head.start(h, g);
                        spans[2 * g + 1] = head.end(h, g);
                    } else {
                        spans[2 * g] = rest.start(r, g);
                        spans[2 * g + 1] = rest.end(r, g);
                    }
                }
                return Optional.of(new RegexMatch(full, string, spans));
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(full.source(), length, e);
        }
        // no end of the group works with the head's first match: the engine goes back into the head
        return full.search(text);
    }

    private boolean startsWith(CharSequence text, int p) {
        for (int i = 0; i < literal.length(); i++) {
            if (text.charAt(p + i) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
