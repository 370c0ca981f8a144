package io.atelier.tools;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
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
 * The bounded waits of the generating tools: submit, wait for the generation in steps of {@link #STEP}
 * (the wait ends early when it finishes, on any instance), report each step, and give up at the
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
     * The submit-and-wait of {@code generate_image} and {@code edit_image}, over
     * {@link GenerationService#submitAndWait} (the waiter is in place before the generation can start).
     *
     * <p>Time limit: {@code waitSeconds} (0 to {@value AtelierTools#MAX_WAIT_SECONDS}), else the
     * progress listener's default, else {@value AtelierTools#DEFAULT_WAIT_SECONDS} s; the wait also
     * ends when the generation ends (on any instance) or at once when the application stops.
     * Threading: the calling thread (the tool call's) submits and then parks in steps of
     * {@link #STEP}; after each step that did not end the wait it re-reads the generation and tells
     * {@code progress} (which heard the id first).
     *
     * @return the generation as it is at the end of the wait
     */
    Generation submitAndWait(Caller caller, GenerationRequest request, Integer waitSeconds, ToolProgress progress,
                             GenerationResults results) {
        if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > AtelierTools.MAX_WAIT_SECONDS)) {
            throw new ToolException("Invalid wait_seconds " + waitSeconds + ": use 0 to " + AtelierTools.MAX_WAIT_SECONDS + ".");
        }
        Duration wait = waitSeconds != null ? Duration.ofSeconds(waitSeconds)
                : progress != null && progress.defaultWait() != null ? progress.defaultWait()
                : Duration.ofSeconds(AtelierTools.DEFAULT_WAIT_SECONDS);
        if (wait.isZero() || stopping()) {
            Generation submitted = generations.submit(caller, request);
            if (progress != null) {
                progress.submitted(submitted.id());
            }
            return submitted;
        }
        GenerationService.Submitted submitted = generations.submitAndWait(caller, request, wait);
        if (progress != null) {
            progress.submitted(submitted.generation().id());
        }
        return await(caller, submitted, g -> {
            if (progress != null) {
                progress.waiting(results.result(g));
            }
        });
    }

    private Generation await(Caller caller, GenerationService.Submitted submitted, Consumer<Generation> step) {
        String id = submitted.generation().id();
        CompletableFuture<Void> stopping = this.stopping;
        Generation current = submitted.generation();
        while (!current.status().isTerminal()) {
            try {
                CompletableFuture.anyOf(submitted.finished(), stopping).get(STEP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return generations.get(caller, id);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the wait for generation " + id + " failed", e.getCause());
            } catch (TimeoutException e) {
                current = generations.get(caller, id);
                if (!current.status().isTerminal()) {
                    step.accept(current);
                }
                continue;
            }
            // The wait ran out, the generation ended, or the application stops: its state now
            // (null from the wait means it was deleted meanwhile, reported as not found).
            Generation ended = submitted.finished().getNow(null);
            return ended != null ? ended : generations.get(caller, id);
        }
        return current;
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
