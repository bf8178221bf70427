package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line of {@code fail2ban-regex} against Python's: help, version, usage errors and exit statuses, the
 * log given as a string or as several lines, the regex given as a string, ignoreregex, and the options that change
 * the report ({@code -L}, {@code -d}, {@code --timezone}, {@code -r}, {@code --usedns}, {@code --no-check-all},
 * {@code -v}, {@code --VD}, {@code -D}, {@code -e}). Where 1.0.2 and 1.1.1 differ, 1.1.1's text is asserted.
 */
class RegexToolCommandLineCompatTest {
    private static final String LINE = "Aug 14 11:59:58 srv sshd[1]: Invalid user x from 192.0.2.1 port 22";
    private static final String LINES = "Aug 14 11:59:58 srv sshd[1]: Invalid user x from 192.0.2.1 port 22\n"
            + "Aug 14 11:59:59 srv sshd[2]: Invalid user y from 192.0.2.2 port 22\n"
            + "Aug 14 12:00:00 srv sshd[3]: something else\n"
            + "# a comment\n"
            + "\n"
            + "Aug 14 12:00:01 srv sshd[4]: Invalid user z from 2001:db8::1 port 22\n"
            + "Aug 14 12:00:02 srv sshd[5]: Invalid user w from example.com port 22";

    static Stream<Arguments> sameAsPython() {
        String c = RegexToolCompat.config().toString();
        String sshd = RegexToolCompat.sampleLog("sshd").toString();
        return Stream.of(
                Arguments.of(List.of(LINE, "Invalid user \\S+ from <HOST>"), false),
                Arguments.of(List.of(LINE, "Invalid user \\S+ from <HOST>", "user x"), false),
                Arguments.of(List.of(LINES, "Invalid user \\S+ from <HOST>"), false),
                Arguments.of(List.of("-L", "2", LINES, "user \\S+ from <HOST>"), false),
                Arguments.of(List.of("-L", "3", "--print-all-matched", LINES, "(?m)^.*user x.*\\n.*user <F-USER>y"
                        + "</F-USER> from <HOST>"), false),
                Arguments.of(List.of("-c", c, LINES, "sshd", "user y"), true),
                Arguments.of(List.of("-c", c, "--no-check-all", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "-L", "5", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "-d", "{^LN-BEG}%b %d %H:%M:%S", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "--timezone", "UTC+0200", "-v", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "-r", "--print-all-matched", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "--usedns", "no", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "--usedns", "bogus", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "-v", "--VD", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "-vv", sshd, "sshd[mode=aggressive]"), true),
                Arguments.of(List.of("-c", c, "-D", "--print-all-matched", RegexToolCompat.sampleLog("dropbear")
                        .toString(), "dropbear"), true),
                Arguments.of(List.of("-c", c, "-e", "latin-1", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "--print-no-missed", "--print-no-ignored", sshd, "sshd"), true),
                Arguments.of(List.of("-c", c, "--print-all-ignored", sshd, "sshd", "Invalid user"), true),
                Arguments.of(List.of("-c", c, "-o", "msg", sshd, "sshd", "Invalid user"), true),
                Arguments.of(List.of("-c", c, sshd, c + "/filter.d/sshd.conf"), false),
                Arguments.of(List.of("-c", c, sshd, "nonexistent-filter"), false),
                Arguments.of(List.of("-c", c, sshd, "sshd[mode=aggressive"), false),
                Arguments.of(List.of(LINE, "(unbalanced <HOST>"), false),
                Arguments.of(List.of(LINE, "no failure id here"), false),
                Arguments.of(List.of(LINE, "<HOST>", "(bad"), false),
                Arguments.of(List.of("-L", "-1", LINE, "<HOST>"), false),
                Arguments.of(List.of("-m", "unclosed 'quote", LINE, "<HOST>"), false),
                Arguments.of(List.of("--no-such-option", LINE, "<HOST>"), false),
                Arguments.of(List.of("-L", "x", LINE, "<HOST>"), false),
                Arguments.of(List.of("-c"), false),
                Arguments.of(List.of("--verb", LINE, "<HOST>"), false),
                Arguments.of(List.of("--raw=1", LINE, "<HOST>"), false));
    }

    @ParameterizedTest
    @MethodSource
    void sameAsPython(List<String> args, boolean jail) throws Exception {
        Oracle.Run py = RegexToolCompat.python(args);
        Oracle.Run ours = RegexToolCompat.ours(args);
        assertEquals(py.status(), ours.status(), "exit status; python: " + py.stdout() + py.stderr());
        RegexToolCompat.assertSameText(RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), jail)),
                RegexToolCompat.withoutTiming(ours.stdout()), "stdout of " + args);
        RegexToolCompat.assertSameText(py.stderr(), ours.stderr(), "stderr of " + args);
    }

    /** 1.1.1's help differs from 1.0.2's in three places (jail names, no filter file for IGNOREREGEX, -i). */
    static String help111(String help102) {
        String h = help102.replace("  filter                name of filter, optionally with options",
                "  filter                name of jail or filter, optionally with options");
        int ign = h.indexOf("IGNOREREGEX:\n");
        int opt = h.indexOf("Options:\n");
        h = h.substring(0, ign) + h.substring(ign, opt).replace(
                "  filename              path to a filter file (filter.d/sshd.conf)\n", "") + h.substring(opt);
        return h.replace("  --print-no-missed ", "  -i, --invert          Invert the sense of matching, to output "
                + "non-matching\n                        lines.\n  --print-no-missed ");
    }

    @Test
    void help() throws Exception {
        for (String opt : List.of("-h", "--help", "--he")) {
            Oracle.Run py = RegexToolCompat.python(List.of(opt));
            Oracle.Run ours = RegexToolCompat.ours(List.of(opt));
            assertEquals(0, ours.status());
            assertEquals(py.status(), ours.status());
            RegexToolCompat.assertSameText(help111(py.stdout()), ours.stdout(), "help");
        }
    }

    @Test
    void missingArgumentsPrintHelpAndFail() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("only-one"), List.of("a", "b", "c", "d"),
                List.of("--print-no-missed", "--print-all-missed", "a", "b"))) {
            Oracle.Run py = RegexToolCompat.python(args);
            Oracle.Run ours = RegexToolCompat.ours(args);
            assertEquals(255, ours.status());
            assertEquals(py.status(), ours.status());
            RegexToolCompat.assertSameText(help111(py.stdout()), ours.stdout(), "help of " + args);
            assertEquals(py.stderr(), ours.stderr());
        }
    }

    @Test
    void versions() throws Exception {
        // 1.0.2 prints its own version; ours is 1.1.1's
        assertEquals("1.0.2\n", RegexToolCompat.python(List.of("-V")).stdout());
        assertEquals(new Oracle.Run(0, "1.1.1\n", ""), RegexToolCompat.ours(List.of("-V")));
        assertEquals(new Oracle.Run(0, "fail2ban-regex 1.1.1\n", ""), RegexToolCompat.ours(List.of("--version")));
        assertEquals("fail2ban-regex 1.0.2\n", RegexToolCompat.python(List.of("--version")).stdout());
        // optparse acts on -V when it reaches it, before the arguments are checked
        assertEquals(new Oracle.Run(0, "1.1.1\n", ""), RegexToolCompat.ours(List.of("-vL", "3", "-V", "--bogus")));
    }

    /**
     * 1.1.1 reads {@code filter.d/NAME} as the filter NAME of the configuration (1.0.2 takes it for a regex): the
     * report is 1.0.2's for the name {@code NAME}, announced as a filter.
     */
    @Test
    void filterDirectoryPrefixNamesAFilter() throws Exception {
        String c = RegexToolCompat.config().toString();
        String sshd = RegexToolCompat.sampleLog("sshd").toString();
        Oracle.Run py = RegexToolCompat.python(List.of("-c", c, sshd, "sshd"));
        for (String name : List.of("filter.d/sshd", "filter.d/sshd.conf")) {
            Oracle.Run ours = RegexToolCompat.ours(List.of("-c", c, sshd, name));
            assertEquals(0, ours.status());
            RegexToolCompat.assertSameText(RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), false)),
                    RegexToolCompat.withoutTiming(ours.stdout()), name);
        }
    }

    /** {@code -i} (1.1.1 only): with {@code -o}, the lines no failregex matched, as recorded from 1.1.1. */
    @Test
    void invertPrintsTheMissedLines() {
        Oracle.Run msg = RegexToolCompat.ours(List.of("-i", "-o", "msg", LINES, "user [xy] from <HOST>"));
        assertEquals(new Oracle.Run(0, "Aug 14 12:00:00 srv sshd[3]: something else\n"
                + "Aug 14 12:00:01 srv sshd[4]: Invalid user z from 2001:db8::1 port 22\n"
                + "Aug 14 12:00:02 srv sshd[5]: Invalid user w from example.com port 22\n", ""), msg);
        Oracle.Run id = RegexToolCompat.ours(List.of("-i", "-o", "id", LINES, "user [xy] from <HOST>"));
        assertEquals("\n\n\n", id.stdout());
        Oracle.Run row = RegexToolCompat.ours(List.of("-i", "-o", "row", "no date here", "x <HOST>"));
        assertEquals("['',\tNone,\t{'fid': ''}],\n", row.stdout());
        Oracle.Run plain = RegexToolCompat.ours(List.of("-r", "-i", "-o", "msg", LINES, "user [xyzw] from <HOST>"));
        assertEquals("Aug 14 12:00:00 srv sshd[3]: something else\n", plain.stdout());
    }

    /**
     * 1.1.1 first tries a name as a jail of the configuration, so a configuration directory that does not exist
     * is an error (1.0.2 finds no filter file and takes the name for a regex).
     */
    @Test
    void missingConfigurationDirectory() {
        Oracle.Run ours = RegexToolCompat.ours(List.of("-c", "/nonexistent-config-dir", LINE, "sshd"));
        assertEquals(new Oracle.Run(255, "\nRunning tests\n=============\n\n"
                + "ERROR: Wrong filter name or options: Base configuration directory /nonexistent-config-dir does not "
                + "exist \n       while parsing: sshd\n", ""), ours);
    }

    /** Jail names (1.1.1 only) with options: the options are merged over the filter options of the jail. */
    @Test
    void jailWithOptions() throws Exception {
        String c = RegexToolCompat.config().toString();
        String log = RegexToolCompat.sampleLog("postfix").toString();
        List<String> args = new ArrayList<>(List.of("-c", c, log, "postfix[mode=aggressive]"));
        Oracle.Run py = RegexToolCompat.python(args);
        Oracle.Run ours = RegexToolCompat.ours(args);
        assertTrue(ours.stdout().contains("\nUse             jail : postfix\n"
                + "Use jail/flt options : {'mode': 'aggressive'}\n"), ours.stdout());
        RegexToolCompat.assertSameText(RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), true)),
                RegexToolCompat.withoutTiming(ours.stdout()), "postfix jail");
    }
}
