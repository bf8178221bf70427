package org.fail2ban4j.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile logs: invalid UTF-8, NUL bytes, a 1 MB line, CRLF line ends, a log cut in the middle of a line, other
 * encodings; the report equals Python's. A catastrophically backtracking failregex (Python would not finish):
 * ours finishes and reports the line as missed.
 */
class RegexToolHostileInputCompatTest {
    private static final String HEAD = "Aug 14 11:59:5";

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Path hostileLog() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes(HEAD + "0 srv sshd[1]: Invalid user \u00ff\u00feab from 192.0.2.1 port 22\r\n"));
        b.writeBytes(bytes(HEAD + "1 srv sshd[2]: Invalid user a\u0000b from 192.0.2.2 port 22\n"));
        b.writeBytes(bytes(HEAD + "2 srv sshd[3]: Invalid user \u00e2\u0082 from 192.0.2.3 port 22\r\n"));
        b.writeBytes(bytes(HEAD + "3 srv sshd[4]: Invalid user \u00f0\u0080\u0080x from 192.0.2.4 port 22\n"));
        b.writeBytes(bytes(HEAD + "4 srv sshd[5]: Invalid user \u00ed\u00a0\u0080 from 192.0.2.5 port 22\n"));
        b.writeBytes("Aug 14 11:59:55 srv sshd[6]: Invalid user \u00fcml\u00e4ut from 192.0.2.6 port 22\n"
                .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(bytes("\r\n\n# comment\r\n"));
        b.writeBytes(bytes(HEAD + "6 srv sshd[7]: Invalid user cut from 192.0.2.7 po"));
        return Files.write(dir.resolve("hostile.log"), b.toByteArray());
    }

    private void sameAsPython(List<String> args) throws Exception {
        Oracle.Run py = RegexToolCompat.python(args);
        Oracle.Run ours = RegexToolCompat.ours(args);
        assertEquals(py.status(), ours.status(), py.stderr());
        RegexToolCompat.assertSameText(RegexToolCompat.withoutTiming(RegexToolCompat.to111(py.stdout(), true)),
                RegexToolCompat.withoutTiming(ours.stdout()), args.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "latin-1", "ascii"})
    void invalidBytesNulCrlfAndCutLine(String encoding) throws Exception {
        Path log = hostileLog();
        sameAsPython(List.of("-c", RegexToolCompat.config().toString(), "-e", encoding, "--print-all-matched",
                "--print-all-missed", log.toString(), "sshd"));
    }

    @Test
    void oneMegabyteLine() throws Exception {
        String big = "Aug 14 11:59:58 srv sshd[1]: Invalid user " + "x".repeat(1 << 20) + " from 192.0.2.1 port 22\n"
                + "Aug 14 11:59:59 srv sshd[2]: Invalid user y from 192.0.2.2 port 22\n"
                + "Aug 14 12:00:00 srv sshd[3]: " + "z ".repeat(1 << 19) + "\n";
        Path log = Files.writeString(dir.resolve("big.log"), big);
        sameAsPython(List.of("-c", RegexToolCompat.config().toString(), log.toString(), "sshd"));
    }

    @Test
    void utf16Log() throws Exception {
        String text = "Aug 14 11:59:58 srv sshd[1]: Invalid user \u00fc from 192.0.2.1 port 22\n"
                + "Aug 14 11:59:59 srv sshd[2]: Invalid user \u010a\u0a0a from 192.0.2.2 port 22\n";
        Path log = Files.write(dir.resolve("utf16.log"), text.getBytes(StandardCharsets.UTF_16LE));
        sameAsPython(List.of("-c", RegexToolCompat.config().toString(), "-e", "utf-16-le", "--print-all-matched",
                log.toString(), "sshd"));
    }

    @Test
    void catastrophicBacktrackingFinishesAndReportsTheLine() throws Exception {
        String line = "Aug 14 11:59:58 " + "a".repeat(60) + "!";
        Path log = Files.writeString(dir.resolve("redos.log"), line + "\n" + "Aug 14 11:59:59 x 192.0.2.9\n");
        Oracle.Run ours = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> RegexToolCompat.ours(
                List.of("--print-all-missed", log.toString(), "(?:(?:.*a){25})?x <HOST>")));
        assertEquals(0, ours.status());
        assertTrue(ours.stdout().contains("\nLines: 2 lines, 0 ignored, 1 matched, 1 missed\n"), ours.stdout());
        assertTrue(ours.stdout().contains("|- Missed line(s):\n|  " + line + "\n`-\n"), ours.stdout());
    }
}
