package io.atelier.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.junit.jupiter.api.Test;

/** The admission limit of {@link DiscordWork}: acknowledged interactions wait their turn. */
class DiscordWorkTest {

    @Test
    void runsAtMostTheConfiguredNumberOfSlowPartsAtOnceAndAllOfThemInTheEnd() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            DiscordWork work = new DiscordWork(executor, 2);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                work.after(CompletableFuture.completedFuture(null), mock(InteractionHook.class), () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(most.get()).isBetween(1, 2);
        }
    }

    @Test
    void aFailedSlowPartGivesBackItsTurn() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            DiscordWork work = new DiscordWork(executor, 1);
            InteractionHook hook = mock(InteractionHook.class, RETURNS_DEEP_STUBS);
            CountDownLatch after = new CountDownLatch(1);
            work.after(CompletableFuture.completedFuture(null), hook, () -> {
                throw new IllegalStateException("boom");
            });
            work.after(CompletableFuture.completedFuture(null), hook, after::countDown);
            assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anAcknowledgementDiscordRefusedNeverRunsTheSlowPart() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            DiscordWork work = new DiscordWork(executor, 1);
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch second = new CountDownLatch(1);
            work.after(CompletableFuture.failedFuture(new IllegalStateException("10062 Unknown interaction")),
                    mock(InteractionHook.class), ran::incrementAndGet);
            work.after(CompletableFuture.completedFuture(null), mock(InteractionHook.class), second::countDown);
            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.get()).isZero();
        }
    }
}
