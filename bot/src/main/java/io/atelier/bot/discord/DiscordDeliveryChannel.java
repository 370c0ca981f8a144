package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatDeliveryChannel;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Shows chat views in Discord messages, for the durable chat-delivery job.
 *
 * <p>A delivery starts in {@code interaction} mode: the deferred reply is edited through the
 * interaction token ({@code PATCH /webhooks/{app}/{token}/messages/@original}) while the token is
 * younger than {@code atelier.discord.interaction-token-ttl} (13 min; Discord's live 15). After that,
 * or as soon as the token is reported expired/unknown (never retried), the view is posted as a new
 * channel message with the bot token ({@code channel} mode), or as a DM when the channel is not
 * reachable ({@code dm} mode); later views edit that message. 429 and 5xx are retried by the job
 * (Retry-After honoured).
 *
 * <p>Target keys: {@code token}, {@code interactionAt} (epoch ms), {@code userId}, {@code mode},
 * {@code messageId}, {@code tokenGone}.
 */
class DiscordDeliveryChannel implements ChatDeliveryChannel {

    static final String MODE_INTERACTION = "interaction";
    static final String MODE_CHANNEL = "channel";
    static final String MODE_DM = "dm";

    private final DiscordRest rest;
    private final DiscordMessages messages;
    private final Duration tokenTtl;
    private final Clock clock;

    DiscordDeliveryChannel(DiscordRest rest, DiscordMessages messages, Duration tokenTtl, Clock clock) {
        this.rest = rest;
        this.messages = messages;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    /** The target of a deferred interaction reply. */
    static DeliveryTarget interactionTarget(String channelId, String token, Instant interactionAt, String userId) {
        return new DeliveryTarget(channelId, Map.of("token", token, "interactionAt", String.valueOf(interactionAt.toEpochMilli()),
                "userId", userId, "mode", MODE_INTERACTION));
    }

    @Override
    public ChatPlatform platform() {
        return ChatPlatform.DISCORD;
    }

    @Override
    public DeliveryOutcome deliver(ChatDelivery delivery, ChatView view) {
        DiscordMessage message = messages.render(view);
        DeliveryTarget target = delivery.target();
        String mode = target.data().getOrDefault("mode", MODE_INTERACTION);
        if (!MODE_INTERACTION.equals(mode)) {
            return editPosted(target, message);
        }
        if (tokenUsable(target)) {
            try {
                rest.editOriginal(target.get("token"), message.toEdit());
                return DeliveryOutcome.Delivered.ok();
            } catch (DiscordCallException e) {
                if (e.kind() != DiscordCallException.Kind.TOKEN_GONE) {
                    return outcome(e, Map.of());
                }
                // Expired or unknown: fall back now, and never use this token again.
                return fallback(target, message, Map.of("tokenGone", "true"));
            }
        }
        return fallback(target, message, Map.of());
    }

    private boolean tokenUsable(DeliveryTarget target) {
        if ("true".equals(target.get("tokenGone")) || target.get("token") == null) {
            return false;
        }
        String at = target.get("interactionAt");
        if (at == null) {
            return false;
        }
        Instant interactionAt = Instant.ofEpochMilli(Long.parseLong(at));
        return clock.instant().isBefore(interactionAt.plus(tokenTtl));
    }

    /** Posts the view as a new message: in the channel, else as a DM. */
    private DeliveryOutcome fallback(DeliveryTarget target, DiscordMessage message, Map<String, String> remember) {
        if (target.channelId() != null) {
            try {
                String id = rest.sendToChannel(target.channelId(), message.toCreate());
                return delivered(remember, Map.of("mode", MODE_CHANNEL, "messageId", id));
            } catch (DiscordCallException e) {
                if (e.kind() != DiscordCallException.Kind.NOT_FOUND && e.kind() != DiscordCallException.Kind.FORBIDDEN) {
                    return outcome(e, remember);
                }
            }
        }
        String userId = target.get("userId");
        if (userId == null) {
            return new DeliveryOutcome.Gone("the interaction token expired and the channel is not reachable");
        }
        try {
            DiscordRest.Sent sent = rest.sendDirect(userId, message.toCreate());
            return delivered(remember, Map.of("mode", MODE_DM, "channelId", sent.channelId(), "messageId", sent.messageId()));
        } catch (DiscordCallException e) {
            if (e.kind() == DiscordCallException.Kind.NOT_FOUND || e.kind() == DiscordCallException.Kind.FORBIDDEN) {
                return new DeliveryOutcome.Gone("neither the channel nor a DM is reachable: " + e.getMessage());
            }
            return outcome(e, remember);
        }
    }

    private DeliveryOutcome editPosted(DeliveryTarget target, DiscordMessage message) {
        try {
            rest.editInChannel(target.channelId(), target.get("messageId"), message.toEdit());
            return DeliveryOutcome.Delivered.ok();
        } catch (DiscordCallException e) {
            if (e.kind() == DiscordCallException.Kind.NOT_FOUND || e.kind() == DiscordCallException.Kind.FORBIDDEN) {
                return new DeliveryOutcome.Gone("the message is gone: " + e.getMessage());
            }
            return outcome(e, Map.of());
        }
    }

    private static DeliveryOutcome delivered(Map<String, String> remember, Map<String, String> update) {
        Map<String, String> all = new HashMap<>(remember);
        all.putAll(update);
        return new DeliveryOutcome.Delivered(all);
    }

    private static DeliveryOutcome outcome(DiscordCallException e, Map<String, String> remember) {
        return switch (e.kind()) {
            case RATE_LIMITED -> new DeliveryOutcome.Retry(e.retryAfter(), e.getMessage(), remember);
            case TRANSIENT -> new DeliveryOutcome.Retry(null, e.getMessage(), remember);
            case TOKEN_GONE, NOT_FOUND, FORBIDDEN, REJECTED -> new DeliveryOutcome.Gone(e.getMessage());
        };
    }
}
