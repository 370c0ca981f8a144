package io.atelier.bot.discord;

import io.atelier.core.generation.GenerationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

/** Where a Discord message goes: the interaction token until 13 minutes, then the channel, then a DM. */
class DiscordDeliveryChannelTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";

    DiscordRest rest = mock(DiscordRest.class);
    DiscordDeliveryChannel channel = new DiscordDeliveryChannel(rest, new DiscordMessages(mock(GenerationService.class)),
            Duration.ofMinutes(13), Clock.fixed(NOW, ZoneOffset.UTC));
    ChatView view = new ChatView.Pending(GEN, "a fox", null, "local/preview", 1, 2, Duration.ofSeconds(5));

    ChatDelivery delivery(Instant interactionAt, Map<String, String> extra) {
        DeliveryTarget t = DiscordDeliveryChannel.interactionTarget("chan-1", "tok-1", interactionAt, "user-1");
        Map<String, String> data = new HashMap<>(t.data());
        data.putAll(extra);
        return new ChatDelivery("d1", GEN, "team", ChatPlatform.DISCORD, "guild", "user-1",
                new DeliveryTarget("chan-1", data), ChatDelivery.State.ACTIVE, null, null, 0, null, interactionAt);
    }

    @Test
    void aYoungTokenEditsTheOriginalReply() {
        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(12)), Map.of()), view);

        assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.ok());
        verify(rest).editOriginal(eq("tok-1"), any(MessageEditData.class));
        verify(rest, never()).sendToChannel(anyString(), any());
    }

    @Test
    void afterThirteenMinutesTheResultIsPostedInTheChannelWithTheBotToken() {
        when(rest.sendToChannel(eq("chan-1"), any(MessageCreateData.class))).thenReturn("msg-9");

        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(13)), Map.of()), view);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(Map.of("mode", "channel", "messageId", "msg-9")));
        verify(rest, never()).editOriginal(anyString(), any());
    }

    @Test
    void anExpiredOrUnknownTokenIsNotRetriedAndNeverUsedAgain() {
        doThrow(new DiscordCallException(DiscordCallException.Kind.TOKEN_GONE, "HTTP 404 10015 Unknown Webhook"))
                .when(rest).editOriginal(anyString(), any());
        when(rest.sendToChannel(eq("chan-1"), any())).thenReturn("msg-9");

        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(1)), Map.of()), view);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(
                Map.of("tokenGone", "true", "mode", "channel", "messageId", "msg-9")));
        verify(rest, times(1)).editOriginal(anyString(), any());

        // A target that remembers the dead token never tries it again, however young.
        channel.deliver(delivery(NOW.minus(Duration.ofMinutes(1)), Map.of("tokenGone", "true")), view);
        verify(rest, times(1)).editOriginal(anyString(), any());
    }

    @Test
    void aDeadTokenIsRememberedEvenWhenTheFallbackMustBeRetried() {
        doThrow(new DiscordCallException(DiscordCallException.Kind.TOKEN_GONE, "HTTP 401 50027 Invalid Webhook Token"))
                .when(rest).editOriginal(anyString(), any());
        when(rest.sendToChannel(eq("chan-1"), any()))
                .thenThrow(new DiscordCallException(DiscordCallException.Kind.TRANSIENT, "HTTP 502"));

        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(1)), Map.of()), view);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
                r -> assertThat(r.targetUpdate()).containsEntry("tokenGone", "true"));
    }

    @Test
    void anUnreachableChannelFallsBackToADirectMessage() {
        when(rest.sendToChannel(eq("chan-1"), any()))
                .thenThrow(new DiscordCallException(DiscordCallException.Kind.FORBIDDEN, "HTTP 403 50001 Missing Access"));
        when(rest.sendDirect(eq("user-1"), any())).thenReturn(new DiscordRest.Sent("dm-5", "msg-7"));

        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(20)), Map.of()), view);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(
                Map.of("mode", "dm", "channelId", "dm-5", "messageId", "msg-7")));
    }

    @Test
    void nowhereToDeliverIsGone() {
        when(rest.sendToChannel(eq("chan-1"), any()))
                .thenThrow(new DiscordCallException(DiscordCallException.Kind.NOT_FOUND, "HTTP 404 10003 Unknown Channel"));
        when(rest.sendDirect(eq("user-1"), any()))
                .thenThrow(new DiscordCallException(DiscordCallException.Kind.FORBIDDEN, "HTTP 403 50007 Cannot send messages to this user"));

        assertThat(channel.deliver(delivery(NOW.minus(Duration.ofMinutes(20)), Map.of()), view))
                .isInstanceOf(DeliveryOutcome.Gone.class);
    }

    @Test
    void laterViewsEditThePostedMessage() {
        DeliveryOutcome outcome = channel.deliver(delivery(NOW.minus(Duration.ofMinutes(20)),
                Map.of("mode", "channel", "messageId", "msg-9")), view);

        assertThat(outcome).isEqualTo(DeliveryOutcome.Delivered.ok());
        verify(rest).editInChannel(eq("chan-1"), eq("msg-9"), any(MessageEditData.class));
        verify(rest, never()).editOriginal(anyString(), any());
        verify(rest, never()).sendToChannel(anyString(), any());
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithDiscordsRetryAfter() {
        doThrow(new DiscordCallException(DiscordCallException.Kind.RATE_LIMITED, "rate limited", Duration.ofMillis(1500)))
                .when(rest).editOriginal(anyString(), any());
        assertThat(channel.deliver(delivery(NOW, Map.of()), view))
                .isEqualTo(new DeliveryOutcome.Retry(Duration.ofMillis(1500), "rate limited"));

        doThrow(new DiscordCallException(DiscordCallException.Kind.TRANSIENT, "HTTP 503"))
                .when(rest).editOriginal(anyString(), any());
        assertThat(channel.deliver(delivery(NOW, Map.of()), view)).isEqualTo(new DeliveryOutcome.Retry(null, "HTTP 503"));
        verify(rest, never()).sendToChannel(anyString(), any());
    }
}
