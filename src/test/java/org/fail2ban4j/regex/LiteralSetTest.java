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
            state = set.scan(state, p.toCharArray(), 0, p.length(), bits);
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

    /**
     * A whole text scanned by strides finds what {@link String#contains} finds: strings of three characters or
     * more (every second to fourth position is tested), with characters beyond Latin-1 in the text and in the
     * strings (no strides then), and shorter strings (the automaton over every character); the text lies anywhere
     * in its array.
     */
    @Test
    void aWholeTextScanAgreesWithContains() {
        Random rnd = new Random(4);
        String alphabet = "ab ic-\u00e9";
        int strided = 0;
        for (int iter = 0; iter < 40000; iter++) {
            List<String> strings = new ArrayList<>();
            int n = 1 + rnd.nextInt(20);
            int shortest = iter % 5 == 0 ? 1 + rnd.nextInt(2) : 3 + rnd.nextInt(4);
            String letters = iter % 7 == 0 ? alphabet + "\u4e2d" : alphabet;
            for (int k = 0; k < n; k++) {
                strings.add(random(rnd, letters, shortest + rnd.nextInt(4)));
            }
            LiteralSet set = LiteralSet.of(strings).orElseThrow();
            if (set.stride() >= 2) {
                strided++;
            }
            String text = random(rnd, alphabet + "xy\u4e2d", rnd.nextInt(60));
            int from = rnd.nextInt(3);
            char[] chars = (".".repeat(from) + text + "..").toCharArray();
            long[] bits = set.newSet();
            set.scanWhole(chars, from, from + text.length(), bits);
            List<String> expected = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < strings.size(); i++) {
                if (text.contains(strings.get(i))) {
                    expected.add(strings.get(i));
                }
                if ((bits[i >>> 6] & (1L << i)) != 0) {
                    got.add(strings.get(i));
                }
            }
            assertEquals(expected, got, strings + " in " + text);
        }
        assertTrue(strided > 20000, "strided sets: " + strided);
    }

    /** Strings at the very start or end of the text, filling it, or overlapping, are found between the strides. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiterString = " :: ", textBlock = """
            from ,pam_,Accepted  :: from 1.2.3.4 :: 'from '
            from ,pam_,Accepted  :: closed by pam_ :: pam_
            from ,pam_,Accepted  :: pam_ :: pam_
            from ,pam_,Accepted  :: pam :: ''
            from ,pam_,Accepted :: xAccepted from pam_x :: 'from ,pam_,Accepted'
            abcd,bcde,cdef :: xabcdefx :: abcd,bcde,cdef
            aaa,aab :: aaaaab :: aaa,aab
            """)
    void theStridedScanFindsStringsAnywhere(String strings, String text, String expected) {
        List<String> list = List.of(strings.split(","));
        LiteralSet set = LiteralSet.of(list).orElseThrow();
        assertTrue(set.stride() >= 2);
        long[] bits = set.newSet();
        char[] chars = text.toCharArray();
        set.scanWhole(chars, 0, chars.length, bits);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if ((bits[i >>> 6] & (1L << i)) != 0) {
                out.add(list.get(i));
            }
        }
        assertEquals(expected, String.join(",", out));
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
