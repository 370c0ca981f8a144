package io.atelier.core.prompt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a remote call (LLM, moderation model) on a virtual thread and gives up waiting after a
 * deadline, so a slow backend cannot hold a request longer than configured. On timeout the call's
 * thread is interrupted (it only does HTTP; nothing else is on it).
 */
public final class TimeLimit {

    private TimeLimit() {
    }

    /**
     * @throws TimeoutException when {@code limit} passed first
     * @throws RuntimeException  what the call threw (checked exceptions wrapped)
     */
    public static <T> T call(String name, Supplier<T> work, Duration limit) throws TimeoutException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw new TimeoutException("interrupted while waiting for " + name);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
