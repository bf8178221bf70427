package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LiteralSet} finds exactly the strings {@link String#contains} finds, also across pieces. */
class LiteralSetTest {

    private static String found(LiteralSet set, List<String> strings, String... pieces) {
        long[] bits = set.newSet();
        int state = set.start();
        for (String p : pieces) {
            state = set.scan(state, p, 0, p.length(), bits);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            if ((bits[i >>> 6] & (1L << i)) != 0) {
                out.add(strings.get(i));
            }
        }
        return String.join(",", out);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            he,she,his,hers :: ushers :: he,she,hers
            Accepted ,User ,pam_ :: sshd[1]: Accepted publickey :: 'Accepted '
            ab,b :: xab :: ab,b
            aa :: aaaa :: aa
            x\u00e9,\u4e2dy :: a\u4e2dyx\u00e9 :: x\u00e9,\u4e2dy
            abc :: ab :: ''
            """)
    void findsTheStringsTheTextContains(String strings, String text, String expected) {
        List<String> list = List.of(strings.split(","));
        assertEquals(expected, found(LiteralSet.of(list).orElseThrow(), list, text));
    }

    @Test
    void aTextInPiecesIsScannedAsOne() {
        List<String> list = List.of("failure from", "x");
        LiteralSet set = LiteralSet.of(list).orElseThrow();
        assertEquals("failure from", found(set, list, "auth fail", "ure fr", "om 1.2.3.4"));
    }

    @Test
    void agreesWithContainsOnRandomInput() {
        Random rnd = new Random(1);
        String alphabet = "abc d\u00e9\u4e2d";
        for (int iter = 0; iter < 20000; iter++) {
            List<String> strings = new ArrayList<>();
            int n = 1 + rnd.nextInt(70);
            for (int k = 0; k < n; k++) {
                strings.add(random(rnd, alphabet, 1 + rnd.nextInt(5)));
            }
            LiteralSet set = LiteralSet.of(strings).orElseThrow();
            String text = random(rnd, alphabet + "xyz\u00ff", rnd.nextInt(30));
            int split = rnd.nextInt(text.length() + 1);
            List<String> expected = new ArrayList<>();
            for (String s : strings) {
                if (text.contains(s)) {
                    expected.add(s);
                }
            }
            assertEquals(String.join(",", expected), found(set, strings, text.substring(0, split),
                    text.substring(split)), strings + " in " + text);
        }
    }

    /** Strings of two characters or more: the scan skips by pairs of characters, also across pieces. */
    @Test
    void agreesWithContainsWhenSkippingByPairs() {
        Random rnd = new Random(2);
        String alphabet = "ab c\u00e9\u4e2d";
        for (int iter = 0; iter < 20000; iter++) {
            List<String> strings = new ArrayList<>();
            int n = 1 + rnd.nextInt(20);
            for (int k = 0; k < n; k++) {
                strings.add(random(rnd, alphabet, 2 + rnd.nextInt(4)));
            }
            LiteralSet set = LiteralSet.of(strings).orElseThrow();
            String text = random(rnd, alphabet + "xy", rnd.nextInt(30));
            int a = rnd.nextInt(text.length() + 1);
            int b = a + rnd.nextInt(text.length() - a + 1);
            List<String> expected = new ArrayList<>();
            for (String s : strings) {
                if (text.contains(s)) {
                    expected.add(s);
                }
            }
            assertEquals(String.join(",", expected), found(set, strings, text.substring(0, a), text.substring(a, b),
                    text.substring(b)), strings + " in " + text + " cut at " + a + ", " + b);
        }
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void refusesEmptyStringsAndTooLargeTables() {
        assertThrows(IllegalArgumentException.class, () -> LiteralSet.of(List.of("a", "")));
        List<String> many = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 5000; i++) {
            many.add(random(rnd, "abcdefghijklmnopqrstuvwxyz0123456789", 40));
        }
        assertTrue(LiteralSet.of(many).isEmpty());
    }
}
