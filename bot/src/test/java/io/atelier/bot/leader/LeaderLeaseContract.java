package io.atelier.bot.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two instances contending for one lease, on whichever database {@link #jdbc()} gives (H2, PostgreSQL). */
abstract class LeaderLeaseContract {

    static final Duration TTL = Duration.ofSeconds(15);

    abstract JdbcTemplate jdbc();

    /** A clock the test moves by hand (both instances share it, as NTP-synchronised hosts would). */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T12:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void onlyOneHoldsAndTheOtherTakesOverWhenTheHolderStopsRenewing() {
        ManualClock clock = new ManualClock();
        String lease = "test-" + UUID.randomUUID();
        DatabaseLease a = new DatabaseLease(jdbc(), lease, "instance-a", TTL, clock);
        DatabaseLease b = new DatabaseLease(jdbc(), lease, "instance-b", TTL, clock);

        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(a.holder()).contains("instance-a");

        // a renews within the TTL: b still cannot take it, however long this goes on.
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(a.tryAcquire()).as("renewal %d", i).isTrue();
            assertThat(b.tryAcquire()).isFalse();
        }

        // a stops renewing (died): once its lease expired, b takes it, and a cannot take it back.
        clock.advance(TTL.minusSeconds(1));
        assertThat(b.tryAcquire()).as("not expired yet").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(b.tryAcquire()).isTrue();
        assertThat(a.tryAcquire()).isFalse();
        assertThat(b.holder()).contains("instance-b");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        ManualClock clock = new ManualClock();
        String lease = "test-" + UUID.randomUUID();
        DatabaseLease a = new DatabaseLease(jdbc(), lease, "instance-a", TTL, clock);
        DatabaseLease b = new DatabaseLease(jdbc(), lease, "instance-b", TTL, clock);
        assertThat(a.tryAcquire()).isTrue();

        b.release(); // not b's: nothing happens
        assertThat(b.tryAcquire()).isFalse();

        a.release();
        assertThat(a.holder()).isEmpty();
        assertThat(b.tryAcquire()).isTrue();
    }

    @Test
    void theElectionStartsTheLeadersWorkAndHandsItOverWhenTheLeaderStops() throws Exception {
        String lease = "test-" + UUID.randomUUID();
        Duration ttl = Duration.ofMillis(1500);
        Duration renew = Duration.ofMillis(100);
        RecordingWork workA = new RecordingWork();
        RecordingWork workB = new RecordingWork();
        LeaderElection a = new LeaderElection(new DatabaseLease(jdbc(), lease, "a", ttl, Clock.systemUTC()), renew, workA);
        LeaderElection b = new LeaderElection(new DatabaseLease(jdbc(), lease, "b", ttl, Clock.systemUTC()), renew, workB);
        try {
            a.start();
            workA.awaitRunning(true);
            b.start();
            Thread.sleep(3 * renew.toMillis());
            assertThat(workB.running).as("only one leader").isFalse();
            assertThat(b.isLeader()).isFalse();

            // The leader dies without releasing (no renewals): b takes over after the TTL.
            a.abandon();
            workB.awaitRunning(true);
            assertThat(b.isLeader()).isTrue();
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(workB.running).isFalse();
    }

    static final class RecordingWork implements LeaderElection.LeaderWork {
        volatile boolean running;

        @Override
        public void elected() {
            running = true;
        }

        @Override
        public void revoked() {
            running = false;
        }

        void awaitRunning(boolean expected) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (running != expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(running).isEqualTo(expected);
        }
    }
}
