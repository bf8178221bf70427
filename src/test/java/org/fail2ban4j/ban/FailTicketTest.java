package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.Test;

/** Port of upstream tickettestcase.py. */
class FailTicketTest {

    static final IpAddress IP = IpAddress.parse("193.168.0.128");
    static final Instant TM = MovableClock.TEST_NOW;

    @Test
    void ticket() {
        List<String> matches = List.of("first", "second");
        FailTicket t = new FailTicket(IP, TM, matches);
        assertEquals(IP, t.id());
        assertEquals(IP, t.ip());
        assertEquals(TM, t.time());
        assertEquals(matches, t.matches());
        t.setAttempt(2);
        assertEquals(2, t.attempt());
        t.setBanCount(10);
        assertEquals(10, t.banCount());
        BanTime hour = BanTime.ofSeconds(3600);
        assertEquals(hour, t.banTime(hour));
        assertFalse(t.isTimedOut(TM.plusSeconds(61), hour));
        assertTrue(t.isTimedOut(TM.plusSeconds(3601), hour));
        t.setBanTime(BanTime.ofSeconds(60));
        assertEquals(BanTime.ofSeconds(60), t.banTime(hour));
        assertEquals(Optional.of(BanTime.ofSeconds(60)), t.banTime());
        assertFalse(t.isTimedOut(TM, hour));
        assertTrue(t.isTimedOut(TM.plusSeconds(61), hour));
        t.setBanTime(BanTime.PERMANENT);
        assertFalse(t.isTimedOut(TM.plusSeconds(61), hour));
        assertEquals(EpochSeconds.MAX_TIME, t.endOfBan(hour));
    }

    @Test
    void retryAttemptsAndAdjustTime() {
        FailTicket ft = new FailTicket(IP, TM, List.of("first", "second"));
        ft.setBanTime(BanTime.ofSeconds(3600));
        ft.setAttempt(2);
        ft.setRetry(1);
        assertEquals(2, ft.attempt());
        assertEquals(1, ft.retry());
        ft.setRetry(2);
        assertEquals(2, ft.retry());
        ft.setRetry(3);
        assertEquals(3, ft.retry());
        ft.inc();
        assertEquals(3, ft.attempt());
        assertEquals(4, ft.retry());
        assertEquals(List.of("first", "second"), ft.matches());
        ft.inc(List.of("third"), 1, 10);
        assertEquals(4, ft.attempt());
        assertEquals(14, ft.retry());
        assertEquals(List.of("first", "second", "third"), ft.matches());
        Duration hour = Duration.ofHours(1);
        ft.adjustTime(TM.minusSeconds(60), hour);
        assertEquals(TM, ft.time());
        assertEquals(14, ft.retry());
        ft.adjustTime(TM.plusSeconds(60), hour);
        assertEquals(TM.plusSeconds(60), ft.time());
        assertEquals(14, ft.retry());
        ft.adjustTime(TM.plusSeconds(3600), hour);
        assertEquals(TM.plusSeconds(3600), ft.time());
        assertEquals(14, ft.retry());
        // interval larger than find time: retry estimated from the rate
        ft.adjustTime(TM.plusSeconds(7200), hour);
        assertEquals(TM.plusSeconds(7200), ft.time());
        assertEquals(7, ft.retry());
        assertEquals(4, ft.attempt());
        ft.setData("country", "DE");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("matches", List.of("first", "second", "third"));
        expected.put("failures", 4);
        expected.put("country", "DE");
        assertEquals(expected, ft.data());

        FailTicket ft2 = new FailTicket(ft);
        assertEquals(ft.data(), ft2.data());
        assertEquals(4, ft2.attempt());
        assertEquals(7, ft2.retry());
        assertEquals(ft.matches(), ft2.matches());
        assertEquals(ft.time(), ft2.time());
        assertEquals(ft.banTime(), ft2.banTime());
        // a copy does not share the data
        ft2.inc(List.of("fourth"), 1, 1);
        assertEquals(3, ft.matches().size());
    }

    @Test
    void differentIdAndIp() {
        FailTicket t = new FailTicket(IpAddress.parse("123-456-678"), TM, List.of(), Map.of("ip", "192.0.2.1"));
        assertEquals("123-456-678", t.id().toString());
        assertEquals(IpAddress.parse("192.0.2.1"), t.ip());
    }

    @Test
    void flags() {
        FailTicket t = new FailTicket(IpAddress.parse("test"), Instant.EPOCH);
        t.setRestored(true);
        assertTrue(t.restored());
        assertFalse(t.banned());
        t.setBanned(true);
        t.setRestored(false);
        assertFalse(t.restored());
        assertTrue(t.banned());
        t.setRestored(true);
        BanTicket b = BanTicket.of(t);
        assertTrue(b.restored());
        assertTrue(b.banned());
        assertTrue(BanTicket.of(b) == b);
    }

    @Test
    void data() {
        BanTicket t = new BanTicket(IP, TM, List.of("first", "second"), Map.of());
        t.setData("region", "Hamburg");
        t.setData("country", "DE");
        t.setData("city", "Hamburg");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("matches", List.of("first", "second"));
        d.put("failures", 0);
        d.put("region", "Hamburg");
        d.put("country", "DE");
        d.put("city", "Hamburg");
        assertEquals(d, t.data());
        Map<String, Object> repl = new LinkedHashMap<>();
        repl.put("region", null);
        repl.put("country", "FR");
        repl.put("city", "Paris");
        t.replaceData(repl);
        assertEquals(Map.of("city", "Paris", "country", "FR"), t.data());
        assertEquals(0, t.attempt());
        assertEquals(List.of(), t.matches());
        Map<String, Object> upd = new LinkedHashMap<>();
        upd.put("region", "Bremen");
        upd.put("city", null);
        t.updateData(upd);
        assertEquals(Map.of("region", "Bremen", "country", "FR"), t.data());
        assertEquals(Optional.empty(), t.data("city"));
        assertEquals(Optional.of("FR"), t.data("country"));
        t.replaceData(Map.of());
        assertEquals(Map.of(), t.data());
    }

    @Test
    void tupleMatchesAreJoined() {
        FailTicket t = new FailTicket(IP, TM, List.of(List.of("", "Dec  3 09:31:08", " sshd: fail"), "plain"));
        assertEquals(List.of("Dec  3 09:31:08 sshd: fail", "plain"), t.matches());
        t.setMatches(List.of());
        assertEquals(Optional.empty(), t.data("matches"));
        assertEquals(List.of(), t.matches());
    }

    @Test
    void text() {
        FailTicket t = new FailTicket(IP, Instant.ofEpochSecond(1167605999), List.of("a'b"));
        t.setAttempt(5);
        assertEquals("FailTicket: ip=193.168.0.128 time=1167605999.0 bantime=None bancount=0 #attempts=5 "
                + "matches=['a\\'b']", t.toString());
        BanTicket b = BanTicket.of(t);
        b.setBanTime(BanTime.ofSeconds(1000));
        b.incrBanCount();
        assertEquals("BanTicket: ip=193.168.0.128 time=1167605999.0 bantime=1000 bancount=1 #attempts=5 "
                + "matches=['a\\'b']", b.toString());
    }
}
