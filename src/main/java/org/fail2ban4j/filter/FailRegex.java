package org.fail2ban4j.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fail2ban4j.regex.CompiledRegex;
import org.fail2ban4j.regex.PyFlags;
import org.fail2ban4j.regex.PyRegex;
import org.fail2ban4j.regex.PyStrings;
import org.fail2ban4j.regex.RegexBudgetExceededException;
import org.fail2ban4j.regex.RegexMatch;
import org.fail2ban4j.regex.RegexSyntaxException;

/**
 * Port of `fail2ban/server/failregex.py:Regex` and `fail2ban/server/failregex.py:FailRegex`: one failregex,
 * prefregex or ignoreregex, compiled once, and its matches over a buffer of log lines.
 *
 * <p>Compiling expands the tags ({@link HostTags}), turns a global flag group that is not at the start into a
 * local one as upstream's {@code R_GLOB2LOCFLAGS} does ({@code ((?i)x)} and {@code (?:(?i)x)} become
 * {@code (?i:x)}), and compiles the result with {@link PyFlags#MULTILINE} when the filter buffers several lines
 * ({@code maxlines > 1}). A failregex ({@link #failRegex}) must have a failure-id group ({@code fid},
 * {@code ip4}, {@code ip6}, {@code dns} or {@code mlfid}), itself or in its prefregex; prefregex and ignoreregex
 * ({@link #regex}) need none.
 *
 * <p>Immutable and thread-safe. Each search returns a {@link Match} (upstream keeps the last match in the
 * object instead); {@link #newMatcher()} and the search overloads taking a {@link Matcher} let a hot path reuse
 * one matcher per thread.
 */
public final class FailRegex {

    /** {@code FAILURE_ID_GROPS}: the groups that identify a failure, in order of precedence. */
    public static final List<String> FAILURE_ID_GROUPS = List.of("fid", "ip4", "ip6", "dns");
    /** {@code FAILURE_ID_PRESENTS}: one of these must exist in a failregex (or its prefregex). */
    public static final List<String> FAILURE_ID_PRESENTS = List.of("fid", "ip4", "ip6", "dns", "mlfid");
    private static final List<String> HOST_GROUPS = List.of("ip4", "ip6", "dns");
    private static final List<String> ADDRESS_GROUPS = List.of("ip4", "ip6");

    /** {@code R_GLOB2LOCFLAGS}. */
    private static final Pattern GLOBAL_TO_LOCAL_FLAGS =
            PyRegex.compile("(?<!\\\\)\\((?:\\?:)?(\\(\\?[a-z]+)\\)").pattern();
    /** {@code COMPLNAME_CRE}. */
    private static final Pattern COMPLEX_NAME = PyRegex.compile("^(alt_|tuple_)(.*?)(?:_\\d+)?$").pattern();
    private static final String ALT_PREFIX = "alt_";

    private final String regex;
    private final CompiledRegex compiled;
    private final boolean multiline;
    private final boolean failure;
    private final List<String[]> altValues;
    private final List<String[]> tupleValues;
    private final List<Integer> skipLineGroups;
    /** The named groups in order, and their Python numbers (for {@link #putGroups} on the hot path). */
    private final String[] groupNames;
    private final int[] groupNumbers;

    private FailRegex(String regex, CompiledRegex compiled, boolean multiline, boolean failure) {
        this.regex = regex;
        this.compiled = compiled;
        this.multiline = multiline;
        this.failure = failure;
        Map<String, Integer> index = compiled.pyGroupIndex();
        this.groupNames = new String[index.size()];
        this.groupNumbers = new int[index.size()];
        int at = 0;
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            // interned: the failure data finds the names the code asks for ("ip4", "mlfid"...) by identity
            groupNames[at] = e.getKey().intern();
            groupNumbers[at++] = e.getValue();
        }
        List<String[]> alt = new ArrayList<>();
        List<String[]> tuple = new ArrayList<>();
        for (String k : compiled.pyGroupIndex().keySet()) {
            if (k.length() <= ALT_PREFIX.length()) {
                continue;
            }
            Matcher n = COMPLEX_NAME.matcher(k);
            if (n.matches()) {
                String[] entry = {k, HostTags.groupName(n.group(2))};
                (n.group(1).equals(ALT_PREFIX) ? alt : tuple).add(entry);
            }
        }
        alt.sort(FailRegex::compareEntries);
        tuple.sort(FailRegex::compareEntries);
        this.altValues = List.copyOf(alt);
        this.tupleValues = List.copyOf(tuple);
        List<Integer> skip = new ArrayList<>();
        for (int n = 0; compiled.hasGroup("skiplines" + n); n++) {
            skip.add(compiled.pyGroupIndex().get("skiplines" + n));
        }
        this.skipLineGroups = List.copyOf(skip);
    }

    private static int compareEntries(String[] a, String[] b) {
        int c = a[0].compareTo(b[0]);
        return c != 0 ? c : a[1].compareTo(b[1]);
    }

    /**
     * Upstream {@code Regex(regex, multiline, useDns)}: a prefregex or ignoreregex.
     *
     * @param regex the configured expression with fail2ban tags, not null
     * @param multiline whether to compile with MULTILINE (upstream uses it for failregexes when
     *     {@code maxlines > 1})
     * @param hostMatchesDns whether {@code <HOST>} also matches DNS names ({@link HostTags#hostMatchesDns})
     * @return the compiled expression
     * @throws RegexSyntaxException when the expression is empty or does not compile (upstream's messages)
     */
    public static FailRegex regex(String regex, boolean multiline, boolean hostMatchesDns) {
        return compile(regex, multiline, hostMatchesDns, false);
    }

    /**
     * Upstream {@code FailRegex(regex, prefRegex, multiline, useDns)}: a failregex.
     *
     * @param regex the configured expression with fail2ban tags, not null
     * @param prefRegex the filter's prefregex, if any
     * @param multiline whether the filter buffers several lines ({@code maxlines > 1})
     * @param hostMatchesDns whether {@code <HOST>} also matches DNS names ({@link HostTags#hostMatchesDns})
     * @return the compiled expression
     * @throws RegexSyntaxException when the expression is empty, does not compile, or neither it nor the
     *     prefregex has a failure-id group
     */
    public static FailRegex failRegex(String regex, Optional<FailRegex> prefRegex, boolean multiline,
            boolean hostMatchesDns) {
        Objects.requireNonNull(prefRegex, "prefRegex");
        FailRegex r = compile(regex, multiline, hostMatchesDns, true);
        if (!r.hasFailureIdGroup() && !prefRegex.map(FailRegex::hasFailureIdGroup).orElse(false)) {
            throw RegexSyntaxException.verbatim(r.regex, "No failure-id group in '" + r.regex + "'", null);
        }
        return r;
    }

    private static FailRegex compile(String configured, boolean multiline, boolean hostMatchesDns,
            boolean failure) {
        Objects.requireNonNull(configured, "regex");
        String expanded = HostTags.expand(configured, hostMatchesDns);
        if (PyStrings.lstrip(expanded).isEmpty()) {
            throw RegexSyntaxException.verbatim(configured, "Cannot add empty regex", null);
        }
        expanded = globalToLocalFlags(expanded);
        CompiledRegex compiled;
        try {
            compiled = PyRegex.compile(expanded, multiline ? PyFlags.MULTILINE : PyFlags.NONE);
        } catch (RegexSyntaxException e) {
            throw RegexSyntaxException.verbatim(expanded, "Unable to compile regular expression '" + expanded
                    + "':\n" + e.pythonMessage(), e);
        }
        return new FailRegex(expanded, compiled, multiline, failure);
    }

    /** Applies {@code R_GLOB2LOCFLAGS}: {@code ((?i)x)} and {@code (?:(?i)x)} become {@code (?i:x)}. */
    static String globalToLocalFlags(String regex) {
        Matcher m = GLOBAL_TO_LOCAL_FLAGS.matcher(regex);
        if (!m.find()) {
            return regex;
        }
        StringBuilder sb = new StringBuilder(regex.length());
        int last = 0;
        do {
            sb.append(regex, last, m.start()).append(m.group(1)).append(':');
            last = m.end();
        } while (m.find());
        return sb.append(regex, last, regex.length()).toString();
    }

    /** @return {@code getRegex()}: the expression as compiled (tags expanded, flags localised) */
    public String regex() {
        return regex;
    }

    /** @return the compiled expression */
    public CompiledRegex compiled() {
        return compiled;
    }

    /** @return whether it was compiled with MULTILINE */
    public boolean multiline() {
        return multiline;
    }

    /** @return whether this is a failregex (built by {@link #failRegex}) */
    public boolean isFailRegex() {
        return failure;
    }

    /**
     * @param pyName a group name
     * @return whether the expression defines it
     */
    public boolean hasGroup(String pyName) {
        return compiled.hasGroup(pyName);
    }

    /** @return whether the expression has one of {@link #FAILURE_ID_PRESENTS} */
    public boolean hasFailureIdGroup() {
        for (String g : FAILURE_ID_PRESENTS) {
            if (compiled.hasGroup(g)) {
                return true;
            }
        }
        return false;
    }

    /** @return a matcher for {@link #search(Matcher, CharSequence, List, Function)}, to reuse on one thread */
    public Matcher newMatcher() {
        return compiled.matcher("");
    }

    /**
     * Port of {@code _tupleLinesBuf}: the lines joined with {@code \n}, plus a final {@code \n}.
     *
     * @param lines the lines
     * @param text the text of a line to match (upstream: the line without its date)
     * @param <L> the line type
     * @return the buffer to search
     */
    public static <L> String joinLines(List<L> lines, Function<? super L, ? extends CharSequence> text) {
        if (lines.size() == 1) {
            return text.apply(lines.get(0)).toString().concat("\n");
        }
        StringBuilder sb = new StringBuilder(128 * lines.size());
        for (L line : lines) {
            sb.append(text.apply(line)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Searches lines given as plain texts (buffer built with {@link #joinLines}).
     *
     * @param lines the lines, without line ends
     * @return the match, if any
     */
    public Optional<Match<String>> search(List<String> lines) {
        return search(joinLines(lines, Function.identity()), lines, Function.identity());
    }

    /**
     * Port of {@code Regex.search(tupleLines, orgLines)}: searches {@code buffer} and splits {@code orgLines}
     * into the lines the match covers and the others.
     *
     * @param buffer the text to search (normally {@link #joinLines} of the current lines)
     * @param orgLines the lines the buffer stands for
     * @param lineText the text of a line as it appears in the buffer (used to find lines captured by
     *     {@code <SKIPLINES>})
     * @param <L> the line type
     * @return the match, if any
     */
    public <L> Optional<Match<L>> search(CharSequence buffer, List<L> orgLines,
            Function<? super L, ? extends CharSequence> lineText) {
        return search(newMatcher(), buffer, orgLines, lineText);
    }

    /**
     * As {@link #search(CharSequence, List, Function)} with a reusable matcher from {@link #newMatcher()}.
     *
     * @param matcher a matcher of this expression, reset here
     * @param buffer the text to search
     * @param orgLines the lines the buffer stands for
     * @param lineText the text of a line as it appears in the buffer
     * @param <L> the line type
     * @return the match, if any
     * @throws RegexBudgetExceededException when the buffer is a {@link org.fail2ban4j.regex.BudgetedText} whose
     *     budget runs out, or matching exhausts the thread's stack
     */
    public <L> Optional<Match<L>> search(Matcher matcher, CharSequence buffer, List<L> orgLines,
            Function<? super L, ? extends CharSequence> lineText) {
        Objects.requireNonNull(orgLines, "orgLines");
        Objects.requireNonNull(lineText, "lineText");
        return find(matcher, buffer).map(m -> new Match<>(this, m, orgLines, lineText));
    }

    /**
     * The first step of {@link #search(Matcher, CharSequence, List, Function)}: the raw match, without the line
     * bookkeeping and group maps of a {@link Match} (a hot path builds those only when it needs them, with
     * {@link #match} or {@link #groups(RegexMatch)}).
     *
     * @param matcher a matcher of this expression, reset here
     * @param buffer the text to search
     * @return the match, if any
     * @throws RegexBudgetExceededException when the buffer is a {@link org.fail2ban4j.regex.BudgetedText} whose
     *     budget runs out, or matching exhausts the thread's stack
     */
    public Optional<RegexMatch> find(Matcher matcher, CharSequence buffer) {
        matcher.reset(buffer);
        try {
            if (!matcher.find()) {
                return Optional.empty();
            }
        } catch (StackOverflowError e) {
            throw RegexBudgetExceededException.stackExhausted(regex, buffer.length(), e);
        }
        return Optional.of(compiled.toMatch(matcher, buffer));
    }

    /**
     * The second step of {@link #search(Matcher, CharSequence, List, Function)}.
     *
     * @param match a match of this expression ({@link #find})
     * @param orgLines the lines the searched buffer stands for
     * @param lineText the text of a line as it appears in the buffer
     * @param <L> the line type
     * @return the match with its lines and groups
     */
    public <L> Match<L> match(RegexMatch match, List<L> orgLines,
            Function<? super L, ? extends CharSequence> lineText) {
        if (match.regex() != compiled) {
            throw new IllegalArgumentException("match of another expression than " + this);
        }
        return new Match<>(this, match, Objects.requireNonNull(orgLines, "orgLines"),
                Objects.requireNonNull(lineText, "lineText"));
    }

    /**
     * {@link Match#groups()} of a raw match.
     *
     * @param match a match of this expression ({@link #find})
     * @return name to value, in the expression's group order (unmodifiable)
     */
    public Map<String, String> groups(RegexMatch match) {
        return Collections.unmodifiableMap(mergeGroups(match, null));
    }

    /**
     * One value of {@link Match#groups()} of a raw match, without building the map when no {@code alt_} or
     * {@code tuple_} group can change it.
     *
     * @param match a match of this expression ({@link #find})
     * @param name a group name
     * @return the value; empty when the group did not take part or does not exist
     */
    public Optional<String> group(RegexMatch match, String name) {
        return Optional.ofNullable(groupOrNull(match, name));
    }

    /** As {@link #group(RegexMatch, String)}, null for empty. */
    public String groupOrNull(RegexMatch match, String name) {
        if (altValues.isEmpty() && tupleValues.isEmpty()) {
            return compiled.hasGroup(name) ? match.group(name) : null;
        }
        return mergeGroups(match, null).get(name);
    }

    /**
     * Puts {@link Match#groups()} of a raw match into a map, in their order (without building an intermediate map
     * when no {@code alt_} or {@code tuple_} group can change them).
     *
     * @param match a match of this expression ({@link #find})
     * @param into the map to put them in
     * @param takingPartOnly whether to leave out the groups without a value (that did not take part)
     */
    public void putGroups(RegexMatch match, Map<String, Object> into, boolean takingPartOnly) {
        if (altValues.isEmpty() && tupleValues.isEmpty()) {
            String[] names = groupNames;
            int[] numbers = groupNumbers;
            for (int i = 0; i < names.length; i++) {
                String v = match.group(numbers[i]);
                if (v != null || !takingPartOnly) {
                    into.put(names[i], v);
                }
            }
            return;
        }
        for (Map.Entry<String, String> e : mergeGroups(match, null).entrySet()) {
            if (e.getValue() != null || !takingPartOnly) {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * {@link #putGroups putGroups(match, into, false)} without the group {@code leftOut}: the same map as putting
     * all and removing that one, without taking that group's text out of the matched text (the prefregex's
     * {@code content}, most of the line).
     */
    public void putGroupsExcept(RegexMatch match, Map<String, Object> into, String leftOut) {
        if (altValues.isEmpty() && tupleValues.isEmpty()) {
            String[] names = groupNames;
            int[] numbers = groupNumbers;
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals(leftOut)) {
                    into.put(names[i], match.group(numbers[i]));
                }
            }
            into.remove(leftOut); // as the general case: a value put before goes too
            return;
        }
        putGroups(match, into, false);
        into.remove(leftOut);
    }

    /** @return the number of named groups (the size of {@link Match#groups()}, before tuple and alt merging) */
    public int namedGroupCount() {
        return groupNames.length;
    }

    /**
     * The named groups of a match with {@code alt_NAME[_N]} values copied to {@code NAME} when it is empty and
     * {@code tuple_NAME[_N]} values combined with {@code NAME} (see {@link Match#groups()}).
     *
     * @param tupleParts filled with the parts of the combined tuples when not null
     */
    private Map<String, String> mergeGroups(RegexMatch match, Map<String, List<String>> tupleParts) {
        Map<String, Integer> index = compiled.pyGroupIndex();
        Map<String, String> fail = new LinkedHashMap<>((int) (index.size() / 0.75f) + 1);
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            fail.put(e.getKey(), match.group(e.getValue()));
        }
        for (String[] kn : altValues) {
            String v = fail.get(kn[0]);
            String current = fail.get(kn[1]);
            if (v != null && !v.isEmpty() && (current == null || current.isEmpty())) {
                fail.put(kn[1], v);
            }
        }
        if (tupleValues.isEmpty()) {
            return fail;
        }
        Map<String, List<String>> parts = tupleParts != null ? tupleParts : new LinkedHashMap<>();
        for (String[] kn : tupleValues) {
            String v = fail.get(kn[0]);
            List<String> t = parts.get(kn[1]);
            if (t == null) {
                t = new ArrayList<>();
                t.add(fail.get(kn[1]));
                parts.put(kn[1], t);
            }
            t.add(v);
            fail.put(kn[1], Match.tupleRepr(t));
        }
        for (Map.Entry<String, List<String>> e : parts.entrySet()) {
            e.setValue(Collections.unmodifiableList(new ArrayList<>(e.getValue())));
        }
        return fail;
    }

    @Override
    public String toString() {
        return (failure ? "FailRegex(" : "Regex(") + PyStrings.repr(regex) + ")";
    }

    /**
     * One match of a {@link FailRegex}: the upstream {@code Regex} state after a successful {@code search}.
     * Immutable.
     *
     * @param <L> the line type
     */
    public static final class Match<L> {

        private final FailRegex owner;
        private final RegexMatch match;
        private final List<L> matchedLines;
        private final List<L> unmatchedLines;
        private final List<String> skippedLines;
        /** {@link #groups()} and {@link #tuples()}, computed when first asked for. */
        private volatile GroupMaps maps;

        private record GroupMaps(Map<String, String> groups, Map<String, List<String>> tuples) {
        }

        Match(FailRegex owner, RegexMatch match, List<L> orgLines,
                Function<? super L, ? extends CharSequence> lineText) {
            this.owner = owner;
            this.match = match;
            this.skippedLines = computeSkippedLines();
            if (orgLines.size() <= 1) {
                // (no copy of a buffer of one line that is immutable already: most buffers, on every match)
                this.matchedLines = List.copyOf(orgLines);
                this.unmatchedLines = List.of();
                return;
            }
            List<L> matched;
            List<L> unmatched;
            String s = match.string();
            int lineStart = s.lastIndexOf('\n', match.start()) + 1;
            int from = match.end() - 1;
            if (from < 0) {
                from = Math.max(0, from + s.length());
            }
            int nl = s.indexOf('\n', from);
            int lineEnd = nl < 0 ? s.length() : nl + 1;
            int count1 = countNewlines(s, lineStart);
            int count2 = countNewlines(s, lineEnd);
            matched = new ArrayList<>(slice(orgLines, count1, count2));
            unmatched = new ArrayList<>(slice(orgLines, 0, count1));
            int n = 0;
            for (String skipped : skippedLines) {
                for (int k = n; k < matched.size(); k++) {
                    if (lineText.apply(matched.get(k)).toString().equals(skipped)) {
                        unmatched.add(matched.remove(k));
                        n = k;
                        break;
                    }
                }
            }
            unmatched.addAll(slice(orgLines, count2, orgLines.size()));
            this.matchedLines = Collections.unmodifiableList(matched);
            this.unmatchedLines = Collections.unmodifiableList(unmatched);
        }

        private GroupMaps maps() {
            GroupMaps m = maps;
            if (m == null) {
                if (owner.tupleValues.isEmpty()) {
                    m = new GroupMaps(Collections.unmodifiableMap(owner.mergeGroups(match, null)), Map.of());
                } else {
                    Map<String, List<String>> tupleParts = new LinkedHashMap<>();
                    Map<String, String> g = Collections.unmodifiableMap(owner.mergeGroups(match, tupleParts));
                    m = new GroupMaps(g, Collections.unmodifiableMap(tupleParts));
                }
                maps = m;
            }
            return m;
        }

        private static int countNewlines(String s, int end) {
            int c = 0;
            for (int i = 0; i < end; i++) {
                if (s.charAt(i) == '\n') {
                    c++;
                }
            }
            return c;
        }

        private static <T> List<T> slice(List<T> list, int from, int to) {
            int a = Math.min(Math.max(from, 0), list.size());
            int b = Math.min(Math.max(to, a), list.size());
            return list.subList(a, b);
        }

        private List<String> computeSkippedLines() {
            if (owner.skipLineGroups.isEmpty()) {
                return List.of();
            }
            StringBuilder sb = new StringBuilder();
            for (int g : owner.skipLineGroups) {
                String v = match.group(g);
                if (v != null) {
                    sb.append(v);
                }
            }
            return List.copyOf(PyStrings.splitlines(sb, false));
        }

        /** Python's {@code repr()} of a tuple of str or None. */
        static String tupleRepr(List<String> values) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(PyStrings.repr(values.get(i)));
            }
            if (values.size() == 1) {
                sb.append(',');
            }
            return sb.append(')').toString();
        }

        /** @return the expression that matched */
        public FailRegex regex() {
            return owner;
        }

        /** @return the underlying match (spans and raw groups) */
        public RegexMatch regexMatch() {
            return match;
        }

        /**
         * Port of {@code getGroups()}: the named groups (null for those that did not take part), with
         * {@code alt_NAME[_N]} values copied to {@code NAME} when it is empty, and {@code tuple_NAME[_N]} values
         * combined with {@code NAME} into a tuple, given here as Python's text of that tuple (for example
         * {@code ('192.0.2.1', '192.0.2.2')}); {@link #tuples()} has the parts.
         *
         * @return name to value, in the expression's group order
         */
        public Map<String, String> groups() {
            return maps().groups();
        }

        /** @return the combined {@code tuple_} values by target name (parts may be null), empty if none */
        public Map<String, List<String>> tuples() {
            return maps().tuples();
        }

        /** @return {@code getSkippedLines()}: the lines captured by {@code <SKIPLINES>} */
        public List<String> skippedLines() {
            return skippedLines;
        }

        /** @return {@code getMatchedTupleLines()}: the lines the match covers, without skipped lines */
        public List<L> matchedLines() {
            return matchedLines;
        }

        /** @return {@code getUnmatchedTupleLines()}: the other lines, skipped lines included */
        public List<L> unmatchedLines() {
            return unmatchedLines;
        }

        /**
         * Port of {@code getFailID()}: the first of {@code fid}, {@code ip4}, {@code ip6}, {@code dns} that took
         * part (raw group values, before alt/tuple merging).
         *
         * @return the failure id; empty when none took part (upstream raises "No group found")
         */
        public Optional<String> failId() {
            return first(FAILURE_ID_GROUPS);
        }

        /** @return {@code getHost()}: the first of {@code ip4}, {@code ip6}, {@code dns} that took part */
        public Optional<String> host() {
            return first(HOST_GROUPS);
        }

        /**
         * @return the address part of {@code getIP()}: the first of {@code ip4}, {@code ip6} that took part (the
         *     caller builds the address with {@link #cidr()})
         */
        public Optional<String> address() {
            return first(ADDRESS_GROUPS);
        }

        /** @return the {@code cidr} group of {@link #groups()}, when present and not empty */
        public Optional<String> cidr() {
            String c = groups().get("cidr");
            return c == null || c.isEmpty() ? Optional.empty() : Optional.of(c);
        }

        private Optional<String> first(List<String> names) {
            for (String name : names) {
                if (owner.compiled.hasGroup(name)) {
                    String v = match.group(name);
                    if (v != null) {
                        return Optional.of(v);
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return owner + " matched " + PyStrings.repr(match.group()) + " " + groups();
        }
    }
}
