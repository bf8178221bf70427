package org.fail2ban4j.config.ini;

import org.fail2ban4j.regex.PyStrings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Python configparser reading rules; expected values were taken from Python's ConfigParser as fail2ban sets it. */
class IniFileTest {

    static Stream<Arguments> parsed() {
        return Stream.of(
                Arguments.of("continuation lines, blank lines inside values, ';' comments only after whitespace",
                        "[s]\nkey = a\n  b\n\n  c\n\nother: x ; comment\nhash = v # not a comment\nsemi = v;still\nUPPER = 1\n",
                        Map.of("s", Map.of("key", "a\nb\n\nc", "other", "x", "hash", "v # not a comment",
                                "semi", "v;still", "upper", "1"))),
                Arguments.of("comment lines, also indented, do not end nor extend values",
                        "# c1\n; c2\n[s]\n  # indented comment\nk = 1\n  ; ind\n  more\n",
                        Map.of("s", Map.of("k", "1\nmore"))),
                Arguments.of("first '=' or ':' splits; an indented option line continues the previous value",
                        "[s]\na:b = c\nx=y=z\n e = f\n",
                        Map.of("s", Map.of("a", "b = c", "x", "y=z\ne = f"))),
                Arguments.of("trailing blank lines are dropped", "[s]\nk = v\n\n\n", Map.of("s", Map.of("k", "v"))),
                Arguments.of("section header is greedy to the last bracket", "[a] [b]\nk = 1\n",
                        Map.of("a] [b", Map.of("k", "1"))),
                Arguments.of("CRLF and CR line ends", "[s]\r\nk = v\r\n  w\rz = 1", Map.of("s", Map.of("k", "v\nw",
                        "z", "1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void parsesLikePython(String why, String text, Map<String, Map<String, String>> expected) {
        IniFile f = IniFile.parse("t.conf", text);
        assertEquals(expected, f.sections());
    }

    @Test
    void defaultsAreSeparateAndLocationsKept() {
        IniFile f = IniFile.parse("x.conf", "[DEFAULT]\nd = 1\n\n[s]\n\nk = 2\n  more\n");
        assertEquals(Map.of("d", "1"), f.defaults());
        assertEquals(new SourceLocation("x.conf", 6), f.location("s", "k"));
        assertEquals(new SourceLocation("x.conf", 2), f.location("DEFAULT", "d"));
    }

    @Test
    void malformedLinesAreReportedTogetherWithTheirLines() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IniFile.parse("/etc/j.local", "[sshd]\nenabled = true\nbogus line\nok = 1\nalso bad\n"));
        assertEquals("Source contains parsing errors: '/etc/j.local'\n\t[line  3]: 'bogus line\\n'"
                + "\n\t[line  5]: 'also bad\\n'", e.upstreamMessage());
        assertEquals(new SourceLocation("/etc/j.local", 3), e.location());
    }

    @Test
    void duplicateOptionInOneFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IniFile.parse("a.conf", "[s]\nk = 1\nK = 2\n"));
        assertEquals("While reading from 'a.conf' [line  3]: option 'k' in section 's' already exists",
                e.upstreamMessage());
        assertEquals(3, e.location().line());
    }

    @Test
    void duplicateSectionInOneFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IniFile.parse("a.conf", "[s]\nk = 1\n[s]\nj = 2\n"));
        assertEquals("While reading from 'a.conf' [line  3]: section 's' already exists", e.upstreamMessage());
    }

    @Test
    void optionBeforeAnySectionIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> IniFile.parse("a.conf", "k = 1\n"));
        assertEquals("File contains no section headers.\nfile: 'a.conf', line: 1\n'k = 1\\n'", e.upstreamMessage());
    }

    @Test
    void undecodableFileNamesFileAndLine(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("bad.conf");
        byte[] head = "[s]\nk = 1\nj = ".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xff;
        all[head.length + 1] = '\n';
        Files.write(p, all);
        ConfigException e = assertThrows(ConfigException.class, () -> IniFile.read(p));
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("can't decode byte 0xff"), e.getMessage());
    }

    @Test
    void pythonRepr() {
        assertEquals("'a\\nb'", PyStrings.repr("a\nb"));
        assertEquals("\"it's\"", PyStrings.repr("it's"));
        assertEquals("'both \\' and \"'", PyStrings.repr("both ' and \""));
        assertEquals("'tab\\t\\x00é'", PyStrings.repr("tab\t\u0000é"));
        assertEquals("'back\\\\slash'", PyStrings.repr("back\\slash"));
        assertEquals("'\\xa0'", PyStrings.repr("\u00a0"));
    }
}
