package io.atelier.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bulkhead and fair queue of one provider, without threads of its own: runs are started by hand. */
class LaneTest {

    /** Generations started, in order; the executor runs each start on the calling thread, and the test ends runs with {@link Lane#finished}. */
    private final List<Lane.Waiting> started = new ArrayList<>();
    private final Lane lane = new Lane("openai", 2, new DirectExecutor(), started::add);

    @Test
    void aFreePlaceIsTakenAtSubmitAndTheLimitIsNeverPassed() {
        assertThat(lane.tryReserve()).isTrue();
        assertThat(lane.tryReserve()).isTrue();
        assertThat(lane.tryReserve()).as("both places taken").isFalse();
        lane.enqueue(generation("a1", "team-a"));
        assertThat(started).isEmpty();
        assertThat(lane.running()).isEqualTo(2);

        lane.finished(100);
        assertThat(started).extracting(w -> w.generation().id()).containsExactly("a1");
        assertThat(started.getFirst().started()).isFalse();
        assertThat(lane.running()).isEqualTo(2);
        // Somebody waits no more, yet a new submit may not jump a queue: none is left, so it may.
        lane.finished(100);
        assertThat(lane.tryReserve()).isTrue();
    }

    @Test
    void teamsTakeTurnsAndQueuePositionsFollowTheTurns() {
        lane.tryReserve();
        lane.tryReserve();
        for (int i = 1; i <= 4; i++) {
            lane.enqueue(generation("a" + i, "team-a"));
        }
        lane.enqueue(generation("b1", "team-b"));
        lane.enqueue(generation("b2", "team-b"));
        lane.enqueue(generation("c1", "team-c"));

        assertThat(lane.estimate("a1").orElseThrow().position()).isZero();
        assertThat(lane.estimate("b1").orElseThrow().position()).isEqualTo(1);
        assertThat(lane.estimate("c1").orElseThrow().position()).isEqualTo(2);
        assertThat(lane.estimate("a2").orElseThrow().position()).isEqualTo(3);
        assertThat(lane.estimate("b2").orElseThrow().position()).isEqualTo(4);
        assertThat(lane.estimate("a4").orElseThrow().position()).isEqualTo(6);
        assertThat(lane.estimate("a1").orElseThrow().eta()).as("no run time known yet").isNull();

        for (int i = 0; i < 7; i++) {
            lane.finished(1000);
        }
        assertThat(started).extracting(w -> w.generation().id()).containsExactly("a1", "b1", "c1", "a2", "b2", "a3", "a4");
    }

    @Test
    void theEtaCountsRoundsOfTheLimitAtTheMeanRunTime() {
        lane.tryReserve();
        lane.tryReserve();
        lane.finished(2000);
        lane.tryReserve();
        for (int i = 1; i <= 5; i++) {
            lane.enqueue(generation("a" + i, "team-a"));
        }
        // Two places: a1 and a2 start in the first round (one mean run), a3 and a4 in the second, a5 in the third.
        assertThat(lane.estimate("a1").orElseThrow().eta().toMillis()).isEqualTo(2000);
        assertThat(lane.estimate("a2").orElseThrow().eta().toMillis()).isEqualTo(2000);
        assertThat(lane.estimate("a3").orElseThrow().eta().toMillis()).isEqualTo(4000);
        assertThat(lane.estimate("a5").orElseThrow().eta().toMillis()).isEqualTo(6000);
    }

    @Test
    void aRemovedGenerationLeavesTheQueueAndClosingHandsBackTheRest() {
        lane.tryReserve();
        lane.tryReserve();
        lane.enqueue(generation("a1", "team-a"));
        lane.enqueue(generation("b1", "team-b"));
        lane.enqueue(generation("a2", "team-a"));
        assertThat(lane.remove("b1")).isTrue();
        assertThat(lane.remove("b1")).isFalse();
        assertThat(lane.estimate("a2").orElseThrow().position()).isEqualTo(1);

        assertThat(lane.close()).extracting(w -> w.generation().id()).containsExactly("a1", "a2");
        assertThat(lane.tryReserve()).as("a closed lane takes nothing").isFalse();
        lane.finished(10);
        assertThat(started).isEmpty();
    }

    private static Generation generation(String id, String team) {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        return new Generation(id, team, GenerationStatus.QUEUED, GenerationSource.API,
                new Generation.Asked("openai/gpt-image-1", null, "p", "p", null, null, false, "1:1", 64, 64, 1, 1L,
                null,
                        Map.of(), Map.of(), Map.of(), false),
                Generation.Inputs.NONE, new Generation.Progress(0, "queued", null, 0),
                new Generation.Outcome(null, null, List.of(), null, List.of()),
                new Generation.Timing(now, now, null, null, null), new Generation.Billing(1));
    }

    /** Runs a started generation's task on the calling thread. */
    private static final class DirectExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
