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
 * or as soon as the token is reported expired/unknown (never retried), the original message itself is
 * edited with the bot token in its channel ({@code PATCH /channels/{c}/messages/{id}}, the id learnt from
 * the first token edit); where the bot may not, the view is posted as a new channel message
 * ({@code channel} mode), or as a DM when the channel is not reachable ({@code dm} mode); later views
 * edit that message. 429 and 5xx are retried by the job (Retry-After honoured). A result Discord refuses
 * with another 4xx (413: too large) becomes a failure message with Retry.
 *
 * <p>Target keys: {@code token}, {@code interactionAt} (epoch ms), {@code userId}, {@code mode},
 * {@code messageId}, {@code tokenGone}, {@code originalId}.
 */
class DiscordDeliveryChannel implements ChatDeliveryChannel {

    static final String MODE_INTERACTION = "interaction";
    static final String MODE_CHANNEL = "channel";
    static final String MODE_DM = "dm";
    /** Target key: the id of the interaction's original message, learnt from the first edit through the token. */
    static final String ORIGINAL = "originalId";
    /** How a {@link DeliveryOutcome.Gone} from a 4xx the platform gave for the content starts. */
    private static final String REJECTED = "rejected: ";

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
        DeliveryOutcome outcome = show(delivery.target(), messages.render(view));
        if (outcome instanceof DeliveryOutcome.Gone gone && gone.reason().startsWith(REJECTED) && view instanceof ChatView.Result r) {
            // Discord refused the result itself (too large, malformed: a 4xx that will not change):
            // say so in the message, with Retry, instead of leaving it on "Generating…".
            ChatView.Failure failure = new ChatView.Failure(ChatView.FailureKind.PROVIDER, "DELIVERY_REJECTED",
                    "Discord refused the finished image (" + gone.reason().substring(REJECTED.length()) + "). "
                            + "Retry makes it again; /show " + r.generationId() + " shows it as a new message.",
                    r.generationId(), null, null, true);
            return show(delivery.target(), messages.render(failure));
        }
        return outcome;
    }

    private DeliveryOutcome show(DeliveryTarget target, DiscordMessage message) {
        String mode = target.data().getOrDefault("mode", MODE_INTERACTION);
        if (!MODE_INTERACTION.equals(mode)) {
            return editPosted(target, message);
        }
        if (tokenUsable(target)) {
            try {
                String id = rest.editOriginal(target.get("token"), message.toEdit());
                // The message's id lets the bot token edit this same message once the token has expired.
                return id == null || id.equals(target.get(ORIGINAL)) ? DeliveryOutcome.Delivered.ok()
                        : new DeliveryOutcome.Delivered(Map.of(ORIGINAL, id));
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

    /**
     * Past the token: edits the original message with the bot token in its channel when the bot may
     * (it wrote that message), else posts the view as a new message in the channel, else as a DM.
     */
    private DeliveryOutcome fallback(DeliveryTarget target, DiscordMessage message, Map<String, String> remember) {
        String original = target.get(ORIGINAL);
        if (target.channelId() != null && original != null) {
            try {
                rest.editInChannel(target.channelId(), original, message.toEdit());
                return delivered(remember, Map.of("mode", MODE_CHANNEL, "messageId", original));
            } catch (DiscordCallException e) {
                if (e.kind() != DiscordCallException.Kind.NOT_FOUND && e.kind() != DiscordCallException.Kind.FORBIDDEN) {
                    return outcome(e, remember);
                }
                // Not visible to the bot (a DM interaction, a channel it cannot read): a new message.
            }
        }
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
            case TOKEN_GONE, NOT_FOUND, FORBIDDEN -> new DeliveryOutcome.Gone(e.getMessage());
            case REJECTED -> new DeliveryOutcome.Gone(REJECTED + e.getMessage());
        };
    }
}
