package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PyPath} against Python's {@code os.path} (values recorded from Python 3.11). */
class PyPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/etc/fail2ban|filter.d/sshd|/etc/fail2ban/filter.d/sshd",
        "/etc/fail2ban/|sshd|/etc/fail2ban/sshd", "config|/abs/x.conf|/abs/x.conf", "''|a|a"})
    void join(String a, String b, String expected) {
        assertEquals(expected, PyPath.join(a, b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"filter.d/sshd|filter.d|sshd", "/etc/fail2ban/filter.d|/etc/fail2ban|filter.d",
        "sshd|''|sshd", "/x|/|x", "a//b|a|b", "//x|//|x", "dir/|dir|''"})
    void dirnameAndBasename(String p, String dir, String base) {
        assertEquals(dir, PyPath.dirname(p));
        assertEquals(base, PyPath.basename(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"sshd.conf|sshd", "a/b.c/d|a/b.c/d", ".hidden|.hidden", "x.tar.gz|x.tar",
        "..conf|..conf", "dir/.f.conf|dir/.f"})
    void stripExtension(String p, String expected) {
        assertEquals(expected, PyPath.stripExtension(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/a/./b/../c|/a/c", "/../x|/x", "//a/b|//a/b", "///a|/a"})
    void normalise(String p, String expected) {
        assertEquals(expected, PyPath.normalise(p));
    }
}
