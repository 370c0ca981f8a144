package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAssistant;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatUser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message that mentions the bot goes to the assistant ({@link ChatAssistant}); the answer is
 * posted in the same channel as a reply to the message, split into Discord's 2,000-character
 * messages (at most {@link #MAX_PARTS}, the rest cut). Without an LLM the answer is
 * {@link ChatAssistant#OFF}. Replies mention nobody: no allowed mentions (not {@code @everyone},
 * {@code @here}, roles or users, whatever the text says) and no ping of the replied-to author.
 *
 * <p>Discord sends a message's content to a bot without the privileged MESSAGE_CONTENT intent
 * when the message mentions it, so only the GUILD_MESSAGES and DIRECT_MESSAGES intents are needed.
 *
 * <p>Threading: {@link #onMessage} runs on JDA's event thread and only reads the event; the LLM
 * call and the replies run on the bot's executor, with the typing indicator renewed every
 * {@link #TYPING_EVERY_SECONDS} seconds while the assistant works.
 */
class DiscordMentions {

    static final int MAX_LENGTH = 2000;
    static final int MAX_PARTS = 4;
    static final long TYPING_EVERY_SECONDS = 8;
    private static final Logger log = LoggerFactory.getLogger(DiscordMentions.class);

    private final ChatAssistant assistant;
    private final Executor executor;

    DiscordMentions(ChatAssistant assistant, Executor executor) {
        this.assistant = assistant;
        this.executor = executor;
    }

    void onMessage(MessageReceivedEvent event) {
        User author = event.getAuthor();
        if (author.isBot() || author.isSystem() || event.isWebhookMessage()) {
            return;
        }
        Message message = event.getMessage();
        if (!message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER)) {
            return;
        }
        String tenant = event.isFromGuild() ? event.getGuild().getId() : "dm-" + author.getId();
        ChatUser user = new ChatUser(ChatPlatform.DISCORD, tenant, author.getId(), author.getEffectiveName());
        MessageChannel channel = event.getChannel();
        String text = message.getContentRaw();
        String messageId = message.getId();
        try {
            executor.execute(() -> {
                try {
                    answer(user, channel, messageId, text);
                } catch (RuntimeException e) {
                    log.warn("Discord assistant reply in {} failed: {}", channel.getId(), e.toString());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            log.warn("Discord mention dropped: the bot is shutting down");
        }
    }

    private void answer(ChatUser user, MessageChannel channel, String messageId, String text) {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> assistant.answer(user, channel.getId(), text), executor);
        String answer;
        while (true) {
            channel.sendTyping().queue(null, ignored -> { });
            try {
                answer = reply.get(TYPING_EVERY_SECONDS, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException stillWorking) {
                // renew the typing indicator (Discord shows it for 10 s)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.warn("Discord assistant failed: {}", e.getCause().toString());
                answer = "The assistant failed; please try again later.";
                break;
            }
        }
        for (String part : split(answer)) {
            channel.sendMessage(part).setMessageReference(messageId).failOnInvalidReply(false)
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).mentionRepliedUser(false).complete();
        }
    }

    /** Parts of at most {@link #MAX_LENGTH} characters, cut at a line break or space when one is near. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && parts.size() < MAX_PARTS) {
            if (rest.length() <= MAX_LENGTH) {
                parts.add(rest);
                return parts;
            }
            int cut = rest.lastIndexOf('\n', MAX_LENGTH);
            if (cut < MAX_LENGTH / 2) {
                cut = rest.lastIndexOf(' ', MAX_LENGTH);
            }
            if (cut < MAX_LENGTH / 2) {
                cut = MAX_LENGTH;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            String last = parts.removeLast();
            parts.add(last.substring(0, Math.min(last.length(), MAX_LENGTH - 1)) + "…");
        }
        return parts;
    }
}
