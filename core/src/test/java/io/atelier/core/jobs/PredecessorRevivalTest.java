package io.atelier.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the previous engine on this data directory is certainly dead, and when that cannot be known. */
class PredecessorRevivalTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final PredecessorRevival.Record ME = new PredecessorRevival.Record("atelier-1-bbb", "host-a", 1, STARTED);

    @Test
    void aContainerRestartWithTheSamePidButAnotherStartIsDead() {
        PredecessorRevival.Record before = new PredecessorRevival.Record("atelier-1-aaa", "host-a", 1, STARTED.minusSeconds(60));
        assertThat(PredecessorRevival.dead(before, ME)).isTrue();
    }

    @Test
    void anotherHostOrThisVeryProcessIsNeverDeclaredDead() {
        assertThat(PredecessorRevival.dead(new PredecessorRevival.Record("atelier-9-aaa", "host-b", 9, STARTED), ME)).isFalse();
        assertThat(PredecessorRevival.dead(ME, ME)).isFalse();
        // Same pid, same start: another engine of this very process (a second application context).
        assertThat(PredecessorRevival.dead(new PredecessorRevival.Record("atelier-1-ccc", "host-a", 1, STARTED), ME)).isFalse();
    }

    @Test
    void aLiveProcessStartedWhenRecordedIsAliveAndAPidThatEndedIsDead() {
        ProcessHandle self = ProcessHandle.current();
        Instant selfStarted = self.info().startInstant().orElseThrow();
        PredecessorRevival.Record me = new PredecessorRevival.Record("atelier-x", "host-a", -1, STARTED);
        assertThat(PredecessorRevival.dead(new PredecessorRevival.Record("atelier-live", "host-a", self.pid(), selfStarted), me))
                .isFalse();
        assertThat(PredecessorRevival.dead(new PredecessorRevival.Record("atelier-gone", "host-a", Long.MAX_VALUE - 7, STARTED), me))
                .isTrue();
        PredecessorRevival.Record line = PredecessorRevival.Record.parse(new PredecessorRevival.Record("n", "h", 5, STARTED).line())
                .orElseThrow();
        assertThat(line).isEqualTo(new PredecessorRevival.Record("n", "h", 5, STARTED));
    }
}
