package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.tools.assistant.AssistantException;
import io.atelier.tools.assistant.AssistantReply;
import io.atelier.tools.assistant.AssistantService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Answers a message that mentions the bot with the {@link AssistantService} (the same assistant as
 * {@code POST /api/v1/assistant/chat}), acting as the chat user's team and principal. One
 * conversation per platform, channel and user, so the assistant remembers the thread of talk.
 *
 * <p>When no LLM is configured the answer is {@link #OFF} (a short notice rather than silence, so
 * the user knows why nothing happens). Errors of the assistant come back as their message, never
 * as an exception. Blocking (LLM round trips and tool calls): call from the bot's executor only.
 */
@Service
public class ChatAssistant {

    public static final String OFF = "The assistant is off here (no LLM configured).";
    private static final Pattern SLACK_MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    private static final Pattern DISCORD_MENTION = Pattern.compile("<@!?[0-9]+>");
    private static final Logger log = LoggerFactory.getLogger(ChatAssistant.class);

    private final ObjectProvider<AssistantService> assistant;
    private final ChatAccounts accounts;

    ChatAssistant(ObjectProvider<AssistantService> assistant, ChatAccounts accounts) {
        this.assistant = assistant;
        this.accounts = accounts;
    }

    /** Whether mentions reach an LLM. */
    public boolean available() {
        AssistantService service = assistant.getIfAvailable();
        return service != null && service.available();
    }

    /**
     * The reply to a mention.
     *
     * @param channelId where the mention was (part of the conversation id)
     * @param text      the message as posted; the bot's and others' mention tokens are removed
     */
    public String answer(ChatUser user, String channelId, String text) {
        AssistantService service = assistant.getIfAvailable();
        if (service == null || !service.available()) {
            return OFF;
        }
        String message = stripMentions(text);
        if (message.isEmpty()) {
            return "Ask me something after the mention, for example: draw a lighthouse at dusk.";
        }
        Caller caller = accounts.callerFor(user);
        try {
            AssistantReply reply = service.chat(caller, user.principal(),
                    conversationId(user, channelId), message, user.platform().source());
            return reply.reply() == null || reply.reply().isBlank() ? "(no answer)" : reply.reply();
        } catch (AssistantException e) {
            log.info("assistant refused a {} mention: {} {}", user.platform(), e.code(), e.getMessage());
            return "The assistant could not answer: " + e.getMessage();
        }
    }

    static String stripMentions(String text) {
        if (text == null) {
            return "";
        }
        return DISCORD_MENTION.matcher(SLACK_MENTION.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** {@code <platform>-<hash of tenant, channel, user>}: fits the assistant's 64-character id alphabet. */
    static String conversationId(ChatUser user, String channelId) {
        String key = user.platform().name() + "|" + user.tenantId() + "|" + channelId + "|" + user.userId();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return user.platform().wireName() + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
