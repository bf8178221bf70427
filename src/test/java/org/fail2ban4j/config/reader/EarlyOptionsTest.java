package org.fail2ban4j.config.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plain early read gives what the full reader gives (values and logged lines), or steps aside. */
class EarlyOptionsTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text.replace("|", "\n"));
    }

    private static Map<String, Object> full(String basedir, List<String> logged) {
        ConfigLoader loader = new ConfigLoader(basedir, (l, v, m) -> logged.add(l + " " + v + " " + m), false);
        loader.readEarly();
        return loader.getEarlyOptions();
    }

    /** Configurations the plain read handles: same options, same order, same debug lines as the full reader. */
    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {
        "[Definition]|socket = /run/a.sock|pidfile = /run/a.pid|loglevel = INFO|logtarget = STDERR|syslogsocket = auto|!",
        "[Definition]|socket = /run/a.sock|!",
        "[Definition]|!",
        "[DEFAULT]|loglevel = DEBUG|[Definition]|socket = /run/a.sock|!",
        "[Definition]|socket = /run/a.sock|[Thread]|stacksize = 0|! [Definition]|socket = /run/b.sock|logtarget = SYSLOG|",
        "[Definition]|socket = /run/a.sock  ; comment|logtarget = /var/log/x.log|  continued|!",
        "[Definition]|socket = /run/a.sock|! [DEFAULT]|pidfile = /run/b.pid|",
        "[Definition]|loglevel: NOTICE|! [Definition]|loglevel = 3|",
    })
    void plainMatchesFullReader(String conf, String local) throws IOException {
        write("fail2ban.conf", conf);
        if (local != null) {
            write("fail2ban.local", local);
        }
        List<String> fullLog = new ArrayList<>();
        Map<String, Object> expected = full(dir + "/", fullLog);
        List<String> plainLog = new ArrayList<>();
        Map<String, Object> got = EarlyOptions.readPlain(dir + "/", (l, v, m) -> plainLog.add(l + " " + v + " " + m));
        assertNotNull(got);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(got.entrySet()));
        assertEquals(fullLog, plainLog);
    }

    /** Anything else is left to the full reader, and nothing is logged. */
    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {
        "[Definition]|socket = %(x)s|x = /run/a.sock|!!",
        "[DEFAULT]|x = 1|[Definition]|socket = /run/%(x)s.sock|!!",
        "[INCLUDES]|before = other.conf|[Definition]|socket = /run/a.sock|!!",
        "[Definition?x=1]|socket = /run/a.sock|[Definition]|!!",
        "[Thread]|stacksize = 0|!!",
        "socket = /run/a.sock|!!",
        "[Definition]|socket = /run/a.sock|socket = /run/b.sock|!!",
        "[Definition]|socket = /run/a.sock|! [Definition]|bad line|!",
        "[Definition]|socket = /run/a.sock|! !fail2ban.d/x.conf",
        "!!",
    })
    void othersAreLeftToTheFullReader(String conf, String local, String extra) throws IOException {
        if (conf != null) {
            write("fail2ban.conf", conf);
        }
        if (local != null) {
            write("fail2ban.local", local);
        }
        if (extra != null) {
            write(extra, "[Definition]|");
        }
        List<String> plainLog = new ArrayList<>();
        assertNull(EarlyOptions.readPlain(dir.toString(), (l, v, m) -> plainLog.add(m)));
        assertEquals(List.of(), plainLog);
    }

    @ParameterizedTest
    @CsvSource({"/nonexistent/fail2ban4j-test", "''"})
    void missingDirectoryIsLeftToTheFullReader(String basedir) {
        assertNull(EarlyOptions.readPlain(basedir.isEmpty() ? dir.resolve("none").toString() : basedir,
                ReaderLog.NONE));
    }
}
