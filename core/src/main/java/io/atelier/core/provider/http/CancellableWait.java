package io.atelier.core.provider.http;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;

/**
 * The one way a provider waits for an asynchronous HTTP exchange: until it completes, its deadline
 * passes or the generation is canceled, whichever comes first. A context that signals cancellation
 * ({@link ProviderContext#watchCancel}) wakes the wait at once, so a waiting call costs nothing
 * until then; otherwise the wait checks {@link ProviderContext#isCancelled()} as often as the
 * context asks. (Polling every 50 ms threw a {@link TimeoutException} twenty times a second per call
 * in flight: at 256 in flight, a fifth of a core.)
 */
public final class CancellableWait {

    private CancellableWait() {
    }

    /**
     * Waits for {@code future}.
     *
     * @param deadline  {@link System#nanoTime()} by which the answer must be complete
     * @param timedOut  the failure to throw when the deadline passes
     * @param transport maps the exchange's own failure (unwrapped) to a provider failure
     * @throws ProviderException.Canceled when the context is canceled or the thread interrupted (the
     *                                    exchange is aborted; the interrupt flag stays set)
     */
    public static <T> T await(CompletableFuture<T> future, ProviderContext context, long deadline,
                              Supplier<ProviderException> timedOut,
                              Function<Throwable, ProviderException> transport) throws ProviderException {
        try (ProviderContext.CancelWatch watch = context.watchCancel(() -> future.cancel(true))) {
            while (true) {
                if (context.isCancelled()) {
                    future.cancel(true);
                    throw new ProviderException.Canceled();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    future.cancel(true);
                    throw timedOut.get();
                }
                try {
                    return future.get(Math.min(left, watch.pollNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // the context's poll interval or the deadline: checked above
                } catch (CancellationException e) {
                    if (context.isCancelled()) {
                        throw new ProviderException.Canceled();
                    }
                    // canceled by someone else (the client closing): a failure, not a reason to wait on
                    throw transport.apply(e);
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException.Canceled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw transport.apply(cause);
        }
    }

    /**
     * Waits {@code interval} between two polls of a backend, returning early when the generation is
     * canceled (the caller's loop then sees {@link ProviderContext#isCancelled()}). Like {@link #await},
     * a context that signals its cancel wakes the pause at once; others are checked as often as they ask.
     *
     * @throws ProviderException.Canceled when the thread is interrupted (the interrupt flag stays set)
     */
    public static void pause(ProviderContext context, Duration interval) throws ProviderException.Canceled {
        CountDownLatch canceled = new CountDownLatch(1);
        long until = System.nanoTime() + interval.toNanos();
        try (ProviderContext.CancelWatch watch = context.watchCancel(canceled::countDown)) {
            while (!context.isCancelled()) {
                long left = until - System.nanoTime();
                if (left <= 0 || canceled.await(Math.min(left, watch.pollNanos()), TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Canceled();
        }
    }
}
