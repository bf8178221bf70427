package org.fail2ban4j.config.ini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fail2ban's layering: includes, .local files, KNOWN/ values, conditional sections and interpolation. */
class IniLayeringTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p.toString();
    }

    private IniLayering read(String... files) {
        IniLayering l = new IniLayering(new IniCache());
        l.read(List.of(files));
        return l;
    }

    @Test
    void includesBeforeAndAfterAreRelativeToTheIncludingFileAndLocalFollowsEachFile() throws Exception {
        write("common.conf", "[Definition]\na = common\nb = common\n");
        write("common.local", "[Definition]\nb = common-local\n");
        write("after.conf", "[Definition]\nc = after\n");
        String main = write("f.conf", "[INCLUDES]\nbefore = common.conf\nafter = after.conf\n[Definition]\na = main\n"
                + "c = main\n");
        IniLayering l = new IniLayering(new IniCache());
        List<String> read = l.read(List.of(main));
        assertEquals(List.of(dir.resolve("common.conf").toString(), dir.resolve("common.local").toString(), main,
                dir.resolve("after.conf").toString()), read);
        assertEquals("main", l.get("Definition", "a"));
        assertEquals("common-local", l.get("Definition", "b"));
        assertEquals("after", l.get("Definition", "c"));
    }

    @Test
    void overriddenValuesAreKnownAndReachableAsKnownSlashOption() throws Exception {
        String conf = write("a.conf", "[Definition]\nfailregex = base\n");
        String local = write("a.local", "[Definition]\nfailregex = %(known/failregex)s\n            extra\n");
        IniLayering l = read(conf, local);
        assertEquals("base\nextra", l.get("Definition", "failregex"));
        assertTrue(l.sections().contains("KNOWN/Definition"));
    }

    @Test
    void conditionalSectionsBecomeConditionalOptions() throws Exception {
        String f = write("act.conf", "[Init]\nblocktype = REJECT\n[Init?family=inet6]\nblocktype = REJECT6\n");
        IniLayering l = read(f);
        assertEquals(List.of("blocktype", "blocktype?family=inet6"), List.copyOf(l.options("Init", false)));
        assertEquals("REJECT6", l.get("Init", "blocktype?family=inet6"));
    }

    @Test
    void interpolationUsesVarsThenSectionThenDefaultsAndName() throws Exception {
        String f = write("j.conf", "[DEFAULT]\nport = 1\nlog = /var/log/%(__name__)s.log\n[sshd]\nport = 22\n"
                + "action = x[port=%(port)s, p=%%]\n");
        IniLayering l = read(f);
        assertEquals("x[port=22, p=%]", l.get("sshd", "action"));
        assertEquals("/var/log/sshd.log", l.get("sshd", "log"));
        assertEquals("x[port=99, p=%]", l.get("sshd", "action", false, Map.of("PORT", 99)));
        assertEquals("True", l.get("sshd", "port", false, Map.of("port", true)));
    }

    @Test
    void sectionSlashOptionAndDefaultSlashOption() throws Exception {
        String f = write("j.conf", "[DEFAULT]\nx = dflt\n[a]\nx = in-a\n[b]\ny = %(a/x)s %(default/x)s %(x)s\n");
        assertEquals("in-a dflt dflt", read(f).get("b", "y"));
    }

    @Test
    void missingKeyNamesOptionSectionAndFileLine() throws Exception {
        String f = write("jail.local", "[sshd]\nenabled = true\nbantime = %(nosuch)s\n");
        ConfigException e = assertThrows(ConfigException.class, () -> read(f).get("sshd", "bantime"));
        assertEquals("Bad value substitution: option 'bantime' in section 'sshd' contains an interpolation key "
                + "'nosuch' which is not a valid option name. Raw value: '%(nosuch)s'", e.upstreamMessage());
        assertEquals(new SourceLocation(f, 3), e.location());
    }

    @Test
    void interpolationLoopIsRefusedAfterTenLevels() throws Exception {
        String f = write("j.conf", "[s]\na = %(b)s\nb = %(a)s\n");
        ConfigException e = assertThrows(ConfigException.class, () -> read(f).get("s", "a"));
        assertTrue(e.upstreamMessage().startsWith("Recursion limit exceeded in value substitution: option 'a' in "
                + "section 's'"), e.getMessage());
    }

    @Test
    void badPercentIsASyntaxError() throws Exception {
        String f = write("j.conf", "[s]\na = 50%\n");
        ConfigException e = assertThrows(ConfigException.class, () -> read(f).get("s", "a"));
        assertEquals("'%' must be followed by '%' or '(', found: '%'", e.upstreamMessage());
    }

    @Test
    void includeLoopsAreCut() throws Exception {
        write("a.conf", "[INCLUDES]\nbefore = b.conf\n[s]\nk = a\n");
        write("b.conf", "[INCLUDES]\nbefore = a.conf\n[s]\nk = b\nj = b\n");
        IniLayering l = read(dir.resolve("a.conf").toString());
        assertEquals("a", l.get("s", "k"));
        assertEquals("b", l.get("s", "j"));
    }

    @Test
    void missingIncludeIsAnErrorNamingTheIncludingLine() throws Exception {
        String f = write("f.conf", "[INCLUDES]\n\nbefore = nosuch.conf\n[Definition]\na = 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> read(f));
        assertEquals(new SourceLocation(f, 3), e.location());
        assertTrue(e.getMessage().contains("nosuch.conf"));
    }

    @Test
    void missingLocalIncludeIsOptional() throws Exception {
        String f = write("paths.conf", "[INCLUDES]\nafter = paths-overrides.local\n[DEFAULT]\na = 1\n");
        assertEquals("1", read(f).get("DEFAULT", "a"));
    }

    @Test
    void getExLooksInKnownThenSection() throws Exception {
        String conf = write("a.conf", "[Definition]\nv = old\n");
        String local = write("a.local", "[Definition]\nv = new\n");
        IniLayering l = read(conf, local);
        assertEquals("old", l.getEx("Definition", "known/v", false, Map.of()));
        assertEquals("new", l.getEx("Definition", "v", false, Map.of()));
        assertThrows(NoOptionException.class, () -> l.getEx("Definition", "known/none", false, Map.of()));
        assertFalse(l.hasOption("Definition", "none"));
    }
}
