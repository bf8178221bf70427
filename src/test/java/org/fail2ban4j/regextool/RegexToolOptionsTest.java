package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command line parsing of fail2ban-regex as optparse does it (error texts recorded from Python's optparse). */
class RegexToolOptionsTest {
    private static final String PROG = "/usr/bin/fail2ban-regex";
    private static final Map<String, String> ENV = Map.of("LANG", "C.UTF-8");

    private static RegexToolOptions run(String... argv) {
        RegexToolOptions.Outcome o = RegexToolOptions.parse(List.of(argv), PROG, ENV);
        assertInstanceOf(RegexToolOptions.Run.class, o, () -> o.toString());
        return ((RegexToolOptions.Run) o).options();
    }

    private static RegexToolOptions.Exit exit(String... argv) {
        RegexToolOptions.Outcome o = RegexToolOptions.parse(List.of(argv), PROG, ENV);
        assertInstanceOf(RegexToolOptions.Exit.class, o);
        return (RegexToolOptions.Exit) o;
    }

    @Test
    void defaults() {
        RegexToolOptions o = run("log", "regex");
        assertEquals(List.of("log", "regex"), o.args());
        assertEquals("/etc/fail2ban", o.config());
        assertEquals(Optional.empty(), o.datePattern());
        assertEquals(Optional.empty(), o.timezone());
        assertEquals("UTF-8", o.encoding());
        assertEquals(0, o.maxLines());
        assertEquals("critical", o.logLevel());
        assertEquals(0, o.verbose());
        assertTrue(o.checkAllRegex());
        assertEquals(Optional.empty(), o.out());
        assertTrue(!o.raw() && !o.invert() && !o.debuggex() && !o.verboseDate() && !o.printAllMatched()
                && !o.printAllMissed() && !o.printAllIgnored() && !o.printNoMissed() && !o.printNoIgnored()
                && !o.logTraceback() && !o.fullTraceback());
    }

    @Test
    void optionsAnywhereClustersAbbreviationsAndValues() {
        RegexToolOptions o = run("log", "-vvr", "--ou", "row", "regex", "-L0x10", "--config=/x", "--TZ", "UTC",
                "--no-check-all", "-iDt", "--VD", "--print-all-mi", "-e", "latin-1", "ignore");
        assertEquals(List.of("log", "regex", "ignore"), o.args());
        assertEquals(2, o.verbose());
        assertTrue(o.raw() && o.invert() && o.debuggex() && o.logTraceback() && o.verboseDate());
        assertEquals(Optional.of("row"), o.out());
        assertEquals(16, o.maxLines());
        assertEquals("/x", o.config());
        assertEquals(Optional.of("UTC"), o.timezone());
        assertTrue(!o.checkAllRegex());
        assertTrue(o.printAllMissed() && !o.printAllMatched());
        assertEquals("latin-1", o.encoding());
    }

    @Test
    void doubleDashEndsOptions() {
        assertEquals(List.of("-x", "--y"), run("--", "-x", "--y").args());
        assertEquals(List.of("-", "r"), run("-", "r").args());
    }

    @ParameterizedTest
    @CsvSource({"5,5", "010,8", "0x1f,31", "0b11,3", "' 7',7", "+3,3", "-2,-2", "1_0,10", "0,0"})
    void integerValues(String text, int expected) {
        assertEquals(expected, run("-L", text, "a", "b").maxLines());
    }

    @Test
    void verbosityCountsFromAGivenLevel() {
        assertEquals(3, run("--verbosity=2", "-v", "a", "b").verbose());
        assertEquals(1, run("-vv", "--verbosity", "1", "a", "b").verbose());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus|no such option: --bogus",
        "-x|no such option: -x",
        "-L x|option -L: invalid integer value: 'x'",
        "--maxlines=08|option --maxlines: invalid integer value: '08'",
        "-L|-L option requires 1 argument",
        "--out|--out option requires 1 argument",
        "--raw=1|--raw option does not take a value",
        "--verb|ambiguous option: --verb (--verbose, --verbose-date, --verbosity?)",
        "--print|ambiguous option: --print (--print-all-ignored, --print-all-matched, --print-all-missed, "
                + "--print-no-ignored, --print-no-missed?)",
    })
    void usageErrors(String args, String message) {
        RegexToolOptions.Exit e = exit(args.split(" "));
        assertEquals(2, e.status());
        assertEquals("", e.stdout());
        assertEquals("Usage: " + PROG + " [OPTIONS] <LOG> <REGEX> [IGNOREREGEX]\n\nfail2ban-regex: error: " + message
                + "\n", e.stderr());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|¶ERROR: provide both <LOG> and <REGEX>.¶",
        "a|¶ERROR: provide both <LOG> and <REGEX>.¶",
        "a b c d|¶ERROR: provide both <LOG> and <REGEX>.¶",
        "--print-no-missed --print-all-missed a b|¶ERROR: --print-no-missed and --print-all-missed are mutually "
                + "exclusive.¶",
        "--print-no-ignored --print-all-ignored a|¶ERROR: --print-no-ignored and --print-all-ignored are mutually "
                + "exclusive.¶ERROR: provide both <LOG> and <REGEX>.¶",
    })
    void wrongArgumentsPrintHelpAndFail(String args, String stderr) {
        RegexToolOptions.Exit e = exit(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(255, e.status());
        assertTrue(e.stdout().startsWith("Usage: " + PROG + " [OPTIONS] <LOG> <REGEX> [IGNOREREGEX]\n\nFail2Ban  "),
                e.stdout());
        assertEquals(stderr.replace('¶', '\n'), e.stderr());
    }

    @Test
    void helpVersionAndShortVersionStopParsing() {
        assertEquals(new RegexToolOptions.Exit(0, "1.1.1\n", ""), exit("-V", "--bogus"));
        assertEquals(new RegexToolOptions.Exit(0, "fail2ban-regex 1.1.1\n", ""), exit("--vers"));
        RegexToolOptions.Exit help = exit("-h", "--bogus");
        assertEquals(0, help.status());
        assertTrue(help.stdout().endsWith("Many contributions by Yaroslav O. Halchenko, Steven Hiscocks, Sergey G. "
                + "Brester (sebres).\n"), help.stdout());
        assertTrue(help.stdout().contains("\nOptions:\n  --version             show program's version number and exit\n"
                + "  -h, --help            show this help message and exit\n"
                + "  -c CONFIG, --config=CONFIG\n"
                + "                        set alternate config directory\n"), help.stdout());
    }

    /** optparse narrows the help column on small terminals ({@code $COLUMNS}; layout recorded from optparse). */
    @Test
    void helpFollowsColumns() {
        RegexToolOptions.Outcome o = RegexToolOptions.parse(List.of("-h"), PROG, Map.of("COLUMNS", "40"));
        String help = ((RegexToolOptions.Exit) o).stdout();
        assertTrue(help.contains("\n  --version       show program's\n                  version number and\n"
                + "                  exit\n"), help);
        assertTrue(help.contains("\n  -v, --verbose   Increase verbosity\n"), help);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"C.UTF-8||UTF-8", "en_US.ISO-8859-1||ISO-8859-1", "C||UTF-8",
        "en_US.utf8||UTF-8", "de_DE.ISO-8859-15@euro||ISO-8859-15", "|de_DE.UTF-8|UTF-8"})
    void defaultEncodingFromTheLocale(String lang, String lcAll, String expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (lang != null) {
            env.put("LANG", lang);
        }
        if (lcAll != null) {
            env.put("LC_ALL", lcAll);
        }
        assertEquals(expected, RegexToolOptions.preferredEncoding(env));
    }
}
