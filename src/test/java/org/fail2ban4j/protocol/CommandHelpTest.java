package org.fail2ban4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandHelpTest {

    /** command-help.txt is fail2ban 1.1.1's {@code printFormatted()} output. */
    @Test
    void printsUpstreamsCommandList() {
        List<String> expected = List.of(String.join("\n", Fixtures.linesKeepingEmpty("command-help.txt")).split("\n"));
        assertEquals(expected, CommandHelp.formatted());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandHelp.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(String.join("\n", expected) + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void headingsAndEntries() {
        assertTrue(CommandHelp.entries().get(0).isHeading());
        assertEquals("BASIC", CommandHelp.entries().get(0).description());
        assertEquals("start", CommandHelp.entries().get(1).command());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "restarts the jail <JAIL> (alias for 'reload --restart ... <JAIL>')|10|restarts #the jail #<JAIL> #(alias "
                    + "for# 'reload #--restart #... #<JAIL>')",
            "a well-known hyphenated-word here|12|a well-known# hyphenated-#word here",
            "abcdefghijklmnopqrstuvwxyz|10|abcdefghij#klmnopqrst#uvwxyz",
            "x --double dash|5|x --d#ouble# dash",
            "see the on/off -- switch|7|see the# on/off# -- #switch"})
    void wrapsAsPythonsTextwrap(String text, int width, String expected) {
        assertEquals(List.of(expected.split("#", -1)), CommandHelp.TextWrap.wrap(text, width));
    }
}
