package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ProgressPollsTest {

    @Test
    void pollsEveryIntervalThroughFailuresAndStopsWhenClosed() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (ProgressPolls ignored = ProgressPolls.every(Duration.ofMillis(10), () -> polls.incrementAndGet() % 2 == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("backend hiccup"))
                : CompletableFuture.completedFuture(null))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (polls.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertThat(polls.get()).as("a failed poll does not end the polling").isGreaterThanOrEqualTo(4);
        Thread.sleep(50);
        int afterClose = polls.get();
        Thread.sleep(100);
        assertThat(polls.get()).isLessThanOrEqualTo(afterClose);
    }

    @Test
    void aCallShorterThanTheIntervalIsNeverPolled() {
        AtomicInteger polls = new AtomicInteger();
        try (ProgressPolls ignored = ProgressPolls.every(Duration.ofMinutes(5), () -> {
            polls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        })) {
            assertThat(polls.get()).isZero();
        }
        assertThat(polls.get()).isZero();
    }
}
