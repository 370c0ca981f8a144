package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;

class ChatDeliveryRunnerTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";
    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    ChatDeliveryRepository repository = mock(ChatDeliveryRepository.class);
    GenerationService generations = mock(GenerationService.class);
    ChatRenderer renderer = mock(ChatRenderer.class);
    ChatDeliveryChannel channel = mock(ChatDeliveryChannel.class);
    @SuppressWarnings("unchecked")
    ObjectProvider<ChatDeliveryChannel> channels = mock(ObjectProvider.class);
    ChatFixtures.MutableClock clock = new ChatFixtures.MutableClock(START);
    ChatProperties properties = new ChatProperties(null, null,
            new ChatProperties.Delivery(Duration.ofSeconds(2), 3, Duration.ofHours(1)));
    ChatDeliveryRunner runner;

    @BeforeEach
    void setUp() {
        when(channel.platform()).thenReturn(ChatPlatform.DISCORD);
        when(channels.orderedStream()).thenAnswer(i -> Stream.of(channel));
        runner = new ChatDeliveryRunner(repository, generations, renderer, channels, properties, clock);
    }

    ChatDelivery delivery(String lastView, Instant lastEditAt, int attempts) {
        return new ChatDelivery("d1", GEN, "team-1", ChatPlatform.DISCORD, "guild-1", "111",
                new DeliveryTarget("chan-1", Map.of("token", "tok")), ChatDelivery.State.ACTIVE, lastView, lastEditAt,
                attempts, null, START);
    }

    void generationIs(GenerationStatus status, int percent, ChatView view) {
        Generation g = ChatFixtures.generation(GEN, "team-1", status, percent, ChatFixtures.ALICE);
        when(generations.find(any(), eq(GEN))).thenReturn(Optional.of(g));
        when(renderer.view(g, 0)).thenReturn(view);
    }

    static ChatView.Progress progress(int percent) {
        return new ChatView.Progress(GEN, "a fox", null, "local/preview", percent, ProgressBar.text(percent), null);
    }

    static ChatView.Result result() {
        return new ChatView.Result(GEN, "a fox", null, "local/preview", 42, 1200L, "1:1", List.of(), List.of(), "a fox");
    }

    @Test
    void showsTheCurrentViewAndComesBackAfterTheProgressInterval() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 0)));
        ChatView view = progress(30);
        generationIs(GenerationStatus.PROCESSING, 30, view);
        when(channel.deliver(any(), eq(view))).thenReturn(DeliveryOutcome.Delivered.ok());

        ChatDeliveryRunner.Next next = runner.run("d1");

        verify(channel).deliver(any(), eq(view));
        verify(repository).shown(eq("d1"), eq("progress:30"), any(), any(), eq(ChatDelivery.State.ACTIVE));
        assertThat(next).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(2)));
    }

    @Test
    void progressEditsAreThrottledPerMessage() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("progress:30", START, 0)));
        generationIs(GenerationStatus.PROCESSING, 60, progress(60));
        clock.advance(Duration.ofMillis(500));

        ChatDeliveryRunner.Next next = runner.run("d1");

        verify(channel, never()).deliver(any(), any());
        assertThat(next).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(2)));
    }

    @Test
    void theUnchangedViewIsNotEditedAgain() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("progress:30", START, 0)));
        generationIs(GenerationStatus.PROCESSING, 30, progress(30));
        clock.advance(Duration.ofSeconds(10));

        assertThat(runner.run("d1")).isInstanceOf(ChatDeliveryRunner.Next.RunAt.class);
        verify(channel, never()).deliver(any(), any());
    }

    @Test
    void theResultGoesOutAtOnceEvenInsideTheProgressIntervalAndEndsTheDelivery() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("progress:90", START, 0)));
        ChatView.Result result = result();
        generationIs(GenerationStatus.SUCCEEDED, 100, result);
        when(channel.deliver(any(), eq(result))).thenReturn(new DeliveryOutcome.Delivered(Map.of("messageId", "m9")));
        clock.advance(Duration.ofMillis(100));

        ChatDeliveryRunner.Next next = runner.run("d1");

        assertThat(next).isEqualTo(new ChatDeliveryRunner.Next.Done());
        ArgumentCaptor<DeliveryTarget> target = ArgumentCaptor.forClass(DeliveryTarget.class);
        verify(repository).shown(eq("d1"), eq("result"), any(), target.capture(), eq(ChatDelivery.State.DONE));
        assertThat(target.getValue().data()).containsEntry("messageId", "m9").containsEntry("token", "tok");
    }

    @Test
    void aRateLimitIsRetriedAfterItsRetryAfter() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("progress:90", START, 0)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());
        when(channel.deliver(any(), any())).thenReturn(new DeliveryOutcome.Retry(Duration.ofSeconds(7), "429"));

        ChatDeliveryRunner.Next next = runner.run("d1");

        assertThat(next).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(7)));
        verify(repository).failedAttempt("d1", 1, "429", START);
        verify(repository, never()).finish(anyString(), any(), any(), any());
    }

    @Test
    void aServerErrorWithoutRetryAfterBacksOff() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 1)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());
        when(channel.deliver(any(), any())).thenReturn(new DeliveryOutcome.Retry(null, "HTTP 502"));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(2)));
        verify(repository).failedAttempt("d1", 2, "HTTP 502", START);
    }

    @Test
    void anExceptionFromTheChannelCountsAsARetriableFailure() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 0)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());
        when(channel.deliver(any(), any())).thenThrow(new IllegalStateException("connection reset"));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(1)));
        verify(repository).failedAttempt(eq("d1"), eq(1), anyString(), any());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 2)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());
        when(channel.deliver(any(), any())).thenReturn(new DeliveryOutcome.Retry(null, "HTTP 503"));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish(eq("d1"), eq(ChatDelivery.State.GAVE_UP), anyString(), any());
    }

    @Test
    void aGoneTargetIsNeverRetried() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 0)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());
        when(channel.deliver(any(), any())).thenReturn(new DeliveryOutcome.Gone("Unknown Webhook"));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish("d1", ChatDelivery.State.GONE, "Unknown Webhook", START);
        verify(repository, never()).failedAttempt(anyString(), anyInt(), any(), any());

        // A later run (a duplicate job, an early trigger) finds it finished and does nothing.
        when(repository.find("d1")).thenReturn(Optional.of(new ChatDelivery("d1", GEN, "team-1", ChatPlatform.DISCORD,
                "guild-1", "111", new DeliveryTarget("chan-1", Map.of()), ChatDelivery.State.GONE, null, null, 0,
                "Unknown Webhook", START)));
        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(channel).deliver(any(), any());
    }

    @Test
    void aDeletedGenerationEndsTheDelivery() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 0)));
        when(generations.find(any(), eq(GEN))).thenReturn(Optional.empty());

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish(eq("d1"), eq(ChatDelivery.State.GONE), anyString(), any());
        verify(channel, never()).deliver(any(), any());
    }

    @Test
    void withoutABotForThePlatformItWaitsThenGivesUpAtMaxAge() {
        when(channels.orderedStream()).thenAnswer(i -> Stream.empty());
        when(repository.find("d1")).thenReturn(Optional.of(delivery(null, null, 0)));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.RunAt(START.plusSeconds(30)));
        clock.advance(Duration.ofHours(2));
        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish(eq("d1"), eq(ChatDelivery.State.GAVE_UP), anyString(), any());
    }

    @Test
    void aGenerationThatNeverEndsIsAbandonedAtMaxAge() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("pending:0", START, 0)));
        generationIs(GenerationStatus.QUEUED, 0, progress(0));
        clock.advance(Duration.ofHours(2));

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish(eq("d1"), eq(ChatDelivery.State.GAVE_UP), anyString(), any());
    }

    @Test
    void aFinishedDeliveryWhoseResultWasShownIsMarkedDone() {
        when(repository.find("d1")).thenReturn(Optional.of(delivery("result", START, 0)));
        generationIs(GenerationStatus.SUCCEEDED, 100, result());

        assertThat(runner.run("d1")).isEqualTo(new ChatDeliveryRunner.Next.Done());
        verify(repository).finish("d1", ChatDelivery.State.DONE, null, START);
        verify(channel, never()).deliver(any(), any());
    }
}
