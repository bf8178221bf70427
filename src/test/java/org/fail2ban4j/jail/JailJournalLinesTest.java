package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Journal entries through the filter worker: their time is known, upstream's date rules still apply. */
class JailJournalLinesTest {

    private JailFixture fx;
    private Jail jail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new JailFixture();
        jail = fx.jail("test", Optional.empty());
        jail.setMaxRetry(1);
        JailFixture.dummyAction(jail, "a");
        jail.startWithoutThreads();
    }

    @AfterEach
    void tearDown() {
        jail.stop();
    }

    private void entry(String ip, Instant time, boolean newEntry) {
        fx.source.appendEntry("host sshd[7]: Failed password for root from " + ip + " port 22 ssh2",
                "2005-08-14T12:00:00+02:00", time, newEntry);
    }

    private List<String> found() {
        return fx.filterLog.lines().stream().filter(l -> l.contains(" Found ")).collect(Collectors.toList());
    }

    @Test
    void entriesAreMatchedWithTheirOwnTime() {
        entry("192.0.2.1", fx.clock.instant().minusSeconds(30), true);
        JailFixture.drive(jail);
        assertTrue(jail.isBanned(IpAddress.parse("192.0.2.1")));
        assertEquals(List.of("INFO [test] Found 192.0.2.1 - 2005-08-14 11:59:30"), found());
    }

    @Test
    void oldEntriesBeforeOperationAreDropped() {
        entry("192.0.2.1", fx.clock.instant().minusSeconds(601), false);
        entry("192.0.2.2", fx.clock.instant().minusSeconds(599), false);
        JailFixture.drive(jail);
        assertEquals(List.of("192.0.2.2"), jail.banList(false));
    }

    @Test
    void newEntriesFarFromNowCountAsNow() {
        entry("192.0.2.1", fx.clock.instant().minusSeconds(3600), true);
        JailFixture.drive(jail);
        assertEquals(List.of("INFO [test] Found 192.0.2.1 - 2005-08-14 12:00:00"), found());
    }
}
