package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.atelier.core.account.Caller;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.generation.SubmitHook;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

class ChatImagineTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    ChatAccounts accounts = mock(ChatAccounts.class);
    ChatSettingsStore settings = mock(ChatSettingsStore.class);
    ChatQuotas quotas = mock(ChatQuotas.class);
    GenerationService generations = mock(GenerationService.class);
    ChatRenderer renderer = new ChatRenderer(generations, null);
    ChatDeliveries deliveries = mock(ChatDeliveries.class);
    ChatJobRepository repository = mock(ChatJobRepository.class);
    ChatImagine imagine = new ChatImagine(accounts, settings, quotas, generations, renderer, deliveries, repository);
    Caller caller = new Caller("team-1", "discord:111", false);
    DeliveryTarget target = new DeliveryTarget("chan-1", Map.of("token", "t"));

    @BeforeEach
    void setUp() {
        when(accounts.callerFor(ChatFixtures.ALICE)).thenReturn(caller);
        when(settings.get(ChatFixtures.ALICE)).thenReturn(ChatSettings.NONE);
        when(quotas.check(ChatFixtures.ALICE)).thenReturn(new QuotaDecision.Allowed());
        when(quotas.checkLocked(ChatFixtures.ALICE)).thenReturn(new QuotaDecision.Allowed());
    }

    /** GenerationService.submit as far as the hook goes: runs it, then returns the stored generation. */
    static Answer<Generation> storing(Generation stored) {
        return invocation -> {
            invocation.getArgument(2, SubmitHook.class).beforeStore(stored);
            return stored;
        };
    }

    @Test
    void anAcceptedPromptIsRecordedAndItsMessageTracked() {
        Generation queued = ChatFixtures.generation(GEN, "team-1", GenerationStatus.PROCESSING, 0, ChatFixtures.ALICE);
        when(generations.submit(eq(caller), any(), any())).thenAnswer(storing(queued));
        when(deliveries.track(ChatFixtures.ALICE, queued, target)).thenReturn("d1");

        ImagineOutcome outcome = imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("a fox --ar 16:9"), target);

        assertThat(outcome).isInstanceOfSatisfying(ImagineOutcome.Accepted.class, a -> {
            assertThat(a.deliveryId()).isEqualTo("d1");
            assertThat(a.generation()).isEqualTo(queued);
            assertThat(a.view()).isInstanceOf(ChatView.Progress.class);
        });
        ArgumentCaptor<GenerationRequest> request = ArgumentCaptor.forClass(GenerationRequest.class);
        verify(generations).submit(eq(caller), request.capture(), any());
        assertThat(request.getValue().parseInlineParameters()).isTrue();
        verify(repository).recordJob(eq(GEN), eq("team-1"), eq(ChatFixtures.ALICE), eq("chan-1"), any());
    }

    @Test
    void overQuotaNothingIsSubmitted() {
        Instant tomorrow = Instant.parse("2026-01-02T00:00:00Z");
        when(quotas.check(ChatFixtures.ALICE)).thenReturn(new QuotaDecision.Denied("user-daily", "You have used your 50 images for today.", tomorrow));

        ImagineOutcome outcome = imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("a fox"), target);

        assertThat(outcome).isInstanceOfSatisfying(ImagineOutcome.Refused.class, r -> {
            assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.QUOTA);
            assertThat(r.failure().code()).isEqualTo("QUOTA_USER_DAILY");
            assertThat(r.failure().retryAt()).isEqualTo(tomorrow);
            assertThat(r.failure().message()).contains("try again at 2026-01-02T00:00:00Z");
        });
        verify(generations, never()).submit(any(), any(), any());
        verifyNoInteractions(deliveries);
    }

    @Test
    void aRaceLostUnderTheLockIsAQuotaRefusalWithNothingRecorded() {
        Generation prepared = ChatFixtures.generation(GEN, "team-1", GenerationStatus.QUEUED, 0, ChatFixtures.ALICE);
        when(generations.submit(eq(caller), any(), any())).thenAnswer(storing(prepared));
        when(quotas.checkLocked(ChatFixtures.ALICE)).thenReturn(new QuotaDecision.Denied("user-concurrent",
                "You already have 1 job(s) running (limit 1); try again when one finishes.", null));

        ImagineOutcome outcome = imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("a fox"), target);

        assertThat(outcome).isInstanceOfSatisfying(ImagineOutcome.Refused.class, r -> {
            assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.QUOTA);
            assertThat(r.failure().code()).isEqualTo("QUOTA_USER_CONCURRENT");
        });
        verify(repository, never()).recordJob(anyString(), anyString(), any(), any(), any());
        verifyNoInteractions(deliveries);
    }

    @Test
    void aBlockedPromptNamesTheRuleAndStartsNoDelivery() {
        when(generations.submit(eq(caller), any(), any())).thenThrow(new PromptBlockedException("global#3", "violence",
                "prompt matches blocked term rule global#3"));

        ImagineOutcome outcome = imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("bad"), target);

        assertThat(outcome).isInstanceOfSatisfying(ImagineOutcome.Refused.class, r -> {
            assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.BLOCKED);
            assertThat(r.failure().rule()).isEqualTo("global#3");
            assertThat(r.failure().retryable()).isFalse();
        });
        verify(repository, never()).recordJob(anyString(), anyString(), any(), any(), any());
        verifyNoInteractions(deliveries);
    }

    @Test
    void aCooldownSaysWhenToTryAgain() {
        Instant until = Instant.parse("2026-01-01T10:15:00Z");
        when(generations.submit(eq(caller), any(), any())).thenThrow(new PromptCooldownException(until, Duration.ofMinutes(15)));

        ImagineOutcome outcome = imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("x"), target);

        assertThat(outcome).isInstanceOfSatisfying(ImagineOutcome.Refused.class, r -> {
            assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.COOLDOWN);
            assertThat(r.failure().retryAt()).isEqualTo(until);
            assertThat(r.failure().message()).contains("2026-01-01T10:15:00Z");
        });
    }

    @Test
    void noCreditsAndBadOptionsAreRefusalsButOtherErrorsPropagate() {
        when(generations.submit(eq(caller), any(), any())).thenThrow(new InsufficientCreditsException(4, 1));
        assertThat(imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("x"), target))
                .isInstanceOfSatisfying(ImagineOutcome.Refused.class,
                        r -> assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.CREDITS));

        assertThat(imagine.submit(ChatFixtures.ALICE,
                new ImagineOptions("x", null, null, null, 9, null, null, null, null), target))
                .isInstanceOfSatisfying(ImagineOutcome.Refused.class, r -> {
                    assertThat(r.failure().kind()).isEqualTo(ChatView.FailureKind.INVALID);
                    assertThat(r.failure().message()).contains("count");
                });

        when(generations.submit(eq(caller), any(), any())).thenThrow(new IllegalStateException("database down"));
        assertThatThrownBy(() -> imagine.submit(ChatFixtures.ALICE, ImagineOptions.ofPrompt("x"), target))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rerollAndRetryReuseTheOptionsWithTheirSeed() {
        Generation source = ChatFixtures.generation(GEN, "team-1", GenerationStatus.SUCCEEDED, 100, ChatFixtures.ALICE);
        Generation next = ChatFixtures.generation("8f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f", "team-1",
                GenerationStatus.PROCESSING, 0, ChatFixtures.ALICE);
        when(generations.submit(eq(caller), any(), any())).thenAnswer(storing(next));
        ArgumentCaptor<GenerationRequest> request = ArgumentCaptor.forClass(GenerationRequest.class);

        imagine.again(ChatFixtures.ALICE, source, ChatAction.REROLL, target);
        imagine.again(ChatFixtures.ALICE, source, ChatAction.RETRY, target);

        verify(generations, times(2)).submit(eq(caller), request.capture(), any());
        GenerationRequest reroll = request.getAllValues().get(0);
        assertThat(reroll.prompt()).isEqualTo("a fox");
        assertThat(reroll.seed()).isNull();
        assertThat(reroll.model()).isEqualTo("local/preview");
        assertThat(request.getAllValues().get(1).seed()).isNull();
    }
}
