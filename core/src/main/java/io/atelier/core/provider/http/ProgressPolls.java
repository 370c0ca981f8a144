package io.atelier.core.provider.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Polls a backend's progress while a long call runs (AUTOMATIC1111's {@code /sdapi/v1/progress} while
 * its txt2img call is open): every {@code interval}, one poll in flight at a time, on a virtual thread
 * of its own, until closed. The call itself is waited for as usual ({@link ProviderHttpClient#exchange}),
 * so cancellation and deadlines stay the kit's. A poll reports its own result (to the generation's
 * context) and swallows its failures: a missed progress report never fails a generation.
 */
public final class ProgressPolls implements AutoCloseable {

    private final Thread poller;

    private ProgressPolls(Thread poller) {
        this.poller = poller;
    }

    /** Starts polling; the first poll runs one {@code interval} from now. */
    public static ProgressPolls every(Duration interval, Supplier<CompletableFuture<?>> poll) {
        return new ProgressPolls(Thread.ofVirtual().name("progress-poll").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval);
                    try {
                        poll.get().get();
                    } catch (ExecutionException e) {
                        // the poll's own failure: the next one may succeed
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }));
    }

    /** Stops polling; a poll in flight is no longer waited for. */
    @Override
    public void close() {
        poller.interrupt();
    }
}
