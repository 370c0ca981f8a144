package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.tools.assistant.AssistantException;
import io.atelier.tools.assistant.AssistantReply;
import io.atelier.tools.assistant.AssistantService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a message that mentions the bot with the {@link AssistantService} (the same assistant as
 * {@code POST /api/v1/assistant/chat}), acting as the chat user's team and principal. One
 * conversation per platform, channel and user, so the assistant remembers the thread of talk.
 *
 * <p><b>Limits.</b> A mention passes the same gate as {@code /imagine}: the tenant must be allowed
 * and the user within the per-key rate limit ({@link ChatAccounts#callerFor}), and a user over their
 * chat quota ({@link ChatQuotas}) gets the quota's answer without the LLM being asked. Every
 * generation the assistant starts is recorded as the user's chat job, so it counts against their
 * daily and concurrent quotas like an {@code /imagine}. (The quota is checked before the message,
 * not inside each tool call: one message can start at most what the assistant's tool-call bound
 * allows.) Replies never notify anyone: Discord sends them with no allowed mentions, and for Slack
 * the text's control characters are escaped, so {@code <!channel>} or {@code <@U…>} stay text.
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

    private static final Set<String> GENERATING_TOOLS = Set.of("generate_image", "edit_image");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectProvider<AssistantService> assistant;
    private final ChatAccounts accounts;
    private final ChatQuotas quotas;
    private final ChatJobRepository jobs;

    ChatAssistant(ObjectProvider<AssistantService> assistant, ChatAccounts accounts, ChatQuotas quotas, ChatJobRepository jobs) {
        this.assistant = assistant;
        this.accounts = accounts;
        this.quotas = quotas;
        this.jobs = jobs;
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
        return safeFor(user.platform(), reply(user, channelId, text));
    }

    private String reply(ChatUser user, String channelId, String text) {
        AssistantService service = assistant.getIfAvailable();
        if (service == null || !service.available()) {
            return OFF;
        }
        String message = stripMentions(text);
        if (message.isEmpty()) {
            return "Ask me something after the mention, for example: draw a lighthouse at dusk.";
        }
        Caller caller;
        try {
            caller = accounts.callerFor(user);
        } catch (ChatAccessException refused) {
            return refused.getMessage();
        }
        if (quotas.check(user) instanceof QuotaDecision.Denied denied) {
            return denied.message() + (denied.retryAt() == null ? "" : " You can ask again after " + denied.retryAt() + ".");
        }
        try {
            AssistantReply reply = service.chat(caller, user.principal(),
                    conversationId(user, channelId), message, user.platform().source());
            recordGenerations(user, caller, channelId, reply);
            return reply.reply() == null || reply.reply().isBlank() ? "(no answer)" : reply.reply();
        } catch (AssistantException e) {
            log.info("assistant refused a {} mention: {} {}", user.platform(), e.code(), e.getMessage());
            return "The assistant could not answer: " + e.getMessage();
        }
    }

    /** The generations the assistant's tools started become the user's chat jobs (quota counts). */
    private void recordGenerations(ChatUser user, Caller caller, String channelId, AssistantReply reply) {
        if (reply.toolCalls() == null) {
            return;
        }
        for (AssistantReply.ToolCall call : reply.toolCalls()) {
            if (!GENERATING_TOOLS.contains(call.name()) || call.result() == null) {
                continue;
            }
            try {
                JsonNode id = JSON.readTree(call.result()).path("id");
                if (id.isString() && Ids.isUuid(id.stringValue())) {
                    jobs.recordJob(id.stringValue(), caller.teamId(), user, channelId, Timestamps.now());
                }
            } catch (RuntimeException notAGeneration) {
                // an error text from the tool: nothing was started
            }
        }
    }

    /** The reply as text that notifies nobody on the platform. */
    static String safeFor(ChatPlatform platform, String text) {
        if (platform == ChatPlatform.SLACK) {
            // Slack's control characters: with them escaped, <!here>, <!channel>, <@U…> are plain text.
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
        return text;
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
