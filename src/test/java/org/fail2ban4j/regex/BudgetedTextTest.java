package org.fail2ban4j.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class BudgetedTextTest {

    /** Exponential backtracking; the back-reference keeps Java from memoising failed loop positions. */
    private static final String EVIL = "(a+)+b\\1";
    private static final String INPUT = "a".repeat(28) + "c";

    @Test
    void catastrophicBacktrackingRunsOutOfBudget() {
        CompiledRegex r = PyRegex.compile(EVIL);
        RegexBudgetExceededException e = assertThrows(RegexBudgetExceededException.class,
                () -> r.search(INPUT, 0, 100_000));
        assertEquals(100_000, e.budget());
        assertEquals(EVIL, e.pattern().orElseThrow());
        assertTrue(e.getMessage().contains("'(a+)+b\\1' exceeded its budget of 100000 character reads"));
        assertThrows(RegexBudgetExceededException.class, () -> PyRegex.compile("(?:.*,){20}x").search(
                ",".repeat(40), 0, 1_000_000));
    }

    @Test
    void ordinaryInputsStayWithinBudget() {
        CompiledRegex r = PyRegex.compile(EVIL);
        assertEquals("aaaba", r.search("xaaaba", 0, 1000).orElseThrow().group());
        assertTrue(r.search("xyz", 0, 1000).isEmpty());
    }

    @Test
    void countingIsDeterministicAndResettable() {
        CompiledRegex r = PyRegex.compile("(?P<w>\\w+)@(?P<h>\\w+)");
        BudgetedText text = new BudgetedText(10_000);
        Matcher m = r.matcher(text.reset("mail to bob@example now"));
        assertTrue(m.find());
        long first = text.used();
        assertTrue(first > 0);
        m.reset(text.reset("mail to bob@example now"));
        assertTrue(m.find());
        assertEquals(first, text.used());
        assertEquals("bob", r.group(m, "w"));
        assertEquals(first, text.used(), "reading groups does not count");
        assertEquals("mail to bob@example now", text.toString());
    }

    @Test
    void exhaustedViewKeepsThrowing() {
        BudgetedText text = new BudgetedText("abc", 2);
        text.charAt(0);
        text.charAt(1);
        assertThrows(RegexBudgetExceededException.class, () -> text.charAt(2));
        assertThrows(RegexBudgetExceededException.class, () -> text.charAt(0));
        assertEquals(3, text.length());
        assertEquals("bc", text.subSequence(1, 3).toString());
        assertThrows(IllegalArgumentException.class, () -> new BudgetedText(-1));
    }

    @Test
    void stackExhaustionIsReportedAsAnAbandonedMatch() {
        String longInput = "ab".repeat(1_000_000) + "c";
        RegexBudgetExceededException e = assertThrows(RegexBudgetExceededException.class,
                () -> PyRegex.compile("(?:a|b)*c").search(longInput));
        assertTrue(e.stackExhausted());
        assertEquals(-1, e.budget());
        assertTrue(e.getMessage().contains("ran out of stack on an input of 2000001 characters"), e.getMessage());
        assertTrue(e.getCause() instanceof StackOverflowError);
    }
}
