package org.fail2ban4j.regextool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.fail2ban4j.filter.FailRegex;
import org.fail2ban4j.filter.FailureMatcher;
import org.fail2ban4j.filter.TupleLine;
import org.fail2ban4j.regex.CompiledRegex;

/**
 * Reads the state of a {@link FailureMatcher} that upstream's {@code fail2ban-regex} reads from its
 * {@code Filter} and that {@code FailureMatcher} has no accessor for: the line buffer of multi-line filters
 * ({@code Filter.__lineBuffer}, to count buffered lines a later match consumed), whether the prefregex matched the
 * last line it was tried on and its groups ({@code prefRegex.hasMatched()} and {@code getGroups()}), and the last
 * date seen ({@code Filter.__lastDate}, for {@code --invert}).
 *
 * <p>Upstream's tool reads the private members of its filter the same way; here the fields are reached through
 * {@link VarHandle}s resolved once. Should {@code FailureMatcher} gain accessors for these, this class becomes
 * three method calls.
 */
final class MatcherState {
    private static final VarHandle LINE_BUFFER;
    private static final VarHandle PREF_MATCHER;
    private static final VarHandle LAST_DATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(FailureMatcher.class, MethodHandles.lookup());
            LINE_BUFFER = lookup.findVarHandle(FailureMatcher.class, "lineBuffer", List.class);
            PREF_MATCHER = lookup.findVarHandle(FailureMatcher.class, "prefMatcher", Matcher.class);
            LAST_DATE = lookup.findVarHandle(FailureMatcher.class, "lastDate", Double.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("FailureMatcher no longer has the fields fail2ban-regex reads "
                    + "(lineBuffer, prefMatcher, lastDate): " + e);
        }
    }

    private MatcherState() {
    }

    /** The lines the matcher keeps buffered (a copy). */
    @SuppressWarnings("unchecked")
    static List<TupleLine> lineBuffer(FailureMatcher m) {
        return List.copyOf((List<TupleLine>) LINE_BUFFER.get(m));
    }

    /** The date of the last line that had one, in epoch seconds; empty before the first. */
    static Optional<Double> lastDate(FailureMatcher m) {
        return Optional.ofNullable((Double) LAST_DATE.get(m));
    }

    /** Upstream {@code prefRegex.hasMatched()}: whether the prefregex matched when it was last tried. */
    static boolean prefRegexMatched(FailureMatcher m) {
        Matcher matcher = (Matcher) PREF_MATCHER.get(m);
        if (m.prefRegex() == null || matcher == null) {
            return false;
        }
        try {
            matcher.start();
            return true;
        } catch (IllegalStateException noMatch) {
            return false;
        }
    }

    /**
     * Upstream {@code prefRegex.hasMatched()} and {@code getGroups()}: the named groups of the prefregex's last
     * search (null values for groups that did not take part), empty if that search did not match or there is no
     * prefregex.
     */
    static Optional<Map<String, String>> prefRegexGroups(FailureMatcher m) {
        FailRegex pref = m.prefRegex();
        Matcher matcher = (Matcher) PREF_MATCHER.get(m);
        if (pref == null || matcher == null) {
            return Optional.empty();
        }
        try {
            matcher.start();
        } catch (IllegalStateException noMatch) {
            return Optional.empty();
        }
        CompiledRegex c = pref.compiled();
        Map<String, String> groups = new LinkedHashMap<>();
        c.pyGroupIndex().entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> groups.put(e.getKey(), c.group(matcher, e.getValue())));
        return Optional.of(groups);
    }
}
