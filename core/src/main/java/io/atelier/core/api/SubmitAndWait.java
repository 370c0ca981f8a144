package io.atelier.core.api;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one submit-then-wait-then-answer path of the synchronous HTTP dialects (native
 * {@code Prefer: wait}, v0's sync mode, Cuppa, Recoup, OpenAI), built on
 * {@link GenerationService#submitAndWait}.
 *
 * <p>Contract, for both ways to answer:
 * <ul>
 * <li>The submit (validation, charge, storage) runs on the calling request thread; its exceptions
 *     are thrown from here, so the dialect's exception handler answers them as before.</li>
 * <li>The waiter is in place before the generation can start, so however fast it ends no poll is
 *     needed to notice.</li>
 * <li>Time limit: the wait ends when the generation is terminal, or after {@code wait} with its
 *     state then (still queued or processing: each dialect's own "not ready" answer), or with
 *     {@code null} when it was deleted meanwhile. A timeout never fails the wait.</li>
 * <li>A zero {@code wait} registers no waiter: the answer is rendered at once, on the calling
 *     thread, with the generation as submitted.</li>
 * </ul>
 */
@Component
public class SubmitAndWait {

    /**
     * Renders a dialect's answer.
     *
     * <p>{@code submitted} is the generation as the submit stored it; {@code ended} is its state at
     * the end of the wait (terminal, still running at the time limit, or null when deleted meanwhile),
     * the same as {@code submitted} for a zero wait.
     */
    @FunctionalInterface
    public interface Answer<T> {
        T render(Generation submitted, Generation ended);
    }

    /** Answers start on a virtual thread of their own: the thread that ended a generation must not render, sign or encode. */
    private static final Executor ANSWERS = task -> Thread.ofVirtual().name("generation-answer").start(task);

    private final GenerationService generations;

    SubmitAndWait(GenerationService generations) {
        this.generations = generations;
    }

    /**
     * Submits and answers once the wait ends, holding no thread meanwhile (for Spring MVC's
     * asynchronous dispatch). {@code answer} runs on a virtual thread with this request's
     * {@link RequestAttributes} bound, so image URLs use the host the client called; an exception it
     * throws completes the future exceptionally (Spring hands it to the dialect's exception handler).
     * Must be called on a request thread.
     */
    public <T> CompletableFuture<T> answerWhenEnded(Caller caller, GenerationRequest request, Duration wait,
                                                    Answer<T> answer) {
        if (wait.isZero()) {
            Generation submitted = generations.submit(caller, request);
            return CompletableFuture.completedFuture(answer.render(submitted, submitted));
        }
        GenerationService.Submitted submitted = generations.submitAndWait(caller, request, wait);
        RequestAttributes httpRequest = RequestContextHolder.currentRequestAttributes();
        return submitted.finished().thenApplyAsync(
                ended -> inRequest(httpRequest, () -> answer.render(submitted.generation(), ended)), ANSWERS);
    }

    /**
     * Submits, parks the calling thread until the wait ends and answers on it, in the same dispatch.
     * For virtual request threads ({@code spring.threads.virtual.enabled}), where parking costs no
     * platform thread and a second dispatch would run the whole filter chain again.
     */
    public <T> T answerHere(Caller caller, GenerationRequest request, Duration wait, Answer<T> answer) {
        if (wait.isZero()) {
            Generation submitted = generations.submit(caller, request);
            return answer.render(submitted, submitted);
        }
        GenerationService.Submitted submitted = generations.submitAndWait(caller, request, wait);
        return answer.render(submitted.generation(), submitted.finished().join());
    }

    private static <T> T inRequest(RequestAttributes request, Supplier<T> work) {
        RequestContextHolder.setRequestAttributes(request);
        try {
            return work.get();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }
}
