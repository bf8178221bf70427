package org.fail2ban4j.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import org.fail2ban4j.regex.PyAst.AnyChar;
import org.fail2ban4j.regex.PyAst.At;
import org.fail2ban4j.regex.PyAst.AtKind;
import org.fail2ban4j.regex.PyAst.BackRef;
import org.fail2ban4j.regex.PyAst.CharSet;
import org.fail2ban4j.regex.PyAst.Group;
import org.fail2ban4j.regex.PyAst.GroupKind;
import org.fail2ban4j.regex.PyAst.Node;
import org.fail2ban4j.regex.PyAst.Repeat;
import org.fail2ban4j.regex.PyAst.RepeatMode;
import org.fail2ban4j.regex.PyAst.Seq;
import org.fail2ban4j.regex.PyAst.SetLit;

/**
 * The search of a pattern that ends with a group taking the rest of the line, {@code ...(?P<content>.+)$} (the
 * prefregex idiom of fail2ban filters), without matching that group character by character: a "head" pattern, the
 * same without {@code (?P<content>.+)$} and followed by {@code (?=[^\n])}, finds the same match start and groups,
 * and the last group is the rest of the line.
 *
 * <p>Why this is exact, for a text without a line end except possibly a last one: {@code .+$} succeeds at a
 * position exactly when at least one character other than the final line end follows, and then takes all of
 * them; so each path through the rest of the pattern is accepted by {@code .+$} exactly when it is accepted by
 * {@code (?=[^\n])}, and the engine picks the same path. Texts with a line end elsewhere must be searched with the
 * full pattern ({@link #applies(String)}).
 *
 * <p>Immutable and thread-safe; the matchers of {@link #newMatcher()} are per thread.
 */
public final class RestOfLineSearch {

    private final CompiledRegex full;
    private final CompiledRegex head;
    private final int tailGroup;

    private RestOfLineSearch(CompiledRegex full, CompiledRegex head, int tailGroup) {
        this.full = full;
        this.head = head;
        this.tailGroup = tailGroup;
    }

    /**
     * @param regex a pattern
     * @return its rest-of-line search; empty when it does not end with a capturing group of {@code .+} (greedy,
     *     without DOTALL) followed by {@code $} (without MULTILINE), or something refers to that group
     */
    public static Optional<RestOfLineSearch> of(CompiledRegex regex) {
        PyParser.Parsed parsed = Objects.requireNonNull(regex, "regex").parsed();
        if (!(parsed.root() instanceof Seq)) {
            return Optional.empty();
        }
        List<Node> items = ((Seq) parsed.root()).items();
        int n = items.size();
        if (n < 2 || !(items.get(n - 1) instanceof At) || ((At) items.get(n - 1)).kind() != AtKind.END
                || !(items.get(n - 2) instanceof Group)) {
            return Optional.empty();
        }
        Group g = (Group) items.get(n - 2);
        Node body = g.body();
        while (body instanceof Seq && ((Seq) body).items().size() == 1) {
            body = ((Seq) body).items().get(0);
        }
        if (g.kind() != GroupKind.CAPTURE || (g.flags() & PyFlags.DOTALL) != 0 || !(body instanceof Repeat)) {
            return Optional.empty();
        }
        Repeat r = (Repeat) body;
        if (!(r.body() instanceof AnyChar) || r.min() != 1 || r.max() != Repeat.UNBOUNDED
                || r.mode() != RepeatMode.GREEDY || parsed.condRefs().contains(g.pyIndex())
                || refersTo(parsed.root(), g.pyIndex())) {
            return Optional.empty();
        }
        List<Node> headItems = new ArrayList<>(items.subList(0, n - 2));
        headItems.add(new Group(GroupKind.LOOKAHEAD, 0, null, g.flags(),
                new CharSet(true, List.of(new SetLit('\n')))));
        PyParser.Parsed headParsed = new PyParser.Parsed(new Seq(headItems), parsed.flags(), parsed.groupCount(),
                parsed.groupIndex(), parsed.condRefs(), parsed.groupNames());
        CompiledRegex head;
        try {
            head = PyRegex.compile(regex.source(), headParsed);
        } catch (RegexSyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(new RestOfLineSearch(regex, head, g.pyIndex()));
    }

    private static boolean refersTo(Node n, int group) {
        if (n instanceof BackRef) {
            return ((BackRef) n).pyGroup() == group;
        }
        if (n instanceof Seq) {
            for (Node c : ((Seq) n).items()) {
                if (refersTo(c, group)) {
                    return true;
                }
            }
        } else if (n instanceof PyAst.Alt) {
            for (Node c : ((PyAst.Alt) n).branches()) {
                if (refersTo(c, group)) {
                    return true;
                }
            }
        } else if (n instanceof Group) {
            return refersTo(((Group) n).body(), group);
        } else if (n instanceof Repeat) {
            return refersTo(((Repeat) n).body(), group);
        } else if (n instanceof PyAst.Cond) {
            PyAst.Cond c = (PyAst.Cond) n;
            return c.pyGroup() == group || refersTo(c.yes(), group) || (c.no() != null && refersTo(c.no(), group));
        }
        return false;
    }

    /**
     * @param text a text to search
     * @return whether {@link #find} may search it: no line end but possibly a last one
     */
    public static boolean applies(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 || nl == text.length() - 1;
    }

    /** @return a matcher for {@link #find}, to reuse on one thread */
    public Matcher newMatcher() {
        return head.matcher("");
    }

    /** @return the full pattern */
    public CompiledRegex regex() {
        return full;
    }

    /**
     * The full pattern's {@code search(text)}, for a text that {@link #applies(String)}.
     *
     * @param matcher a matcher from {@link #newMatcher()}, reset here
     * @param text the text (may be a {@link BudgetedText} over a text that applies)
     * @return the match of the full pattern, if any
     * @throws RegexBudgetExceededException when the text is a {@link BudgetedText} whose budget runs out, or
     *     matching exhausts the thread's stack
     */
    public Optional<RegexMatch> find(Matcher matcher, CharSequence text) {
        matcher.reset(text);
        try {
            if (!matcher.find()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(full.source(), text.length(), e);
        }
        String string = text.toString();
        int length = string.length();
        int end = length > 0 && string.charAt(length - 1) == '\n' ? length - 1 : length;
        int n = full.groupCount();
        int[] spans = new int[2 * (n + 1)];
        spans[0] = matcher.start();
        spans[1] = end;
        for (int g = 1; g <= n; g++) {
            if (g == tailGroup) {
                spans[2 * g] = matcher.end();
                spans[2 * g + 1] = end;
            } else {
                spans[2 * g] = head.start(matcher, g);
                spans[2 * g + 1] = head.end(matcher, g);
            }
        }
        return Optional.of(new RegexMatch(full, string, spans));
    }
}
