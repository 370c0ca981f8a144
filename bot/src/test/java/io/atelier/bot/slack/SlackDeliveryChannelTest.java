package io.atelier.bot.slack;

import io.atelier.core.generation.GenerationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Slack crash window: the delivery exists before its message. A delivery without a message ts
 * (the state right after {@code /imagine}, or after a crash before the first post) posts the
 * message itself, records the ts at once, and hands it to the runner in its outcome; later runs edit it.
 */
class SlackDeliveryChannelTest {

    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final ChatDeliveries deliveries = mock(ChatDeliveries.class);
    private final SlackDeliveryChannel channel = new SlackDeliveryChannel(slack, mock(GenerationService.class),
            new SlackUploads(mock(JdbcTemplate.class)), deliveries);
    private final ChatView.Pending pending = new ChatView.Pending("gen-1", "a harbour", null, "local/preview", 1, 0, null);

    @Test
    void aDeliveryWithoutAMessagePostsItAndRecordsTheTsBeforeAnythingElse() {
        ChatDelivery d = delivery(Map.of(SlackDeliveryChannel.REQUESTER, "U1"));
        when(slack.postMessage(eq("C1"), isNull(), anyString(), any())).thenReturn("1700.0001");

        DeliveryOutcome outcome = channel.deliver(d, pending);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(Map.of(SlackDeliveryChannel.TS, "1700.0001")));
        InOrder order = inOrder(slack, deliveries);
        order.verify(slack).postMessage(eq("C1"), isNull(), anyString(), any());
        order.verify(deliveries).rememberTarget(d, Map.of(SlackDeliveryChannel.TS, "1700.0001"));
        verify(slack, never()).updateMessage(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aDeliveryWithItsMessageEditsIt() {
        ChatDelivery d = delivery(Map.of(SlackDeliveryChannel.REQUESTER, "U1", SlackDeliveryChannel.TS, "1700.0001"));

        assertThat(channel.deliver(d, pending)).isEqualTo(DeliveryOutcome.Delivered.ok());

        verify(slack).updateMessage(eq("C1"), eq("1700.0001"), anyString(), any());
        verify(slack, never()).postMessage(anyString(), any(), anyString(), any());
    }

    @Test
    void aChannelThatRefusesTheBotEndsTheDeliveryAndTellsTheUser() {
        ChatDelivery d = delivery(Map.of(SlackDeliveryChannel.REQUESTER, "U1",
                SlackDeliveryChannel.RESPONSE_URL, "https://hooks.slack.com/commands/x"));
        when(slack.postMessage(eq("C1"), isNull(), anyString(), any()))
                .thenThrow(new SlackCallException("chat.postMessage", "not_in_channel", false, null, null));

        assertThat(channel.deliver(d, pending)).isInstanceOf(DeliveryOutcome.Gone.class);

        verify(slack).respondEphemeral(eq("https://hooks.slack.com/commands/x"), any());
        verify(deliveries, never()).rememberTarget(any(), any());
    }

    @Test
    void aTransientPostFailureIsRetriedWithoutAMessage() {
        ChatDelivery d = delivery(Map.of(SlackDeliveryChannel.REQUESTER, "U1"));
        when(slack.postMessage(eq("C1"), isNull(), anyString(), any()))
                .thenThrow(new SlackCallException("chat.postMessage", "HTTP 503", true, null, null));

        DeliveryOutcome outcome = channel.deliver(d, pending);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(((DeliveryOutcome.Retry) outcome).targetUpdate()).isEmpty();
    }

    private static ChatDelivery delivery(Map<String, String> data) {
        return new ChatDelivery("d1", "gen-1", "team-1", ChatPlatform.SLACK, "T1", "U1", new DeliveryTarget("C1", data),
                ChatDelivery.State.ACTIVE, null, null, 0, null, Instant.now());
    }
}
