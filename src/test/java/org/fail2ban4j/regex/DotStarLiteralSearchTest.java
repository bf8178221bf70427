package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DotStarLiteralSearch} finds what the full pattern finds, spans of every group included. */
class DotStarLiteralSearchTest {

    /** The prefregex of the stock nginx filters (nginx-error-common), as expanded with {@code <ADDR>}. */
    static final String NGINX = "^\\s*\\[(?:error|crit)\\] \\d+#\\d+: \\*\\d+\\s+(?P<content>.*), client: "
            + "\\[?(?:(?:::f{4,6}:)?(?P<ip4>(?:\\d{1,3}\\.){3}\\d{1,3})|(?P<ip6>(?:[0-9a-fA-F]{1,4}::?|:){1,7}"
            + "(?:[0-9a-fA-F]{1,4}|(?<=:):)))\\]?(?:, (?:server|request|host|referrer): (?:\"[^\"]*\"|\\S*)){0,4}"
            + "\\s*$";

    private static final List<String> TEXTS = List.of("", "\n", "x", "a, client: 1.2.3.4\n",
            " [error] 1#1: *5 open() failed, client: 192.0.2.1, server: example.net\n",
            "[error] 12#12: *345 no user/password was provided, client: 2001:db8::1, server: x, request: \"GET / "
                    + "HTTP/1.1\", host: \"x\"\n",
            "[error] 1#1: *2 user \"a, client: b\" was not found, client: 192.0.2.9\n",
            "[error] 1#1: *2 x, client: 192.0.2.9, client: 192.0.2.10\n",
            "[error] 1#1: *2 x, client: 192.0.2.9, server: a, server: b, server: c, server: d, server: e\n",
            "[error] 1#1: *2 x, client: nothost\n", "[crit] 1#1: *2   , client: ::ffff:192.0.2.1\n",
            "[error] 1#1: *2\t\t, client: 192.0.2.1\n", "[error] 1#1: *2 a\nb, client: 192.0.2.1\n",
            "[warn] 1#1: *2 x, client: 192.0.2.1\n", "[error] 1#1: *2 , client: ", "[error] 1#1: *2 , client",
            "a1, client: b2, client: c3", "a1, client: b2, client: c3\n", "ab, client: , client: x\n",
            "\u00e9\u00e9, client: 1.2.3.4 \u00e9\n", "xx:, client: ::1\n", "x, client: 1.2.3.4\r\n");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NGINX, "^(?P<c>.*), client: (?P<h>\\S+)$", "^(?:a|ab)?(?P<c>.*), client: (?P<h>\\S+)\n?\\Z",
        "\\A(?P<pre>\\w*)(?P<c>.*)lient: (?<=c)(?P<h>\\S*)", "^[a-z]*(?P<c>.*), client: (?P<h>\\S*)$"})
    void givesTheFullPatternsMatch(String pattern) {
        CompiledRegex c = PyRegex.compile(pattern);
        DotStarLiteralSearch s = DotStarLiteralSearch.of(c).orElseThrow();
        Matcher[] m = s.newMatchers();
        for (String text : TEXTS) {
            String want = MatchSpans.of(c.search(text, 0, 5_000_000L).orElse(null));
            assertEquals(want, MatchSpans.of(s.find(m, text).orElse(null)), pattern + " on " + PyStrings.repr(text));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(?P<c>.*), client: (?P<h>\\S+)$", "(?m)^(?P<c>.*), x", "(?s)^(?P<c>.*), x",
        "(?i)^(?P<c>.*), x", "^(?P<c>.*?), x", "^(?P<c>.+), x", "^(?:.*), x", "^(?P<c>.*)\\d", "^(?P<c>.*)",
        "^(?P<c>.*), x(?P=c)", "^(?P<c>.*), x(?(c)y|z)", "^(?P<c>.*)\nx", "^(?P<c>.*)(?P<x>, client: )(?P<h>\\S+)"})
    void onlyForAnAnchoredGroupOfDotStarBeforeALiteral(String pattern) {
        assertTrue(DotStarLiteralSearch.of(PyRegex.compile(pattern)).isEmpty(), pattern);
    }

    /** The same on lines of the kind the nginx filters read, with the literal many times in a line. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1, 2, 3})
    void nginxLinesWithManyLiterals(int seed) {
        CompiledRegex c = PyRegex.compile(NGINX);
        DotStarLiteralSearch s = DotStarLiteralSearch.of(c).orElseThrow();
        Matcher[] m = s.newMatchers();
        java.util.Random random = new java.util.Random(seed);
        String[] parts = {", client: ", "192.0.2.7", "2001:db8::7", ", server: x", ", request: \"GET /\"", " ", "a",
            "\"", ",", ":", "\t", "[error] 1#1: *9 ", "host: \"h\""};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "[error] 3#3: *7 " : "");
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            if (random.nextBoolean()) {
                sb.append('\n');
            }
            String text = sb.toString();
            String want = MatchSpans.of(c.search(text, 0, 5_000_000L).orElse(null));
            String got = MatchSpans.of(s.find(m, text).orElse(null));
            if (!want.equals(got)) {
                failures.add(PyStrings.repr(text) + ": " + want + " vs " + got);
            }
        }
        assertEquals(List.of(), failures);
    }
}
