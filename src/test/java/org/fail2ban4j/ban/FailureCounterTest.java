package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Port of upstream failmanagertestcase.py, plus sequences compared with fail2ban 1.1.1's FailManager. */
class FailureCounterTest {

    private FailureCounter fm;

    @BeforeEach
    void setUp() {
        fm = new FailureCounter();
    }

    static Instant at(double seconds) {
        return EpochSeconds.toInstant(seconds);
    }

    private void addDefItems() {
        Object[][] items = {
            {"193.168.0.128", 1167605999.0}, {"193.168.0.128", 1167605999.0}, {"193.168.0.128", 1167605999.0},
            {"193.168.0.128", 1167605999.0}, {"193.168.0.128", 1167605999.0},
            {"87.142.124.10", 1167605999.0}, {"87.142.124.10", 1167605999.0}, {"87.142.124.10", 1167605999.0},
            {"100.100.10.10", 1000000000.0}, {"100.100.10.10", 1000000500.0}, {"100.100.10.10", 1000001000.0},
            {"100.100.10.10", 1000001500.0}, {"100.100.10.10", 1000002000.0}};
        for (Object[] i : items) {
            fm.addFailure(new FailTicket(IpAddress.parse((String) i[0]), at((Double) i[1])));
        }
    }

    @Test
    void add() {
        addDefItems();
        assertEquals(3, fm.size());
        assertEquals(13, fm.failTotal());
        fm.setFailTotal(0);
        assertEquals(0, fm.failTotal());
        // 1.1.1 gives (3, 10): the slow failures of 100.100.10.10 are estimated down
        assertEquals(new FailureCounter.FailCount(3, 10), fm.failCount());
    }

    @Test
    void maxMatches() {
        fm.setMaxMatches(2);
        List<String> failures = List.of("abc\n", "123\n", "ABC\n", "1234\n");
        IpAddress ip = IpAddress.parse("127.0.0.1");
        int i = 80;
        for (String f : failures) {
            i -= 10;
            FailTicket t = new FailTicket(ip, Instant.ofEpochSecond(1000002000 - i), List.of(f));
            t.setAttempt(1);
            fm.addFailure(t);
        }
        FailTicket t = fm.get(ip).orElseThrow();
        assertEquals(4, t.attempt());
        assertEquals(failures.subList(2, 4), t.matches());
        FailTicket more = new FailTicket(ip, Instant.ofEpochSecond(1000002000 - 10), failures);
        more.setAttempt(4);
        fm.addFailure(more);
        t = fm.get(ip).orElseThrow();
        assertEquals(8, t.attempt());
        assertEquals(failures.subList(2, 4), t.matches());
        // the very ticket counted: same matches, one more attempt
        FailTicket same = fm.toBan(ip).orElseThrow();
        fm.setMaxRetry(100);
        fm.addFailure(same);
        int retry = same.retry();
        fm.addFailure(same);
        assertEquals(retry + 1, same.retry());
        assertEquals(9, same.attempt());
        assertEquals(failures.subList(2, 4), same.matches());
        fm.setMaxMatches(0);
        fm.addFailure(same);
        assertEquals(0, same.matches().size());
    }

    @Test
    void findTime() {
        assertEquals(Duration.ofSeconds(600), fm.findTime());
        fm.setFindTime(Duration.ofSeconds(13));
        assertEquals(Duration.ofSeconds(13), fm.findTime());
    }

    @Test
    void del() {
        addDefItems();
        fm.delFailure(IpAddress.parse("193.168.0.128"));
        fm.delFailure(IpAddress.parse("111.111.1.111"));
        assertEquals(2, fm.size());
    }

    @Test
    void cleanupAll() {
        addDefItems();
        fm.cleanup(at(1167606999.0));
        assertEquals(0, fm.size());
    }

    @Test
    void cleanupSome() {
        addDefItems();
        fm.cleanup(at(1167605990.0));
        assertEquals(2, fm.size());
    }

    @Test
    void cleanupKeepsFailuresInsideWindow() {
        fm.addFailure(new FailTicket(IpAddress.parse("192.0.2.1"), Instant.ofEpochSecond(1000)));
        fm.cleanup(Instant.ofEpochSecond(1599));
        assertEquals(1, fm.size());
        fm.cleanup(Instant.ofEpochSecond(1600));
        assertEquals(0, fm.size());
    }

    @Test
    void banOk() {
        addDefItems();
        fm.setMaxRetry(5);
        FailTicket t = fm.toBan().orElseThrow();
        assertEquals(IpAddress.parse("193.168.0.128"), t.id());
        assertEquals("FailTicket: ip=193.168.0.128 time=1167605999.0 bantime=None bancount=0 #attempts=5 matches=[]",
                t.toString());
    }

    @Test
    void banNotOk() {
        addDefItems();
        fm.setMaxRetry(10);
        assertTrue(fm.toBan().isEmpty());
    }

    @Test
    void window() {
        addDefItems();
        FailTicket t = fm.toBan().orElseThrow();
        assertNotEquals(IpAddress.parse("100.100.10.10"), t.id());
        t = fm.toBan().orElseThrow();
        assertNotEquals(IpAddress.parse("100.100.10.10"), t.id());
        assertTrue(fm.toBan().isEmpty());
    }

    @Test
    void toBanPrefersTheGivenId() {
        fm.setMaxRetry(1);
        IpAddress a = IpAddress.parse("192.0.2.1");
        IpAddress b = IpAddress.parse("192.0.2.2");
        fm.addFailure(new FailTicket(a, Instant.ofEpochSecond(1)));
        fm.addFailure(new FailTicket(b, Instant.ofEpochSecond(1)));
        assertEquals(b, fm.toBan(b).orElseThrow().id());
        assertEquals(a, fm.toBan(IpAddress.parse("192.0.2.9")).orElseThrow().id());
        assertTrue(fm.toBan().isEmpty());
    }

    @Test
    void banTicketsAndObservedFailuresAreNotAddedBack() {
        IpAddress ip = IpAddress.parse("192.0.2.1");
        BanTicket b = new BanTicket(ip, Instant.ofEpochSecond(1));
        assertEquals(0, fm.addFailure(b));
        FailTicket f = new FailTicket(ip, Instant.ofEpochSecond(1));
        assertEquals(0, fm.addFailure(f, 3, true));
        assertEquals(0, fm.size());
        assertEquals(3, fm.addFailure(f, 3, false));
        assertEquals(1, f.attempt());
        assertEquals(1, fm.size());
    }

    /**
     * One id's failures (time:matches:attempts) with a find time and maxmatches; after each, the retry count
     * returned, the failures and the matches kept, as 1.1.1's FailManager gave them.
     */
    static Stream<Arguments> sequences() {
        return Stream.of(
            Arguments.of(600, 5, "1000:1:1 1100:1:1 1200:1:1 1300:1:1", "0/1/1 1/2/2 2/3/3 3/4/4"),
            Arguments.of(600, 5, "1000:1:1 1700:1:1 2400:1:1 2500:1:1", "0/1/1 1/2/2 1/3/3 2/4/4"),
            Arguments.of(600, 2, "1000:1:1 1500:1:1 2000:1:1 2100:3:3 2101:0:0", "0/1/1 1/2/2 2/3/2 3/6/2 4/7/2"),
            Arguments.of(60, 5, "0:1:1 10:1:1 100:1:1 1000:1:1 1030:1:1 1031:1:1", "0/1/1 1/2/2 2/3/3 1/4/4 2/5/5 "
                + "3/6/5"),
            Arguments.of(3600, 10, "1000.5:1:1 1999.25:1:1 4700.75:1:1 9000:2:2 9000:1:1 8000:1:1", "0/1/1 1/2/2 "
                + "2/3/3 2/5/5 3/6/6 4/7/7"),
            Arguments.of(600, 0, "1000:2:2 1001:1:1 5000:1:1", "0/2/2 1/3/0 1/4/0"),
            Arguments.of(100, 3, "0:1:1 150:1:1 151:1:1 400:1:1 401:1:1 402:1:1 403:1:1", "0/1/1 1/2/2 2/3/3 "
                + "2/4/3 3/5/3 4/6/3 5/7/3"));
    }

    @ParameterizedTest(name = "[{index}] findtime={0} maxmatches={1}: {2}")
    @MethodSource
    void sequences(long findTime, int maxMatches, String failures, String expected) {
        fm.setFindTime(Duration.ofSeconds(findTime));
        fm.setMaxMatches(maxMatches);
        fm.setMaxRetry(1000);
        IpAddress ip = IpAddress.parse("192.0.2.1");
        List<String> got = new ArrayList<>();
        int k = 0;
        for (String f : failures.split(" ")) {
            String[] p = f.split(":");
            int nm = Integer.parseInt(p[1]);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < nm; i++) {
                lines.add("l" + (k + i));
            }
            k += nm;
            FailTicket t = new FailTicket(ip, at(Double.parseDouble(p[0])), lines);
            t.setAttempt(Integer.parseInt(p[2]));
            int r = fm.addFailure(t);
            FailTicket cur = fm.get(ip).orElseThrow();
            got.add(r + "/" + cur.attempt() + "/" + cur.matches().size());
        }
        assertEquals(expected, String.join(" ", got));
    }

    @Test
    void maxRetryReachedWithinFindTime() {
        fm.setMaxRetry(3);
        fm.setFindTime(Duration.ofMinutes(10));
        IpAddress ip = IpAddress.parse("192.0.2.7");
        MovableClock clock = new MovableClock();
        for (int i = 0; i < 2; i++) {
            fm.addFailure(new FailTicket(ip, clock.instant()));
            clock.advance(Duration.ofMinutes(4));
            assertTrue(fm.toBan().isEmpty());
        }
        fm.addFailure(new FailTicket(ip, clock.instant()));
        assertEquals(ip, fm.toBan().orElseThrow().id());
        assertEquals(0, fm.size());
    }

    @Test
    void slowFailuresAreEstimatedDown() {
        fm.setMaxRetry(3);
        fm.setFindTime(Duration.ofMinutes(10));
        IpAddress ip = IpAddress.parse("192.0.2.7");
        MovableClock clock = new MovableClock();
        for (int i = 0; i < 6; i++) {
            fm.addFailure(new FailTicket(ip, clock.instant()));
            clock.advance(Duration.ofMinutes(11));
            fm.cleanup(clock.instant().minusSeconds(60));
        }
        assertTrue(fm.toBan().isEmpty());
    }
}
