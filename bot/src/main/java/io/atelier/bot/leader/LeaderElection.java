package io.atelier.bot.leader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link LeaderWork} on exactly one instance: every {@code renewEvery} it takes or renews a
 * {@link DatabaseLease}; becoming the holder calls {@link LeaderWork#elected()}, losing the lease
 * calls {@link LeaderWork#revoked()}. When the database cannot be reached the holder keeps its
 * work only while its last renewal is younger than {@code ttl - renewEvery}, so it has stopped
 * before another instance may take the expired lease. A stopped election releases the lease (the
 * next instance takes over at its next renewal); a dead one is replaced once the TTL has passed.
 *
 * <p>Threading: one daemon thread per election runs the renewals and the callbacks (which may
 * block, e.g. while a gateway disconnects; renewals wait meanwhile). {@link #start}/{@link #stop}
 * may be called from any thread.
 */
public final class LeaderElection {

    /** What only the leader runs. Called on the election's thread, never concurrently. */
    public interface LeaderWork {
        void elected();

        void revoked();
    }

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final DatabaseLease lease;
    private final Duration renewEvery;
    private final LeaderWork work;
    private ScheduledExecutorService timer;
    private volatile boolean leader;
    private long lastRenewedNanos;

    public LeaderElection(DatabaseLease lease, Duration renewEvery, LeaderWork work) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.renewEvery = Objects.requireNonNull(renewEvery, "renewEvery");
        this.work = Objects.requireNonNull(work, "work");
        if (renewEvery.multipliedBy(2).compareTo(lease.ttl()) > 0) {
            throw new IllegalArgumentException("the lease TTL (" + lease.ttl() + ") must be at least twice the renewal interval ("
                    + renewEvery + ")");
        }
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("leader-" + lease.name()).factory());
        timer.scheduleWithFixedDelay(this::tick, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops renewing, stops the work if running here, and releases the lease. */
    public void stop() {
        if (!halt()) {
            return;
        }
        if (leader) {
            leader = false;
            revoke();
        }
        // Always (a renewal interrupted by the stop may have taken the lease); releases only our own.
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.warn("could not release lease {} (it expires in {}): {}", lease.name(), lease.ttl(), e.toString());
        }
    }

    /** As if the process died: no more renewals, no release; the local work is stopped. For tests of failover. */
    void abandon() {
        halt();
        if (leader) {
            leader = false;
            revoke();
        }
    }

    public boolean isLeader() {
        return leader;
    }

    /** Shuts the timer down and waits for a running tick; false when not started. */
    private boolean halt() {
        ScheduledExecutorService current;
        synchronized (this) {
            current = timer;
            timer = null;
        }
        if (current == null) {
            return false;
        }
        current.shutdownNow();
        try {
            current.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void tick() {
        try {
            renewOrTake();
        } catch (RuntimeException e) {
            // Never let an exception end the schedule (a periodic task that throws is not run again).
            log.error("lease {}: election step failed", lease.name(), e);
        }
    }

    private void renewOrTake() {
        boolean held;
        try {
            held = lease.tryAcquire();
            if (held) {
                lastRenewedNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            held = leader && System.nanoTime() - lastRenewedNanos < lease.ttl().minus(renewEvery).toNanos();
            log.warn("lease {}: renewal failed ({}); {}", lease.name(), e.toString(),
                    held ? "still the leader until the lease would expire" : leader ? "stepping down" : "not the leader");
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        if (held && !leader) {
            leader = true;
            log.info("lease {}: {} is the leader now", lease.name(), lease.holderId());
            try {
                work.elected();
            } catch (RuntimeException e) {
                log.error("lease {}: the leader's work failed to start; releasing the lease", lease.name(), e);
                leader = false;
                revoke();
                lease.release();
            }
        } else if (!held && leader) {
            leader = false;
            log.warn("lease {}: {} lost the lease; stopping the leader's work", lease.name(), lease.holderId());
            revoke();
        }
    }

    private void revoke() {
        try {
            work.revoked();
        } catch (RuntimeException e) {
            log.error("lease {}: stopping the leader's work failed", lease.name(), e);
        }
    }
}
