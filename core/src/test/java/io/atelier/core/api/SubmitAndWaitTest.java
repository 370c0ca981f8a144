package io.atelier.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The threading and time-limit contract of the dialects' one submit-and-wait path. */
class SubmitAndWaitTest {

    private static final Caller CALLER = new Caller("team", "key", false, Set.of());
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final GenerationService generations = mock(GenerationService.class);
    private final SubmitAndWait submitAndWait = new SubmitAndWait(generations);
    private final Generation submitted = mock(Generation.class);
    private final Generation ended = mock(Generation.class);
    private final RequestAttributes request = new ServletRequestAttributes(new MockHttpServletRequest());

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aZeroWaitAnswersAtOnceOnTheCallingThreadWithoutAWaiter() {
        when(generations.submit(any(), any())).thenReturn(submitted);
        Thread caller = Thread.currentThread();

        CompletableFuture<String> answer = submitAndWait.answerWhenEnded(CALLER, null, Duration.ZERO, (s, e) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return s == submitted && e == submitted ? "queued" : "wrong generation";
        });

        assertThat(answer).isCompletedWithValue("queued");
        verify(generations, never()).submitAndWait(any(), any(), any());
    }

    @Test
    void theAnswerWaitsForTheEndAndRendersOffTheEndingThreadWithTheRequestBound() throws Exception {
        CompletableFuture<Generation> finished = new CompletableFuture<>();
        when(generations.submitAndWait(CALLER, null, WAIT)).thenReturn(new GenerationService.Submitted(submitted, finished));
        RequestContextHolder.setRequestAttributes(request);

        CompletableFuture<String> answer = submitAndWait.answerWhenEnded(CALLER, null, WAIT, (s, e) -> {
            assertThat(RequestContextHolder.getRequestAttributes()).isSameAs(request);
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            return (s == submitted ? "submitted" : "?") + "+" + (e == ended ? "ended" : "?") + " on " + Thread.currentThread().getName();
        });
        assertThat(answer).isNotDone();
        Thread ending = Thread.ofPlatform().start(() -> finished.complete(ended));
        ending.join();

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("submitted+ended on generation-answer");
    }

    @Test
    void aDeletedGenerationReachesTheAnswerAsNullAndAnAnswersFailureFailsTheFuture() {
        when(generations.submitAndWait(CALLER, null, WAIT))
                .thenReturn(new GenerationService.Submitted(submitted, CompletableFuture.completedFuture(null)));
        RequestContextHolder.setRequestAttributes(request);

        CompletableFuture<String> answer = submitAndWait.answerWhenEnded(CALLER, null, WAIT, (s, e) -> {
            throw new IllegalStateException(e == null ? "deleted" : "not deleted");
        });

        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("deleted");
    }

    @Test
    void answerHereRendersOnTheCallingThreadOnceEnded() {
        when(generations.submitAndWait(CALLER, null, WAIT))
                .thenReturn(new GenerationService.Submitted(submitted, CompletableFuture.completedFuture(ended)));
        Thread caller = Thread.currentThread();

        String answer = submitAndWait.answerHere(CALLER, null, WAIT,
                (s, e) -> Thread.currentThread() == caller && s == submitted && e == ended ? "rendered here" : "wrong");

        assertThat(answer).isEqualTo("rendered here");
    }
}
