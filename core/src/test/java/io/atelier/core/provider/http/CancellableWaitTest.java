package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one provider wait: the answer, the deadline, a signalled cancel, or a future canceled by someone else. */
class CancellableWaitTest {

    private static final long LONG = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);

    @Test
    void aSignalledCancelWakesTheWaitAndCancelsTheExchange() throws Exception {
        CompletableFuture<String> exchange = new CompletableFuture<>();
        SignallingContext context = new SignallingContext();
        Thread.ofVirtual().start(() -> {
            sleep(100);
            context.cancel();
        });

        assertThatThrownBy(() -> CancellableWait.await(exchange, context, LONG, () -> timeout(), e -> failed(e)))
                .isInstanceOf(ProviderException.Canceled.class);
        assertThat(exchange.isCancelled()).isTrue();
    }

    @Test
    void aFutureCanceledBySomeoneElseFailsAtOnceInsteadOfWaitingForTheDeadline() {
        CompletableFuture<String> exchange = new CompletableFuture<>();
        exchange.cancel(true); // e.g. the HTTP client was closed

        assertThatThrownBy(() -> CancellableWait.await(exchange, new SignallingContext(), LONG, () -> timeout(), e -> failed(e)))
                .isInstanceOf(ProviderException.NonRetriable.class).hasMessageContaining("CancellationException");
    }

    @Test
    void theAnswerOrTheDeadline() throws Exception {
        assertThat(CancellableWait.await(CompletableFuture.completedFuture("ok"), new SignallingContext(), LONG,
                () -> timeout(), e -> failed(e))).isEqualTo("ok");
        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        assertThatThrownBy(() -> CancellableWait.await(new CompletableFuture<String>(), new SignallingContext(), soon,
                () -> timeout(), e -> failed(e))).hasMessage("too slow");
    }

    @Test
    void aPauseLastsItsIntervalUnlessASignalledCancelEndsItAtOnce() throws Exception {
        long start = System.nanoTime();
        CancellableWait.pause(new SignallingContext(), Duration.ofMillis(80));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));

        SignallingContext context = new SignallingContext();
        Thread.ofVirtual().start(() -> {
            sleep(50);
            context.cancel();
        });
        long before = System.nanoTime();
        CancellableWait.pause(context, Duration.ofMinutes(5));
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(context.isCancelled()).isTrue();
    }

    @Test
    void anInterruptedPauseIsACancel() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> CancellableWait.pause(new SignallingContext(), Duration.ofMinutes(5)))
                    .isInstanceOf(ProviderException.Canceled.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static ProviderException timeout() {
        return ProviderException.Retriable.timeout("too slow", null);
    }

    private static ProviderException failed(Throwable e) {
        return new ProviderException.NonRetriable("PROVIDER_ERROR", "failed: " + e.getClass().getSimpleName(), e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A context that signals its cancel, as a running generation's does (it never polls). */
    private static final class SignallingContext implements ProviderContext {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<Runnable> watcher = new AtomicReference<>();

        void cancel() {
            cancelled.set(true);
            Runnable w = watcher.get();
            if (w != null) {
                w.run();
            }
        }

        @Override
        public void progress(Progress progress) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public CancelWatch watchCancel(Runnable onCancel) {
            watcher.set(onCancel);
            return CancelWatch.SIGNALLED;
        }
    }
}
