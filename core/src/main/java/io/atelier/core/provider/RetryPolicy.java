package io.atelier.core.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Retries of one provider call: exponential backoff with full jitter, honouring a backend's
 * {@code Retry-After} up to {@code maxRetryAfter}; only {@link ProviderException.Retriable}
 * failures are retried, and never once the generation is canceled.
 *
 * @param maxAttempts    total tries including the first (1 = no retry)
 * @param initialBackoff backoff ceiling before the second try
 * @param maxBackoff     largest backoff ceiling
 * @param maxRetryAfter  a Retry-After longer than this fails the call instead of waiting
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** One provider call that may be tried again. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws ProviderException;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails non-retriably, runs out of tries or is canceled.
     * Waiting between tries sleeps in the calling thread and stops at once on interrupt or cancel.
     */
    public <T> T execute(ProviderContext context, Attempt<T> attempt) throws ProviderException {
        return execute(context, attempt, e -> true);
    }

    /**
     * Like {@link #execute(ProviderContext, Attempt)}, but a retriable failure is tried again only when
     * {@code retryIf} accepts it (e.g. only failures whose backend cannot have started billing).
     */
    public <T> T execute(ProviderContext context, Attempt<T> attempt,
                         Predicate<ProviderException.Retriable> retryIf) throws ProviderException {
        for (int n = 1; ; n++) {
            context.throwIfCancelled();
            try {
                return attempt.run(n);
            } catch (ProviderException.Retriable e) {
                if (n >= maxAttempts || !retryIf.test(e)) {
                    throw e;
                }
                Duration wait = backoff(n, e);
                if (wait == null) {
                    throw e;
                }
                context.progress(ProviderContext.Progress.percent(0,
                        "retrying after " + e.code() + " (try " + (n + 1) + " of " + maxAttempts + ")"));
                sleep(wait, context);
            }
        }
    }

    /** The wait before try {@code n + 1}, or null when the backend asks for longer than we wait. */
    Duration backoff(int n, ProviderException.Retriable e) {
        if (e.retryAfter().isPresent()) {
            Duration retryAfter = e.retryAfter().get();
            return retryAfter.compareTo(maxRetryAfter) > 0 ? null : retryAfter;
        }
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(n - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static void sleep(Duration wait, ProviderContext context) throws ProviderException.Canceled {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                context.throwIfCancelled();
                long left = Math.max(0, deadline - System.nanoTime());
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Canceled();
        }
    }
}
