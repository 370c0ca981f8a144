package io.atelier.bot.discord;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * {@link DiscordRest} through JDA. Calls use {@code complete(false)}: a rate limit comes back as
 * {@link DiscordCallException.Kind#RATE_LIMITED} with Discord's retry-after instead of blocking
 * the caller, so the durable delivery job reschedules itself. Each call is bounded by {@link #TIMEOUT}.
 *
 * <p>Messages addressed by channel id (the moderation channel, the delivery's fallback after the
 * interaction token) go to {@code channels}, plain REST: the bot's JDA keeps no channel cache
 * ({@link DiscordBot} builds it light, without the GUILDS intent, so it does not hold every
 * server's channels in memory), and JDA cannot address a channel it has not cached.
 */
class JdaDiscordRest implements DiscordRest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<JDA> jda;
    private final DiscordRest channels;

    JdaDiscordRest(Supplier<JDA> jda, DiscordRest channels) {
        this.jda = jda;
        this.channels = channels;
    }

    @Override
    public String editOriginal(String interactionToken, MessageEditData data) {
        InteractionHook hook = InteractionHook.from(jda.get(), interactionToken);
        return call(hook.editOriginal(data), true).getId();
    }

    @Override
    public String sendToChannel(String channelId, MessageCreateData data) {
        return channels.sendToChannel(channelId, data);
    }

    @Override
    public void editInChannel(String channelId, String messageId, MessageEditData data) {
        channels.editInChannel(channelId, messageId, data);
    }

    @Override
    public Sent sendDirect(String userId, MessageCreateData data) {
        PrivateChannel dm = call(jda.get().openPrivateChannelById(userId), false);
        Message sent = call(dm.sendMessage(data), false);
        return new Sent(dm.getId(), sent.getId());
    }

    private static <T> T call(RestAction<T> action, boolean webhook) {
        try {
            return action.timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete(false);
        } catch (RateLimitedException e) {
            throw new DiscordCallException(DiscordCallException.Kind.RATE_LIMITED, "rate limited",
                    Duration.ofMillis(Math.max(0, e.getRetryAfter())));
        } catch (ErrorResponseException e) {
            throw classify(e, webhook);
        } catch (RuntimeException e) {
            throw new DiscordCallException(DiscordCallException.Kind.TRANSIENT, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static DiscordCallException classify(ErrorResponseException e, boolean webhook) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code;
        String message = "HTTP " + status + " " + e.getErrorCode() + " " + e.getMeaning();
        return classify(status, e.getErrorResponse(), e.isServerError(), message, webhook);
    }

    /** Maps a Discord error (HTTP status and JSON error code) to what delivery does about it. */
    static DiscordCallException classify(int status, ErrorResponse error, boolean serverError, String message, boolean webhook) {
        if (serverError || status >= 500 || status == 0 && error == ErrorResponse.SERVER_ERROR) {
            return new DiscordCallException(DiscordCallException.Kind.TRANSIENT, message);
        }
        if (status == 429) {
            return new DiscordCallException(DiscordCallException.Kind.RATE_LIMITED, message, Duration.ofSeconds(1));
        }
        if (error == ErrorResponse.UNKNOWN_WEBHOOK || error == ErrorResponse.INVALID_WEBHOOK_TOKEN
                || error == ErrorResponse.UNKNOWN_INTERACTION || webhook && (status == 401 || status == 404)) {
            return new DiscordCallException(DiscordCallException.Kind.TOKEN_GONE, message);
        }
        if (error == ErrorResponse.UNKNOWN_CHANNEL || error == ErrorResponse.UNKNOWN_MESSAGE || status == 404) {
            return new DiscordCallException(DiscordCallException.Kind.NOT_FOUND, message);
        }
        if (error == ErrorResponse.MISSING_ACCESS || error == ErrorResponse.MISSING_PERMISSIONS
                || error == ErrorResponse.CANNOT_SEND_TO_USER || status == 403) {
            return new DiscordCallException(DiscordCallException.Kind.FORBIDDEN, message);
        }
        return new DiscordCallException(DiscordCallException.Kind.REJECTED, message);
    }
}
