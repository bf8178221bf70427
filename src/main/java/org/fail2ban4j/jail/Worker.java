package org.fail2ban4j.jail;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * Port of {@code fail2ban/server/jailthread.py:JailThread}: the thread of a jail's filter or actions, with the
 * flags {@code active} (running until stopped) and {@code idle} (paused by {@code set <jail> idle on}).
 *
 * <p>The loop calls {@link #step()} while active and not idle; an idle worker waits on a condition until it is
 * woken. Subclasses also offer {@code runOnce()} so tests drive one step without the thread. Thread-safe.
 */
abstract class Worker {

    /**
     * The stack size of threads started from now on, in bytes (0: the JVM's default); process-wide like Python's
     * {@code threading.stack_size}, which upstream's {@code set thread {stacksize: KiB}} sets.
     */
    private static volatile long stackSize;

    static long stackSize() {
        return stackSize;
    }

    /** Sets {@link #stackSize()}; refuses what Python refuses (a size other than 0 below 32 KiB). */
    static void setStackSize(long bytes) {
        if (bytes != 0 && bytes < 32768 || bytes < 0) {
            throw new IllegalArgumentException("size not valid: " + bytes + " bytes");
        }
        stackSize = bytes;
    }

    private final String threadName;
    private final Logger log;
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition stateChanged = stateLock.newCondition();
    private volatile boolean active;
    private volatile boolean idle;
    private volatile Thread thread;

    Worker(String threadName, Logger log) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The thread name ({@code f2b/f.<jail>}, {@code f2b/a.<jail>}). */
    final String threadName() {
        return threadName;
    }

    /** Whether the worker runs (upstream {@code active}). */
    final boolean isActive() {
        return active;
    }

    /** Whether the worker is paused (upstream {@code idle}). */
    final boolean isIdle() {
        return idle;
    }

    /** Pauses or resumes the worker. */
    final void setIdle(boolean value) {
        idle = value;
        signal();
        wakeup();
    }

    /** Whether the thread was started and has not ended. */
    final boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Starts the thread (upstream {@code start}). */
    final synchronized void startThread() {
        if (thread != null) {
            throw new IllegalStateException("thread " + threadName + " was started already");
        }
        active = true;
        Thread t = new Thread(null, this::run, threadName, stackSize);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Marks the worker active without a thread (a caller drives {@code runOnce()}). */
    final void activate() {
        active = true;
    }

    /** Tells the loop to end (upstream {@code stop}); does not wait. */
    final void signalStop() {
        active = false;
        signal();
        wakeup();
    }

    /**
     * Waits for the thread to end.
     *
     * @param timeout the longest wait, {@code null} for no limit
     * @return whether the thread has ended (or never started)
     */
    final boolean join(Duration timeout) {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return true;
        }
        try {
            if (timeout == null) {
                t.join();
            } else {
                t.join(Math.max(1, timeout.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private void run() {
        try {
            beforeLoop();
            while (active) {
                if (idle) {
                    waitWhileIdle();
                    continue;
                }
                try {
                    step();
                } catch (InterruptedException e) {
                    if (!active) {
                        break;
                    }
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    log.error("[{}] unhandled error in {} thread: {}", jailName(), kind(), JailLog.text(e), e);
                }
            }
        } finally {
            try {
                afterLoop();
            } catch (RuntimeException e) {
                log.error("[{}] error while ending the {} thread: {}", jailName(), kind(), JailLog.text(e), e);
            }
        }
    }

    private void waitWhileIdle() {
        stateLock.lock();
        try {
            if (active && idle) {
                stateChanged.await(sleepTime().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            active = false;
        } finally {
            stateLock.unlock();
        }
    }

    private void signal() {
        stateLock.lock();
        try {
            stateChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
    }

    /** The jail name, for messages. */
    abstract String jailName();

    /** {@code filter} or {@code actions}, for messages. */
    abstract String kind();

    /** The longest blocking wait of one step. */
    abstract Duration sleepTime();

    /** Runs in the thread before the loop. */
    abstract void beforeLoop();

    /** One iteration of the loop; may block up to {@link #sleepTime()}. */
    abstract void step() throws InterruptedException;

    /** Runs in the thread after the loop (clean-up). */
    abstract void afterLoop();

    /** Makes a blocking {@link #step()} return early. */
    abstract void wakeup();
}
