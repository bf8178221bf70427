package org.fail2ban4j.ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.fail2ban4j.net.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port of upstream banmanagertestcase.py, plus outcomes, ordering and permanent bans. */
class BanListTest {

    static final IpAddress IP = IpAddress.parse("193.168.0.128");
    static final Instant T0 = EpochSeconds.toInstant(1167605999.0);

    private MovableClock clock;
    private BanList bans;
    private BanTicket ticket;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        bans = new BanList(clock);
        ticket = new BanTicket(IP, T0);
        // upstream's tests run at MyTime 1124013600 with tickets from 2006: set the clock before them
    }

    @Test
    void add() {
        assertTrue(bans.addBanTicket(ticket).added());
        assertEquals(1, bans.size());
        assertEquals(1, bans.banTotal());
        bans.setBanTotal(0);
        assertEquals(0, bans.banTotal());
        assertEquals(1, ticket.banCount());
    }

    @Test
    void addDuplicate() {
        assertTrue(bans.addBanTicket(ticket).added());
        BanList.AddResult r = bans.addBanTicket(ticket);
        assertEquals(BanList.Outcome.ALREADY_BANNED, r.outcome());
        assertTrue(r.ticket() == ticket);
        assertEquals(1, bans.size());
    }

    /** upstream testAddDuplicateWithTime: prolonged to the later end, start unchanged, permanent stays. */
    @ParameterizedTest
    @CsvSource({"0,", "100,", "0,86400", "0,-1"})
    void addDuplicateWithTime(long startOffset, Long banTime) {
        BanTime def = bans.banTime();
        BanTicket t1 = new BanTicket(IP, T0);
        BanTicket t2 = new BanTicket(IP, T0.plusSeconds(startOffset));
        if (banTime != null) {
            t2.setBanTime(BanTime.ofSeconds(banTime));
        }
        boolean later = t2.endOfBan(def).isAfter(t1.endOfBan(def));
        assertTrue(bans.addBanTicket(t1).added());
        BanList.AddResult r = bans.addBanTicket(t2);
        assertEquals(later ? BanList.Outcome.PROLONGED : BanList.Outcome.ALREADY_BANNED, r.outcome());
        assertEquals(1, bans.size());
        BanTicket banned = bans.getTicketByID(IP).orElseThrow();
        assertTrue(banned == t1);
        assertEquals(t2.endOfBan(def), banned.endOfBan(def));
        assertEquals(T0, banned.time());
        if (banTime != null && banTime == -1) {
            assertEquals(BanTime.PERMANENT, banned.banTime(def));
        }
    }

    /** upstream testBanTimeIncr. */
    @Test
    void banTimeIncrement() {
        BanTicket t = new BanTicket(IP, T0);
        int c = 0;
        for (long i : new long[] {1000, 2000, -1}) {
            bans.addBanTicket(ticket);
            c++;
            t.setBanTime(BanTime.ofSeconds(i));
            assertFalse(bans.addBanTicket(t).added());
            assertEquals(String.format("BanTicket: ip=%s time=1167605999.0 bantime=%d bancount=%d #attempts=0 "
                    + "matches=[]", IP, i, c), bans.getTicketByID(IP).orElseThrow().toString());
        }
        bans.addBanTicket(ticket);
        c++;
        t.setBanTime(BanTime.PERMANENT);
        assertFalse(bans.addBanTicket(t).added());
        t.setBanTime(BanTime.ofSeconds(1000));
        assertEquals(BanList.Outcome.ALREADY_BANNED, bans.addBanTicket(t).outcome());
        assertEquals(String.format("BanTicket: ip=%s time=1167605999.0 bantime=-1 bancount=%d #attempts=0 "
                + "matches=[]", IP, c), bans.getTicketByID(IP).orElseThrow().toString());
    }

    @Test
    void contains() {
        assertTrue(bans.addBanTicket(ticket).added());
        assertTrue(bans.contains(IpAddress.parse("193.168.0.128")));
        assertFalse(bans.contains(IpAddress.parse("111.111.1.111")));
    }

    /** upstream testUnban: expiry, prolonging moves the unban, partial removal. */
    @Test
    void unban() {
        BanTime btime = bans.banTime();
        assertTrue(bans.addBanTicket(ticket).added());
        assertEquals(List.of(), bans.unBanList(T0));
        assertEquals(List.of(ticket), bans.unBanList(T0.plusSeconds(600 + 1)));
        assertEquals(0, bans.size());
        assertTrue(bans.addBanTicket(ticket).added());
        BanTicket later = new BanTicket(IP, T0.plusSeconds(600));
        assertEquals(BanList.Outcome.PROLONGED, bans.addBanTicket(later).outcome());
        assertEquals(BanTime.ofSeconds(1200), ticket.banTime(btime));
        assertEquals(0, bans.unBanList(T0.plusSeconds(600 + 1)).size());
        assertEquals(1, bans.unBanList(T0.plusSeconds(600 + 600 + 1)).size());
        for (int i = 0; i < 5; i++) {
            BanTicket t = new BanTicket(IpAddress.parse("193.168.0." + i), T0);
            t.setBanTime(BanTime.ofSeconds(600 + i * 10));
            assertTrue(bans.addBanTicket(t).added());
        }
        assertEquals(2, bans.unBanList(T0.plusSeconds(600 + 10 + 1)).size());
        assertEquals(3, bans.unBanList(T0.plusSeconds(600 + 50 + 1)).size());
        assertEquals(0, bans.size());
    }

    @Test
    void unbanPermanent() {
        bans.setBanTime(BanTime.PERMANENT);
        assertTrue(bans.addBanTicket(ticket).added());
        assertEquals(List.of(), bans.unBanList(T0.plusSeconds(600 + 1)));
        assertEquals(List.of(), bans.unBanList(Instant.parse("9999-12-31T23:59:59Z")));
        assertEquals(1, bans.size());
        assertEquals(EpochSeconds.MAX_TIME, bans.nextUnbanTime());
    }

    @Test
    void unbanOrderIsBanOrderAndNextUnbanTimeFollows() {
        long[] times = {900, 300, 600, 1200};
        for (int i = 0; i < times.length; i++) {
            BanTicket t = new BanTicket(IpAddress.parse("192.0.2." + (i + 1)), T0);
            t.setBanTime(BanTime.ofSeconds(times[i]));
            bans.addBanTicket(t);
        }
        assertEquals(T0.plusSeconds(300), bans.nextUnbanTime());
        assertEquals(List.of(), bans.unBanList(T0.plusSeconds(300)));
        List<BanTicket> out = bans.unBanList(T0.plusSeconds(901));
        assertEquals(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"),
                out.stream().map(t -> t.id().toString()).collect(Collectors.toList()));
        assertEquals(T0.plusSeconds(1200), bans.nextUnbanTime());
    }

    @Test
    void unbanMaxCountLeavesTheRestForNextCall() {
        for (int i = 1; i <= 3; i++) {
            bans.addBanTicket(new BanTicket(IpAddress.parse("192.0.2." + i), T0));
        }
        Instant late = T0.plusSeconds(700);
        assertEquals(2, bans.unBanList(late, 2).size());
        assertEquals(T0.plusSeconds(600), bans.nextUnbanTime());
        assertEquals(List.of(IpAddress.parse("192.0.2.3")),
                bans.unBanList(late, 2).stream().map(BanTicket::id).collect(Collectors.toList()));
        assertEquals(EpochSeconds.MAX_TIME, bans.nextUnbanTime());
    }

    @Test
    void expiredTicketIsNotAdded() {
        clock.set(T0.plusSeconds(601));
        BanList.AddResult r = bans.addBanTicket(ticket);
        assertEquals(BanList.Outcome.EXPIRED, r.outcome());
        assertEquals(0, bans.size());
        assertEquals(0, bans.banTotal());
        clock.set(T0.plusSeconds(600));
        assertEquals(BanList.Outcome.ADDED, bans.addBanTicket(ticket).outcome());
    }

    /** upstream testBanList: ordered by end of ban, with start, ban time and end. */
    @Test
    void banEntries() {
        BanTicket a = new BanTicket(IpAddress.parse("192.0.2.1"), T0);
        BanTicket b = new BanTicket(IpAddress.parse("192.0.2.2"), T0);
        b.setBanTime(BanTime.PERMANENT);
        BanTicket c = new BanTicket(IpAddress.parse("192.0.2.3"), T0.minusSeconds(100));
        bans.addBanTicket(b);
        bans.addBanTicket(a);
        bans.addBanTicket(c);
        assertEquals(List.of(IpAddress.parse("192.0.2.2"), IpAddress.parse("192.0.2.1"),
                IpAddress.parse("192.0.2.3")), bans.getBanList());
        List<BanList.BanEntry> e = bans.getBanEntries();
        assertEquals(List.of(
                new BanList.BanEntry(c.id(), T0.minusSeconds(100), BanTime.ofSeconds(600), T0.plusSeconds(500)),
                new BanList.BanEntry(a.id(), T0, BanTime.ofSeconds(600), T0.plusSeconds(600)),
                new BanList.BanEntry(b.id(), T0, BanTime.PERMANENT, EpochSeconds.MAX_TIME)), e);
    }

    @Test
    void flushAndTickets() {
        bans.addBanTicket(ticket);
        bans.addBanTicket(new BanTicket(IpAddress.parse("192.0.2.1"), T0));
        assertEquals(2, bans.tickets().size());
        assertEquals(2, bans.flushBanList().size());
        assertEquals(0, bans.size());
        assertTrue(bans.getTicketByID(IP).isEmpty());
    }

    @Test
    void banTimeIsWholeSeconds() {
        bans.setBanTime(BanTime.ofSeconds(90.7));
        assertEquals("90", bans.banTime().toString());
        BanTicket f = BanList.createBanTicket(new FailTicket(IP, T0));
        assertEquals("BanTicket", f.kind());
    }

    @Test
    void moveClockAcrossBan() {
        clock.set(T0);
        bans.addBanTicket(ticket);
        clock.advance(Duration.ofSeconds(600));
        assertEquals(List.of(), bans.unBanList(clock.instant()));
        clock.advance(Duration.ofNanos(1));
        assertEquals(List.of(ticket), bans.unBanList(clock.instant()));
    }
}
