package org.fail2ban4j.regextool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run that records fail2ban-regex's class-data-sharing archive: it must take the usual path of a stock filter
 * to the end (a failure half-way would archive the classes of an error instead, and every run would load the
 * others from the jar).
 */
class RegexWarmUpTest {

    @Test
    void bothRunsTestTheFilterToTheReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Integer> statuses = RegexWarmUp.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(0, 0), statuses, out);
        // in both runs: the failregex that the .local's mode chooses through nested tags, the ignoreregex (a third
        // of the "Failed" lines), and the undecodable line among the missed ones
        assertEquals(2, count(out, "|   3) [333] ^User <F-USER>\\S+</F-USER> not allowed because account is locked\n"),
                out);
        assertEquals(2, count(out, "Ignoreregex: 333 total"), out);
        assertEquals(2, count(out, "Lines: 2001 lines, 333 ignored, 1001 matched, 667 missed"), out);
        assertTrue(out.contains("Use      filter file : warm, basedir: " + dir), out);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
