package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PickleCodecTest {

    static Object expected(String name) {
        switch (name) {
            case "command":
                return List.of("set", "sshd", "addfailregex", "^x <HOST>$");
            case "multiset":
                return List.of("multi-set", "sshd", "action", "iptables",
                        List.of(List.of("actionban", "a <ip>"), List.of("port", "ssh")));
            case "ints":
                return List.of(0L, 1L, -1L, 255L, 256L, 65535L, 65536L, 2147483647L, -2147483648L, 2147483648L,
                        Long.MAX_VALUE, Long.MIN_VALUE);
            case "bigints":
                return List.of(BigInteger.TWO.pow(64), BigInteger.TWO.pow(70).negate());
            case "floats":
                return List.of(0.5, -1.25, 1e100, 0.1);
            case "constants":
                return Arrays.asList(true, false, null);
            case "tuples":
                return PyTuple.of(1L, PyTuple.of("a", "b"), PyTuple.of(), PyTuple.of(1L), PyTuple.of(1L, 2L, 3L, 4L));
            case "dict":
                return Fixtures.dict("b", 1L, "a", List.of(1L, 2L), "c", null, "d", "x", "e", 5L, "f", 6L, "g", 7L);
            case "set":
                return Set.of("x");
            case "frozenset":
                return Set.of("y");
            case "bytes": {
                byte[] all = new byte[256];
                for (int i = 0; i < 256; i++) {
                    all[i] = (byte) i;
                }
                return List.of("abc".getBytes(StandardCharsets.US_ASCII), new byte[0], all);
            }
            case "bytearray":
                return "xy".getBytes(StandardCharsets.US_ASCII);
            case "unicode":
                return List.of("h\u00e9llo", "\u2603 snow", "a\nb\\c", "\uD83D\uDE00", "");
            case "nested":
                return List.of(List.of(List.of("a", "b"), List.of("c", "d")));
            case "shared":
                return List.of(List.of(1L), List.of(1L));
            case "longstr":
                return "x".repeat(300);
            case "status":
                return List.of(PyTuple.of("Currently failed", 0L), PyTuple.of("Total failed", 5L),
                        PyTuple.of("File list", List.of("/var/log/auth.log")));
            case "okreply":
                return PyTuple.of(0L, "pong");
            case "unknownjail":
                return PyTuple.of(1L, PyException.unknownJail("nosuch"));
            case "duplicatejail":
                return PyTuple.of(1L, PyException.duplicateJail("sshd"));
            case "indexerror":
                return PyTuple.of(1L, PyException.builtin("IndexError", "list index out of range"));
            case "invalid":
                return PyTuple.of(1L, PyException.exception("Invalid command"));
            case "valueerror":
                return PyTuple.of(1L, PyException.builtin("ValueError", "invalid literal for int() with base 10: 'x'"));
            case "noargs":
                return PyTuple.of(1L, new PyException("builtins", "Exception", List.of()));
            case "twoargs":
                return PyTuple.of(1L, new PyException("builtins", "Exception", List.of("a", 1L)));
            case "ipaddr":
                return PyTuple.of(0L, List.of("192.0.2.1", "2001:db8::1"));
            default:
                throw new IllegalArgumentException("no expectation for " + name);
        }
    }

    static Stream<Arguments> pythonPickles() {
        List<Arguments> out = new ArrayList<>();
        for (String line : Fixtures.lines("pickles.txt")) {
            String[] p = line.split(" ", 3);
            if (!p[0].equals("garbage")) {
                out.add(Arguments.of(p[0], Integer.parseInt(p[1]), p[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} protocol {1}")
    @MethodSource("pythonPickles")
    void decodesWhatPythonPickles(String name, int protocol, String hex) throws Exception {
        Object v = PickleCodec.decode(Fixtures.hex(hex));
        assertEquals(Fixtures.comparable(expected(name)), Fixtures.comparable(v));
    }

    @Test
    void dictsKeepPythonsOrder() throws Exception {
        for (String line : Fixtures.lines("pickles.txt")) {
            String[] p = line.split(" ", 3);
            if (p[0].equals("dict")) {
                Map<?, ?> m = (Map<?, ?>) PickleCodec.decode(Fixtures.hex(p[2]));
                assertEquals(List.of("b", "a", "c", "d", "e", "f", "g"), new ArrayList<>(m.keySet()),
                        "protocol " + p[1]);
            }
        }
    }

    @Test
    void decodedContainersAreUnmodifiable() throws Exception {
        List<?> l = (List<?>) PickleCodec.decode(PickleCodec.encode(List.of("a")));
        assertThrows(UnsupportedOperationException.class, () -> l.remove(0));
    }

    static Stream<Arguments> garbage() {
        List<Arguments> out = new ArrayList<>();
        for (String line : Fixtures.lines("pickles.txt")) {
            String[] p = line.split(" ", 3);
            if (p[0].equals("garbage")) {
                out.add(Arguments.of(p[1], p[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("garbage")
    void garbageFailsWithPythonsMessage(String hex, String pythonMessage) {
        PickleDecodeException e = assertThrows(PickleDecodeException.class,
                () -> PickleCodec.decode(Fixtures.hex(hex)));
        assertEquals(pythonMessage, e.getMessage());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // os.system('true') by GLOBAL + REDUCE (protocol 0)
                Arguments.of("636f730a73797374656d0a2856747275650a74522e", "unsupported class in pickle: os.system"),
                // the same by STACK_GLOBAL (protocol 4)
                Arguments.of("80048c026f738c0673797374656d938c0474727565855294.".replace(".", "2e"),
                        "unsupported class in pickle: os.system"),
                // INST
                Arguments.of("28696f730a73797374656d0a56747275650a742e",
                        "unsupported pickle opcode 0x69 (only plain values are accepted)"),
                // PERSID
                Arguments.of("5078780a2e", "unsupported pickle opcode 0x50 (only plain values are accepted)"),
                // NEWOBJ
                Arguments.of("800263636f70797265670a5f7265636f6e7374727563746f720a2981", "unsupported class in pickle:"
                        + " copyreg._reconstructor"),
                // BUILD on a list
                Arguments.of("80025d7d622e", "BUILD is only accepted for exceptions"),
                // BINUNICODE8 claiming 2^60 bytes
                Arguments.of("80048d000000000000001061", "pickle data was truncated"),
                // a protocol-5 frame longer than the data left
                Arguments.of("80059515000000000000005d94288c06737461747573", "pickle data was truncated"),
                // opcodes that need a mark without one
                Arguments.of("74", "could not find MARK"),
                Arguments.of("2874742e", "could not find MARK"),
                Arguments.of("6c2e", "could not find MARK"),
                // a list that contains itself
                Arguments.of("80025d71006800612e", "pickle nested deeper than 500 levels"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusesEverythingButPlainValues(String hex, String message) {
        PickleDecodeException e = assertThrows(PickleDecodeException.class,
                () -> PickleCodec.decode(Fixtures.hex(hex)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        StringBuilder sb = new StringBuilder("8002");
        sb.append("5d".repeat(2000));
        sb.append("61".repeat(1999)).append("2e");
        PickleDecodeException e = assertThrows(PickleDecodeException.class,
                () -> PickleCodec.decode(Fixtures.hex(sb.toString())));
        assertEquals("pickle nested deeper than 500 levels", e.getMessage());
    }

    @Test
    void bytesAfterStopAreIgnored() throws Exception {
        byte[] p = PickleCodec.encode("pong");
        byte[] withTail = Arrays.copyOf(p, p.length + 5);
        assertEquals("pong", PickleCodec.decode(withTail));
        assertEquals("pong", PickleCodec.decode(withTail, 0, p.length));
    }

    static Stream<Object> plainValues() {
        return Stream.of("text", "h\u00e9llo \u2603 \uD83D\uDE00", "", 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
                BigInteger.TWO.pow(100), 1.5, -0.0, true, false, List.of(), List.of("a", List.of(1L, 2L)),
                PyTuple.of(), PyTuple.of("x"), PyTuple.of("Currently banned", 0L), Arrays.asList(null, "a"),
                Fixtures.dict("z", 1L, "a", PyTuple.of(1L, 2L), "m", null), Set.of("x"),
                PyTuple.of(1L, PyException.unknownJail("sshd")),
                new PyException("builtins", "Exception", List.of("a", 1L, List.of("b"))));
    }

    @ParameterizedTest
    @MethodSource("plainValues")
    void encodeThenDecodeGivesTheValueBack(Object value) throws Exception {
        assertEquals(Fixtures.comparable(value), Fixtures.comparable(PickleCodec.decode(PickleCodec.encode(value))));
    }

    @Test
    void encodesIntsAsLongsAndBytes() throws Exception {
        assertEquals(5L, PickleCodec.decode(PickleCodec.encode(5)));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) PickleCodec.decode(PickleCodec.encode(new byte[] {1, 2})));
    }

    @Test
    void encodesProtocol2() {
        byte[] p = PickleCodec.encode(List.of("ping"));
        assertEquals((byte) 0x80, p[0]);
        assertEquals(2, p[1]);
    }

    @Test
    void encodesAnExceptionAsItsClassCalledWithItsArgs() {
        byte[] p = PickleCodec.encode(PyException.exception("Invalid command"));
        String text = new String(p, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("cbuiltins\nException\n"), text);
        assertEquals('R', text.charAt(text.length() - 2));
    }

    @Test
    void refusesToEncodeOtherObjects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleCodec.encode(List.of(new Object())));
        assertEquals("not a plain wire value: java.lang.Object", e.getMessage());
    }
}
