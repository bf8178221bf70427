package org.fail2ban4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.fail2ban4j.protocol.PickleCodec;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StatusFormatterTest {

    /**
     * beautifier-golden.txt holds fail2ban 1.1.1's Beautifier output for each (command, reply), recorded by
     * gen-beautifier-golden.py.
     */
    static Stream<Arguments> golden() throws Exception {
        List<Arguments> out = new ArrayList<>();
        String text;
        try (InputStream in = StatusFormatterTest.class.getResourceAsStream("beautifier-golden.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split("\t", -1);
            PyTuple input = (PyTuple) PickleCodec.decode(HexFormat.of().parseHex(p[3]));
            String expected = new String(HexFormat.of().parseHex(p[4]), StandardCharsets.UTF_8);
            out.add(Arguments.of(p[0], p[1].equals("1"), p[2].equals("error"), input.get(0), input.get(1), expected));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} utf8={1}")
    @MethodSource("golden")
    void printsWhatUpstreamPrints(String name, boolean utf8, boolean error, Object command, Object reply,
            String expected) {
        StatusFormatter f = new StatusFormatter(utf8);
        List<?> cmd = (List<?>) command;
        String got = error ? f.formatError(cmd, (PyException) reply) : f.format(cmd, reply);
        assertEquals(expected, got);
    }

    @Test
    void emptyCommandFallsBack() {
        assertEquals("'pong''pong'", new StatusFormatter(false).format(List.of(), "pong"));
    }

    @ParameterizedTest
    @CsvSource({"0, NOTSET", "5, HEAVY", "7, TRACE", "9, #09-Lev.", "18, MSG", "25, NOTICE", "49, #49-Lev.",
            "50, CRITICAL", "51, Level 51", "-1, Level -1"})
    void levelNames(long level, String name) {
        assertEquals(name, StatusFormatter.levelName(level));
    }
}
