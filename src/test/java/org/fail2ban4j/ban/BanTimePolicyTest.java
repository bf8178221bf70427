package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option parsing of upstream's {@code Jail.setBanTimeExtra} / {@code getBanTimeExtra}. */
class BanTimePolicyTest {

    @Test
    void defaults() {
        BanTimePolicy p = BanTimePolicy.DEFAULT;
        assertFalse(p.increment());
        assertFalse(p.overallJails());
        assertEquals(1L, p.factor());
        assertEquals(BanTimePolicy.DEFAULT_FORMULA, p.formula().source());
        assertEquals(List.of(), p.multipliers());
        assertEquals(Optional.empty(), p.maxTime());
        assertEquals(Optional.empty(), p.rndTime());
        assertEquals(Optional.empty(), p.get("increment"));
        assertEquals(BanTime.ofSeconds(600), p.maxBanTime(BanTime.ofSeconds(600)));
    }

    /** Upstream observertestcase: {@code getBanTimeExtra('maxtime')} is 86400 after {@code maxtime = 1d}. */
    @Test
    void getReturnsUpstreamValues() {
        BanTimePolicy p = BanTimePolicy.of(Map.of("increment", "true", "maxtime", "1d", "rndtime", "1.5m",
                "factor", "2", "multipliers", "1 2 3", "overalljails", "yes", "other", "kept"));
        assertEquals(Optional.of(true), p.get("increment"));
        assertEquals(Optional.of(86400L), p.get("maxtime"));
        assertEquals(Optional.of(90.0), p.get("rndtime"));
        assertEquals(Optional.of("2"), p.get("factor"));
        assertEquals(Optional.of("1 2 3"), p.get("multipliers"));
        assertEquals(Optional.of(true), p.get("overalljails"));
        assertEquals(Optional.of("kept"), p.get("other"));
        assertEquals(List.of(1L, 2L, 3L), p.multipliers());
        assertEquals(2L, p.factor());
        assertEquals(BanTime.ofSeconds(86400), p.maxBanTime(BanTime.ofSeconds(600)));
        assertEquals(BanTime.PERMANENT, p.with("maxtime", "").maxBanTime(BanTime.ofSeconds(600)));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "1,true", "on,true", "Yes,true", "false,false", "0,false", "off,false",
        "no,false", "y,false"})
    void booleans(String text, boolean expected) {
        assertEquals(expected, BanTimePolicy.DEFAULT.with("increment", text).increment());
        assertEquals(expected, BanTimePolicy.DEFAULT.with("overalljails", text).overallJails());
    }

    @Test
    void emptyValueUnsets() {
        BanTimePolicy p = BanTimePolicy.DEFAULT.with("factor", "3").with("multipliers", "1 2");
        assertEquals(3L, p.factor());
        p = p.with("factor", "").with("multipliers", "");
        assertEquals(1L, p.factor());
        assertEquals(List.of(), p.multipliers());
        assertEquals(Optional.empty(), p.get("factor"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "factor|1 +|bantime.factor: invalid value '1 +'",
        "formula|ban.Time *|bantime.formula: invalid expression 'ban.Time *'",
        "multipliers|1  2|bantime.multipliers: invalid literal for int() with base 10: '' in '1  2'",
        "multipliers|1 x|bantime.multipliers: invalid literal for int() with base 10: 'x' in '1 x'",
        "maxtime|1 parsec|bantime.maxtime: invalid duration '1 parsec'",
        "rndtime|abc|bantime.rndtime: invalid duration 'abc'"})
    void invalidOptionsNameOptionAndValue(String option, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BanTimePolicy.DEFAULT.with(option, value));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void multipliersAcceptPythonIntText() {
        assertEquals(List.of(1L, -2L, 1000L, 5L),
                BanTimePolicy.DEFAULT.with("multipliers", "1 -2 1_000 +5").multipliers());
    }
}
