package org.fail2ban4j.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fail2ban4j.ban.BanTicket;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanQuery;
import org.fail2ban4j.persist.SqliteBanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set of jails, and the hourly database purge. */
class JailsTest {

    @TempDir
    Path dir;

    private final JailFixture fx = new JailFixture();

    @Test
    void jailsAreAddedFoundAndRemovedByName() throws Exception {
        SqliteBanStore db = SqliteBanStore.open(dir.resolve("f2b.sqlite3").toString(), fx.clock);
        Jails jails = new Jails(fx.environment(fx.source.factories()));
        Jail b = jails.add("b", "auto", Optional.of(db));
        Jail a = jails.add("a", "polling", Optional.empty());
        assertEquals("polling", b.realBackend());
        assertEquals(List.of("b", "a"), jails.names());
        assertEquals(List.of(a, b), jails.sorted());
        assertTrue(jails.exists("a"));
        assertEquals(a, jails.get("a"));
        assertEquals(Set.of("b"), db.getJailNames(true));
        DuplicateJailException dup = assertThrows(DuplicateJailException.class,
                () -> jails.add("a", "polling", Optional.empty()));
        assertEquals("a", dup.getMessage());
        UnknownJailException unknown = assertThrows(UnknownJailException.class, () -> jails.get("c"));
        assertEquals("'c'", unknown.getMessage());
        assertEquals("c", unknown.jailName());
        jails.remove("b");
        assertEquals(List.of("a"), jails.names());
        assertEquals(Set.of("b"), db.getJailNames(false));
        assertThrows(UnknownJailException.class, () -> jails.remove("b"));
        jails.stopAll();
        assertEquals(0, jails.size());
        db.close();
    }

    @Test
    void backendErrorsNameTheBackend() {
        Jails jails = new Jails(fx.environment(fx.source.factories()));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> jails.add("x", "gamin", Optional.empty()));
        assertTrue(bad.getMessage().startsWith("Unknown backend gamin"), bad.getMessage());
        IOException none = assertThrows(IOException.class, () -> jails.add("x", "systemd", Optional.empty()));
        assertEquals("Failed to initialize any backend for Jail 'x'", none.getMessage());
        assertFalse(jails.exists("x"));
    }

    @Test
    void purgerPurgesOncePerInterval() {
        SqliteBanStore db = SqliteBanStore.open(dir.resolve("purge.sqlite3").toString(), fx.clock);
        db.addJail("j");
        db.addBan("j", new BanTicket(IpAddress.parse("192.0.2.1"), fx.clock.instant()), BanTime.ofSeconds(60));
        DatabasePurger purger = new DatabasePurger(db, fx.clock, DatabasePurger.PURGE_INTERVAL);
        assertFalse(purger.runOnce());
        fx.clock.advance(Duration.ofMinutes(59));
        assertFalse(purger.runOnce());
        assertEquals(1, db.getBans(BanQuery.all()).size());
        fx.clock.advance(Duration.ofDays(1));
        assertTrue(purger.runOnce());
        assertEquals(0, db.getBans(BanQuery.all()).size());
        assertFalse(purger.runOnce(), "the next purge is an interval later");
        db.close();
    }

    @Test
    void purgerThreadStartsAndStops() {
        SqliteBanStore db = SqliteBanStore.open(":memory:", fx.clock);
        DatabasePurger purger = new DatabasePurger(db, fx.clock, Duration.ofHours(1));
        purger.start();
        assertThrows(IllegalStateException.class, purger::start);
        purger.stop();
        db.close();
    }

    @Test
    void timeTextIsLocalAndCapped() {
        assertEquals("2005-08-14 12:00:00", TimeText.time2str(Instant.ofEpochSecond(1124013600, 999_000_000),
                JailFixture.ZONE));
        assertEquals("9999-12-31 23:59:59", TimeText.time2str(Instant.ofEpochSecond(0x7FFF_FFFF_FFFFL),
                JailFixture.ZONE));
    }

    @Test
    void environmentChecksItsParts() {
        JailEnvironment env = fx.environment(fx.source.factories());
        assertThrows(IllegalArgumentException.class, () -> env.withSleepTime(Duration.ZERO));
        assertEquals("ISO-8859-1", env.withLocaleEncoding("ISO-8859-1").localeEncoding());
        assertThrows(IllegalArgumentException.class, () -> new JndiTxtLookup(Duration.ZERO));
    }
}
