package org.fail2ban4j.jail;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.fail2ban4j.persist.BanStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of the database service of {@code fail2ban/server/observer.py:ObserverThread} ({@code db_set},
 * {@code db_purge} and its hourly {@code DB_PURGE} timer): purges old bans from the server's database once an hour,
 * in the thread {@code f2b/observer}.
 *
 * <p>Due times come from the injected clock; the thread looks at it every {@link #CHECK_INTERVAL} of real time
 * (and when stopped). {@link #runOnce()} purges when due, for tests. Thread-safe.
 */
public final class DatabasePurger {

    /** Upstream's {@code __db_purge_interval}. */
    public static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    /** How often the thread compares the clock with the due time (upstream's observer sleeps up to 60 s). */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.observer");

    private final BanStore store;
    private final InstantSource clock;
    private final Duration interval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private Instant nextPurge;
    private boolean active;
    private Thread thread;

    /**
     * A purger; the first purge is due one interval after creation.
     *
     * @param store the database
     * @param clock the clock of due times
     * @param interval the time between purges (upstream: one hour)
     */
    public DatabasePurger(BanStore store, InstantSource clock, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("purge interval must be positive: " + interval);
        }
        this.nextPurge = clock.instant().plus(interval);
    }

    /**
     * Purges if due.
     *
     * @return whether it purged
     */
    public boolean runOnce() {
        Instant now = clock.instant();
        lock.lock();
        try {
            if (now.isBefore(nextPurge)) {
                return false;
            }
            nextPurge = now.plus(interval);
        } finally {
            lock.unlock();
        }
        LOG.debug("Purge database event occurred");
        try {
            store.purge();
        } catch (RuntimeException e) {
            LOG.error("{}", JailLog.text(e), e);
        }
        return true;
    }

    /** Starts the thread {@code f2b/observer}. */
    public void start() {
        lock.lock();
        try {
            if (thread != null) {
                throw new IllegalStateException("the database purger was started already");
            }
            active = true;
            thread = new Thread(this::loop, "f2b/observer");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        LOG.info("Observer start...");
        while (true) {
            lock.lock();
            try {
                if (!active) {
                    break;
                }
                stopped.await(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (!active) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                lock.unlock();
            }
            runOnce();
        }
        LOG.info("Observer stopped, 0 events remaining.");
    }

    /** Stops the thread and waits for it. */
    public void stop() {
        Thread t;
        lock.lock();
        try {
            active = false;
            stopped.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
