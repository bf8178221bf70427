package org.fail2ban4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Port of upstream's {@code DNSUtilsTests} cache cases ({@code testCache}, {@code testCacheMaxSize}, ...). */
class ExpiringCacheTest {

    private final TestClock clock = new TestClock();

    @Test
    void testCache() {
        ExpiringCache<Object, Integer> c = new ExpiringCache<>(5, Duration.ofSeconds(60), clock);
        assertEquals(Optional.empty(), c.get("a"));
        for (int i = 0; i < 5; i++) {
            c.set(i, i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(i), c.get(i));
        }
        c.unset("a");
        c.unset("a");
        assertEquals(5, c.size());
    }

    @Test
    void testCacheMaxSize() {
        ExpiringCache<Integer, Integer> c = new ExpiringCache<>(5, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 5; i++) {
            c.set(i, i);
        }
        assertTrue(IntStream.range(0, 5).allMatch(i -> c.get(i).isPresent()));
        c.set(10, 4);
        // one element was removed, first in first out
        assertFalse(c.get(0).isPresent());
        assertTrue(IntStream.range(1, 5).allMatch(i -> c.get(i).isPresent()));
        for (int i = 0; i < 10; i++) {
            c.set(i, 1);
        }
        assertEquals(5, c.size());
    }

    @Test
    void testCacheMaxTime() {
        ExpiringCache<Integer, Integer> c = new ExpiringCache<>(5, Duration.ofMillis(1), clock);
        for (int i = 0; i < 10; i++) {
            c.set(i, 1);
        }
        assertTrue(c.size() <= 5);
        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), c.get(i));
        }
        assertEquals(0, c.size());
    }

    @Test
    void evictionDropsExpiredHeadAndOneLiveEntry() {
        ExpiringCache<String, String> c = new ExpiringCache<>(3, Duration.ofSeconds(10), clock);
        c.set("old1", "x");
        c.set("old2", "x");
        clock.advance(Duration.ofSeconds(5));
        c.set("live", "x");
        clock.advance(Duration.ofSeconds(6)); // old1, old2 expired; live still valid
        c.set("new", "x");
        // upstream pops old1, old2 (expired), then "live" (alive, and now there is room) and stops
        assertEquals(1, c.size());
        assertTrue(c.get("new").isPresent());
    }

    @Test
    void resettingAKeyKeepsItsPositionAndRenewsIt() {
        ExpiringCache<String, String> c = new ExpiringCache<>(2, Duration.ofSeconds(10), clock);
        c.set("a", "1");
        c.set("b", "2");
        clock.advance(Duration.ofSeconds(8));
        c.set("a", "3");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of("3"), c.get("a"));
        assertEquals(Optional.empty(), c.get("b"));
    }

    @Test
    void rejectsBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ExpiringCache<>(0, Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new ExpiringCache<>(1, Duration.ZERO, clock));
    }
}
