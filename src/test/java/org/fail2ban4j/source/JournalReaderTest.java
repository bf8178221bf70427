package org.fail2ban4j.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot journal reader of {@code fail2ban-regex} against a real journal file written by
 * systemd-journal-remote: every entry in order, match terms, and errors that name what was wrong.
 */
class JournalReaderTest {

    private static final Instant T0 = Instant.ofEpochSecond(1124013600);
    private static final JournalEntryFormat FORMAT = new JournalEntryFormat(LogEncoding.UTF_8,
            ZoneOffset.ofHours(2));

    @TempDir
    Path dir;
    Path journal;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JournalFixture.available(), "journalctl or systemd-journal-remote missing");
        journal = dir.resolve("test.journal");
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(JournalFixture.entry(T0.plusMillis(1500L * i), 1_000_000L + i, List.of(
                    Map.entry("_HOSTNAME", "srv"),
                    Map.entry("SYSLOG_IDENTIFIER", i % 2 == 0 ? "sshd" : "cron"),
                    Map.entry("_PID", Integer.toString(100 + i)),
                    Map.entry("MESSAGE", i == 4 ? "two\nlines" : "message " + i))));
        }
        JournalFixture.write(journal, entries);
    }

    private JournalOptions files(String files) {
        return JournalOptions.parse(Map.of("journalfiles", files), Map.of());
    }

    private static List<String> texts(List<JournalLine> lines) {
        List<String> out = new ArrayList<>();
        for (JournalLine l : lines) {
            out.add(l.isoTime() + " " + l.text());
        }
        return out;
    }

    @Test
    void readsEveryEntryInOrderWithItsOwnTime() throws Exception {
        try (JournalReader r = JournalReader.open("journalctl", files(journal.toString()), List.of(), FORMAT)) {
            List<JournalLine> all = r.readAll();
            assertEquals(List.of(
                    "2005-08-14T12:00:00+02:00 srv sshd[100]: message 0",
                    "2005-08-14T12:00:01.500000+02:00 srv cron[101]: message 1",
                    "2005-08-14T12:00:03+02:00 srv sshd[102]: message 2",
                    "2005-08-14T12:00:04.500000+02:00 srv cron[103]: message 3",
                    "2005-08-14T12:00:06+02:00 srv sshd[104]: two\\nlines",
                    "2005-08-14T12:00:07.500000+02:00 srv cron[105]: message 5"), texts(all));
            assertEquals(1124013601.5, all.get(1).epochSeconds());
            assertFalse(r.hasNext());
            assertThrows(NoSuchElementException.class, r::next);
            assertTrue(r.command().contains("--file=" + journal), r.command().toString());
        }
    }

    @Test
    void matchTermsSelectEntries() throws Exception {
        try (JournalReader r = JournalReader.open("journalctl", files(journal.toString()),
                List.of("SYSLOG_IDENTIFIER=cron", "_PID=103", "+", "SYSLOG_IDENTIFIER=sshd", "_PID=100"), FORMAT)) {
            assertEquals(List.of("2005-08-14T12:00:00+02:00 srv sshd[100]: message 0",
                    "2005-08-14T12:00:04.500000+02:00 srv cron[103]: message 3"), texts(r.readAll()));
        }
    }

    @Test
    void aGlobSelectsFiles() throws Exception {
        try (JournalReader r = JournalReader.open("journalctl", files(dir + "/*.journal"), List.of(), FORMAT)) {
            assertEquals(6, r.readAll().size());
        }
    }

    @Test
    void aMissingJournalFileIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> JournalReader.open("journalctl",
                files(dir.resolve("missing.journal").toString()), List.of(), FORMAT));
        assertEquals(dir.resolve("missing.journal").toString(), e.getFile());
        assertEquals("No such journal file", e.getReason());
    }

    @Test
    void aFileThatIsNoJournalFailsWithJournalctlsMessage() throws Exception {
        Path text = Files.writeString(dir.resolve("text.journal"), "not a journal\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> JournalReader.open("journalctl",
                files(text.toString()), List.of(), FORMAT));
        assertTrue(e.getMessage().startsWith("journalctl failed (exit status 1): Failed to open files"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--file=" + text), e.getMessage());
    }

    @Test
    void aMissingProgramIsNamed() {
        IOException e = assertThrows(IOException.class, () -> JournalReader.open(dir.resolve("no-journalctl")
                .toString(), files(journal.toString()), List.of(), FORMAT));
        assertTrue(e.getMessage().startsWith("cannot start " + dir.resolve("no-journalctl")), e.getMessage());
    }

    @Test
    void aBadMatchTermIsRefusedBeforeStarting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalReader.open(
                "journalctl", files(journal.toString()), List.of("sshd"), FORMAT));
        assertTrue(e.getMessage().contains("invalid term 'sshd'"), e.getMessage());
    }
}
