package io.atelier.tools;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bounded waits of the generating tools: wait for a generation in steps of {@link #STEP}
 * (each step ends early when it finishes, on any instance), report each step, and give up at the
 * deadline or at once when the application stops, so a tool call always comes back with the id.
 *
 * <p>As a {@link SmartLifecycle} it stops before the web server's graceful shutdown begins (a
 * higher phase stops first): waiting calls then answer with the generation's current state
 * instead of holding the shutdown.
 */
@Component
public class ToolWaits implements SmartLifecycle {

    /** How often a waiting call reports progress (and re-reads the generation). */
    public static final Duration STEP = Duration.ofSeconds(2);

    private final GenerationService generations;
    /** Completed by {@link #stop()}; a new one on {@link #start()} (contexts are stopped and restarted, e.g. paused tests). */
    private volatile CompletableFuture<Void> stopping = new CompletableFuture<>();
    private volatile boolean running;

    ToolWaits(GenerationService generations) {
        this.generations = generations;
    }

    /**
     * Waits until the generation ends, {@code wait} passed, or the application stops; calls
     * {@code step} with the generation after each step that did not end it.
     *
     * @return the generation as it is at the end of the wait
     */
    Generation await(Caller caller, String id, Duration wait, Consumer<Generation> step) {
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Void> stopping = this.stopping;
        Generation current = generations.get(caller, id);
        while (!current.status().isTerminal() && !stopping.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration slice = Duration.ofNanos(Math.min(left, STEP.toNanos()));
            CompletableFuture<Generation> finished = generations.awaitFinished(caller, id, slice);
            try {
                CompletableFuture.anyOf(finished, stopping).get(slice.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return generations.get(caller, id);
            } catch (ExecutionException | TimeoutException e) {
                // The state is read again below.
            }
            current = finished.isDone() && !finished.isCompletedExceptionally() ? finished.join() : generations.get(caller, id);
            if (!current.status().isTerminal() && !stopping.isDone()) {
                step.accept(current);
            }
        }
        return current;
    }

    /**
     * The wait of {@code generate_image} and {@code edit_image}: {@code waitSeconds} (0 to
     * {@value AtelierTools#MAX_WAIT_SECONDS}), else the progress listener's default, else
     * {@value AtelierTools#DEFAULT_WAIT_SECONDS} s; the listener hears the id first and then every step.
     */
    Generation forTool(Caller caller, Generation submitted, Integer waitSeconds, ToolProgress progress,
                       GenerationResults results) {
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > AtelierTools.MAX_WAIT_SECONDS)) {
            throw new ToolException("Invalid wait_seconds " + waitSeconds + ": use 0 to " + AtelierTools.MAX_WAIT_SECONDS + ".");
        }
        if (progress != null) {
            progress.submitted(submitted.id());
        }
        Duration wait = waitSeconds != null ? Duration.ofSeconds(waitSeconds)
                : progress != null && progress.defaultWait() != null ? progress.defaultWait()
                : Duration.ofSeconds(AtelierTools.DEFAULT_WAIT_SECONDS);
        if (wait.isZero() || stopping()) {
            return submitted;
        }
        return await(caller, submitted.id(), wait, g -> {
            if (progress != null) {
                progress.waiting(results.result(g));
            }
        });
    }

    /** Whether the application is stopping (waits end at once). */
    public boolean stopping() {
        return stopping.isDone();
    }

    @Override
    public void start() {
        if (stopping.isDone()) {
            stopping = new CompletableFuture<>();
        }
        running = true;
    }

    @Override
    public void stop() {
        stopping.complete(null);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Above WebServerGracefulShutdownLifecycle (DEFAULT_PHASE - 1024): stopped before requests are drained.
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
