package io.atelier.core.provider.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.atelier.core.provider.ProviderContext;

/**
 * Bounds the blocking read of a response body: while a body is read, a shared timer checks every
 * {@value #CHECK_MILLIS} ms whether the call was canceled or its deadline passed, and then closes
 * the stream, which ends the blocked read with an {@link IOException}. The reader then asks
 * {@link Watch#expired()} and the context which of the two it was. No thread is interrupted.
 *
 * <p>Thread-safe; the timer is one daemon thread for the whole process.
 */
public final class BodyWatchdog {

    private static final long CHECK_MILLIS = 100;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "atelier-body-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private BodyWatchdog() {
    }

    /** One watched read; closing it stops the watch (not the stream). */
    public static final class Watch implements AutoCloseable {
        private final Closeable stream;
        private final ProviderContext context;
        private final long deadlineNanos;
        private volatile boolean expired;
        private volatile boolean done;
        private ScheduledFuture<?> check;

        private Watch(Closeable stream, ProviderContext context, long deadlineNanos) {
            this.stream = stream;
            this.context = context;
            this.deadlineNanos = deadlineNanos;
        }

        /** Whether the stream was closed because the deadline passed. */
        public boolean expired() {
            return expired;
        }

        private void check() {
            if (done) {
                return;
            }
            boolean late = System.nanoTime() - deadlineNanos > 0;
            if (late || context.isCancelled()) {
                expired = late;
                done = true;
                check.cancel(false);
                try {
                    stream.close();
                } catch (IOException | RuntimeException ignored) {
                    // The reader sees the stream fail either way.
                }
            }
        }

        @Override
        public void close() {
            done = true;
            check.cancel(false);
        }
    }

    /** Starts watching a read of {@code stream} for {@code context}'s cancel and {@code deadlineNanos}. */
    public static Watch watch(Closeable stream, ProviderContext context, long deadlineNanos) {
        Watch watch = new Watch(stream, context, deadlineNanos);
        watch.check = TIMER.scheduleWithFixedDelay(watch::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }
}
