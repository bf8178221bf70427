package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalOptionsTest {

    private static Map<String, String> options(String spec) {
        Map<String, String> m = new HashMap<>();
        if (spec != null && !spec.isEmpty()) {
            for (String kv : spec.split(";")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|''|''",
        "journalfiles=/a/x.journal|''|--file=/a/x.journal",
        "journalfiles=/a/x.journal, /b/*.journal /a/x.journal|''|--file=/a/x.journal --file=/b/*.journal",
        "journalpath=/var/log/journal|''|--directory=/var/log/journal",
        "journalflags=1|''|''",
        "journalflags=4|''|--system",
        "journalflags=8|''|--user",
        "journalflags=12|''|--system --user",
        "journalflags=0|''|--merge",
        "journalflags=2|''|--merge --directory=/run/log/journal",
        "journalflags=3|''|--directory=/run/log/journal",
        "journalflags=4;journalpath=/j|''|--system --directory=/j",
        "rotated=1|''|--system",
        "rotated=true;journalflags=1|''|''",
        "rotated=no|''|''",
        "|F2B_SYSTEMD_DEFAULT_FLAGS=0|--merge",
        "journalpath=/j|F2B_SYSTEMD_DEFAULT_FLAGS=0|--directory=/j",
        "namespace=foo|''|--namespace=foo",
    })
    void selectsJournalsAsUpstreamsReaderArguments(String spec, String env, String args) {
        JournalOptions o = JournalOptions.parse(options(spec), options(env == null ? null : env));
        List<String> expected = args == null || args.isEmpty() ? List.of() : Arrays.asList(args.split(" "));
        assertEquals(expected, o.selectionArguments());
    }

    @Test
    void unknownOptionsAndBadFlagsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalOptions.parse(Map.of("journalmatch", "x"), Map.of()));
        assertTrue(e.getMessage().contains("Unknown option 'journalmatch' of backend systemd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JournalOptions.parse(Map.of("journalflags", "system"), Map.of()));
        assertEquals("journalflags must be an integer, got 'system'", e.getMessage());
    }

    @Test
    void defaultsReadTheLocalJournals() {
        assertEquals(List.of(), JournalOptions.DEFAULT.selectionArguments());
        assertEquals(List.of("/x.journal"), JournalOptions.parse(Map.of("journalfiles", "/x.journal"), Map.of())
                .files());
    }
}
