package io.atelier.core.generation;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bound on the image bytes the running generations of this instance hold at once
 * ({@code atelier.generation.memory-budget}): a call that would pass it waits until others give
 * memory back, instead of the heap running out. A single call larger than the whole budget takes
 * the whole budget (it runs alone rather than never).
 *
 * <p>Thread-safe; waiting blocks the calling (virtual) thread.
 */
final class MemoryBudget {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private long used;
    private int waiting;

    MemoryBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Memory taken from the budget; closing gives it back. */
    final class Reservation implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    used -= bytes;
                    released.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes {@code bytes} (at most the whole budget), waiting while they are not free. */
    Reservation reserve(long bytes) throws InterruptedException {
        long wanted = Math.max(0, Math.min(bytes, capacity));
        lock.lock();
        try {
            while (used + wanted > capacity) {
                waiting++;
                try {
                    released.await();
                } finally {
                    waiting--;
                }
            }
            used += wanted;
            return new Reservation(wanted);
        } finally {
            lock.unlock();
        }
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for memory now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    long capacity() {
        return capacity;
    }
}
