package org.fail2ban4j.jail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.fail2ban4j.ban.FailTicket;

/**
 * Port of the ticket queue of {@code fail2ban/server/jail.py:Jail} ({@code putFailTicket}, {@code getFailTicket},
 * {@code hasFailTickets}): the tickets the filter (and the restore at start) hand to the action worker.
 *
 * <p>Thread-safe (one lock); a blocked {@link #poll(Duration)} returns as soon as a ticket arrives or
 * {@link #wakeup()} is called. A ticket put here belongs to the action worker afterwards.
 */
final class BanQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<FailTicket> tickets = new ArrayDeque<>();
    private boolean woken;

    /** Adds a ticket at the end. */
    void put(FailTicket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        lock.lock();
        try {
            tickets.addLast(ticket);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether tickets are waiting. */
    boolean hasTickets() {
        lock.lock();
        try {
            return !tickets.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes at most {@code max} tickets without waiting.
     *
     * @param max the most tickets to take; at least 1
     * @return the tickets in the order they were put, possibly none
     */
    List<FailTicket> drain(int max) {
        lock.lock();
        try {
            int n = Math.min(max, tickets.size());
            List<FailTicket> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(tickets.pollFirst());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until a ticket is waiting (or {@link #wakeup()} is called).
     *
     * @return whether tickets are waiting now
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration timeout) throws InterruptedException {
        long nanos = timeout.isNegative() ? 0 : timeout.toNanos();
        lock.lock();
        try {
            while (tickets.isEmpty() && !woken && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            woken = false;
            return !tickets.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Makes a thread waiting in {@link #await} return now. */
    void wakeup() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops all waiting tickets. */
    void clear() {
        lock.lock();
        try {
            tickets.clear();
        } finally {
            lock.unlock();
        }
    }
}
