package org.fail2ban4j.regex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of `re:Pattern` (Python 3.11): a Python pattern compiled to a {@link Pattern}, with the mapping from
 * Python group numbers and names to Java group numbers. Immutable and thread-safe.
 *
 * <p>Two ways to match:
 * <ul>
 * <li>{@link #search(CharSequence)}, {@link #match(CharSequence)}, {@link #fullmatch(CharSequence)} return an
 * immutable {@link RegexMatch} that speaks Python numbering and names.</li>
 * <li>Hot paths keep one {@link Matcher} per thread ({@link #matcher(CharSequence)}, then
 * {@code matcher.reset(text)} and {@code find()}), look up Java group numbers once ({@link #javaGroup(int)},
 * {@link #groupIndex(String)}) and read groups straight from the matcher when {@link #hasDirectGroups()}, or
 * else through {@link #group(Matcher, String)}; {@link #toMatch(Matcher, CharSequence)} takes a snapshot.</li>
 * </ul>
 *
 * <p>Not every Python group is a plain Java group: a group inside a negative look-around never takes part (Python
 * discards its captures), and a group inside a positive look-around, atomic group or possessive repeat takes part
 * only when an empty guard group in front of that construct did. {@link #group(Matcher, int)},
 * {@link #start(Matcher, int)}, {@link #end(Matcher, int)} and the {@link RegexMatch} snapshots apply these
 * rules; {@link #hasDirectGroups()} says when there are none.
 *
 * <p>Positions are UTF-16 indices into the text.
 */
public final class CompiledRegex {

    private final String source;
    private final int flags;
    private final Pattern pattern;
    private final int groupCount;
    private final int[] pyToJava;
    private final int[] guards;
    private final boolean direct;
    private final Map<String, Integer> pyGroupIndex;
    private final Map<String, Integer> javaGroupIndex;
    /** The parsed pattern, kept to derive the prefilter and other analyses on first use. */
    private final PyParser.Parsed parsed;
    private final PyAst.Node root;
    private volatile LiteralPrefilter prefilter;
    private static final int NOT_COMPUTED = -2;
    private volatile int reach = NOT_COMPUTED;
    private volatile Optional<Backtracker> backtracker;

    CompiledRegex(String source, int flags, Pattern pattern, int groupCount, int[] pyToJava, int[] guards,
            Map<String, Integer> pyGroupIndex, PyParser.Parsed parsed) {
        this.source = source;
        this.parsed = parsed;
        this.root = parsed.root();
        this.flags = flags;
        this.pattern = pattern;
        this.groupCount = groupCount;
        this.pyToJava = pyToJava.clone();
        this.guards = guards.clone();
        boolean plain = true;
        for (int g = 1; g <= groupCount; g++) {
            plain &= this.pyToJava[g] > 0 && this.guards[g] == 0;
        }
        this.direct = plain;
        Map<String, Integer> py = new LinkedHashMap<>();
        Map<String, Integer> java = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : pyGroupIndex.entrySet()) {
            py.put(e.getKey(), e.getValue());
            java.put(e.getKey(), this.pyToJava[e.getValue()]);
        }
        this.pyGroupIndex = Collections.unmodifiableMap(py);
        this.javaGroupIndex = Collections.unmodifiableMap(java);
    }

    /**
     * The literals every match must contain ({@link LiteralPrefilter}), derived once on first use.
     *
     * @return the prefilter of this pattern
     */
    public LiteralPrefilter prefilter() {
        LiteralPrefilter p = prefilter;
        if (p == null) {
            p = LiteralPrefilter.of(root, flags);
            prefilter = p;
        }
        return p;
    }

    /** @return whether every match starts at index 0 ({@code ^} without MULTILINE, {@code \A}) */
    public boolean anchoredAtStart() {
        LiteralPrefilter p = prefilter;
        return p != null ? p.anchored() : LiteralPrefilter.anchored(root, flags);
    }

    /**
     * For a pattern whose matches all start at index 0 ({@code ^} without MULTILINE, {@code \A}) and that
     * looks at a bounded number of characters: that number. Two texts that are both at least this long and agree
     * on these first characters, or that are equal, get the same result from a search of the whole text (match or
     * not, and every group span).
     *
     * @return the number of characters, or -1 when the pattern is not anchored at the start or has no bound
     */
    public int anchoredReach() {
        int r = reach;
        if (r == NOT_COMPUTED) {
            r = MatchReach.of(root, anchoredAtStart());
            reach = r;
        }
        return r;
    }

    /**
     * Our own backtracking matcher of this pattern ({@link Backtracker}), made on first use.
     *
     * @return the matcher; empty when it does not take this pattern
     */
    public Optional<Backtracker> backtracker() {
        Optional<Backtracker> b = backtracker;
        if (b == null) {
            b = Backtracker.of(this);
            backtracker = b;
        }
        return b;
    }

    /** @return the parse this pattern was compiled from */
    PyParser.Parsed parsed() {
        return parsed;
    }

    /** @return the translated Java pattern */
    public Pattern pattern() {
        return pattern;
    }

    /** @return the Python pattern as given to {@link PyRegex#compile(String, int)} */
    public String source() {
        return source;
    }

    /**
     * @return the effective Python flags: the ones passed, the global inline ones, and {@link PyFlags#UNICODE}
     *     unless {@link PyFlags#ASCII}, as Python's {@code Pattern.flags}
     */
    public int flags() {
        return flags;
    }

    /** @return the number of Python capturing groups ({@code Pattern.groups}) */
    public int groupCount() {
        return groupCount;
    }

    /** @return Python group name to Java group number, in definition order */
    public Map<String, Integer> groupIndex() {
        return javaGroupIndex;
    }

    /** @return Python group name to Python group number, as Python's {@code Pattern.groupindex} */
    public Map<String, Integer> pyGroupIndex() {
        return pyGroupIndex;
    }

    /**
     * @return whether every Python group is a plain Java group (no group inside a look-around, atomic group or
     *     possessive repeat), so that {@link #javaGroup(int)} and {@link #groupIndex()} can be read from a matcher
     *     directly
     */
    public boolean hasDirectGroups() {
        return direct;
    }

    /**
     * @param pyName a Python group name
     * @return its Java group number, or -1 when the pattern has no such group or the group never takes part
     */
    public int groupIndex(String pyName) {
        Integer j = javaGroupIndex.get(pyName);
        return j == null ? -1 : j;
    }

    /**
     * @param pyName a Python group name
     * @return whether the pattern defines it
     */
    public boolean hasGroup(String pyName) {
        return javaGroupIndex.containsKey(pyName);
    }

    /**
     * @param pyGroup a Python group number, 0 for the whole match
     * @return the Java group number, -1 for a group that never takes part (inside a negative look-around)
     * @throws IndexOutOfBoundsException when there is no such group
     */
    public int javaGroup(int pyGroup) {
        if (pyGroup < 0 || pyGroup > groupCount) {
            throw new IndexOutOfBoundsException("no such group: " + pyGroup + " (pattern has " + groupCount
                    + " groups)");
        }
        return pyGroup == 0 ? 0 : pyToJava[pyGroup];
    }

    /**
     * @param pyName a Python group name
     * @return the Python group number
     * @throws IllegalArgumentException when there is no such group
     */
    private int requireGroup(String pyName) {
        Integer g = pyGroupIndex.get(pyName);
        if (g == null) {
            throw new IllegalArgumentException("no such group: " + PyStrings.repr(pyName) + " in " + source);
        }
        return g;
    }

    /**
     * A new matcher for hot paths (reuse it with {@link Matcher#reset(CharSequence)}).
     *
     * @param text the input, not null
     * @return a matcher of {@link #pattern()}
     */
    public Matcher matcher(CharSequence text) {
        return pattern.matcher(text);
    }

    /**
     * Reads a group by Python number from a matcher of this pattern after a successful match.
     *
     * @param m a matcher of {@link #pattern()}
     * @param pyGroup the Python group number
     * @return the text, or null when the group did not take part (as {@link Matcher#group(int)})
     */
    public String group(Matcher m, int pyGroup) {
        int j = javaGroup(pyGroup);
        if (j < 0 || (pyGroup > 0 && guards[pyGroup] != 0 && m.start(guards[pyGroup]) < 0)) {
            return null;
        }
        return m.group(j);
    }

    /**
     * Reads a group by Python name from a matcher of this pattern after a successful match.
     *
     * @param m a matcher of {@link #pattern()}
     * @param pyName the Python group name
     * @return the text, or null when the group did not take part
     * @throws IllegalArgumentException when there is no such group
     */
    public String group(Matcher m, String pyName) {
        return group(m, requireGroup(pyName));
    }

    /**
     * @param m a matcher of {@link #pattern()} after a successful match
     * @param pyGroup the Python group number
     * @return the start of the group, or -1 when it did not take part
     */
    public int start(Matcher m, int pyGroup) {
        int j = javaGroup(pyGroup);
        if (j < 0 || (pyGroup > 0 && guards[pyGroup] != 0 && m.start(guards[pyGroup]) < 0)) {
            return -1;
        }
        return m.start(j);
    }

    /**
     * @param m a matcher of {@link #pattern()} after a successful match
     * @param pyGroup the Python group number
     * @return the end of the group, or -1 when it did not take part
     */
    public int end(Matcher m, int pyGroup) {
        int j = javaGroup(pyGroup);
        if (j < 0 || (pyGroup > 0 && guards[pyGroup] != 0 && m.start(guards[pyGroup]) < 0)) {
            return -1;
        }
        return m.end(j);
    }

    /**
     * Takes an immutable snapshot of a matcher of this pattern after a successful match.
     *
     * @param m a matcher of {@link #pattern()} that has just matched
     * @param text the text the matcher was matching (a {@link Matcher} does not expose it)
     * @return the match in Python numbering
     */
    public RegexMatch toMatch(Matcher m, CharSequence text) {
        if (m.pattern() != pattern) {
            throw new IllegalArgumentException("matcher belongs to another pattern than " + source);
        }
        return snapshot(m, Objects.requireNonNull(text, "text"));
    }

    /**
     * Python's {@code pattern.search(text)}.
     *
     * @param text the input, not null
     * @return the first match, if any
     * @throws RegexBudgetExceededException when matching exhausts the thread's stack (also for the other
     *     search, match and fullmatch methods)
     */
    public Optional<RegexMatch> search(CharSequence text) {
        return search(text, 0);
    }

    /**
     * Python's {@code pattern.search(text, pos)}: the first match starting at or after {@code from} (look-behinds
     * and {@code \b} still see the text before it; {@code ^} and {@code \A} match only at 0).
     *
     * @param text the input, not null
     * @param from the first index to try, clamped to {@code [0, text.length()]}
     * @return the first match, if any
     */
    public Optional<RegexMatch> search(CharSequence text, int from) {
        Objects.requireNonNull(text, "text");
        Matcher m = pattern.matcher(text);
        int start = Math.max(0, Math.min(from, text.length()));
        try {
            if (!m.find(start)) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(source, text.length(), e);
        }
        return Optional.of(snapshot(m, text));
    }

    /**
     * {@link #search(CharSequence, int)} with a bound on the work: at most {@code maxCharReads} character reads.
     *
     * @param text the input, not null
     * @param from the first index to try
     * @param maxCharReads the budget, at least 0
     * @return the first match, if any
     * @throws RegexBudgetExceededException when the budget runs out (names this pattern)
     */
    public Optional<RegexMatch> search(CharSequence text, int from, long maxCharReads) {
        BudgetedText budgeted = new BudgetedText(text, maxCharReads);
        try {
            return search(budgeted, from);
        } catch (RegexBudgetExceededException e) {
            RegexBudgetExceededException named = new RegexBudgetExceededException(maxCharReads, source);
            named.initCause(e);
            throw named;
        }
    }

    /**
     * Python's {@code pattern.match(text)}: a match that starts at 0.
     *
     * @param text the input, not null
     * @return the match, if any
     */
    public Optional<RegexMatch> match(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Matcher m = pattern.matcher(text);
        try {
            if (!m.lookingAt()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(source, text.length(), e);
        }
        return Optional.of(snapshot(m, text));
    }

    /**
     * Python's {@code pattern.match(text, pos)}: a match that starts exactly at {@code pos} ({@code ^} still
     * matches only at 0, look-behinds see the text before {@code pos}).
     *
     * @param text the input, not null
     * @param pos where the match must start, clamped to {@code [0, text.length()]}
     * @return the match, if any
     */
    public Optional<RegexMatch> match(CharSequence text, int pos) {
        Objects.requireNonNull(text, "text");
        Matcher m = pattern.matcher(text);
        int start = Math.max(0, Math.min(pos, text.length()));
        m.region(start, text.length());
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        try {
            if (!m.lookingAt()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(source, text.length(), e);
        }
        return Optional.of(snapshot(m, text));
    }

    /**
     * Python's {@code pattern.fullmatch(text)}: a match of the whole text.
     *
     * @param text the input, not null
     * @return the match, if any
     */
    public Optional<RegexMatch> fullmatch(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Matcher m = pattern.matcher(text);
        try {
            if (!m.matches()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(source, text.length(), e);
        }
        return Optional.of(snapshot(m, text));
    }

    private RegexMatch snapshot(Matcher m, CharSequence text) {
        int[] spans = new int[2 * (groupCount + 1)];
        spans[0] = m.start();
        spans[1] = m.end();
        for (int g = 1; g <= groupCount; g++) {
            spans[2 * g] = start(m, g);
            spans[2 * g + 1] = end(m, g);
        }
        return new RegexMatch(this, text.toString(), spans);
    }

    @Override
    public String toString() {
        return "re.compile(" + PyStrings.repr(source) + (flags == PyFlags.UNICODE ? "" : ", " + flags) + ")";
    }
}
