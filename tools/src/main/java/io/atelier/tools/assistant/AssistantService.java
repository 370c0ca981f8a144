package io.atelier.tools.assistant;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import io.atelier.core.generation.GenerationSource;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The assistant: an LLM agent with the {@link AtelierTools}, conversation memory per user and
 * conversation (in the database), and a bounded number of tool calls per message. On when an LLM
 * is configured ({@code atelier.llm.*}); otherwise {@link #available()} is false and
 * {@link #chat} answers {@code ASSISTANT_DISABLED}.
 *
 * <p>Surfaces: {@code POST /api/v1/assistant/chat}; the chat bots call {@link #chat} with their own
 * principal ({@code discord:<userId>}, {@code slack:<workspace>:<userId>}). Blocking: one call
 * runs the LLM round trips and tool calls on the calling thread (generating tools wait at most 50 s each).
 */
@Service
public class AssistantService {

    static final String SYSTEM_PROMPT = """
            You are Atelier's image assistant. You create and manage images with the tools you have.
            - To make images, call generate_image. If the result says it is still running, call get_generation \
            with its id until it is done, then give the user the image URLs.
            - Ask the user to confirm before generating more than 4 images in total for one request, and before \
            publishing anything to the gallery.
            - Use list_templates and list_models when the user asks about styles or models, or when a tool tells you to.
            - When a tool returns an error, read it and follow its advice (for example pick a listed template) \
            instead of repeating the same call.
            - Keep answers short. Never invent image URLs or ids: only use what the tools returned.""";

    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(AssistantService.class);

    private final ObjectProvider<ChatModel> chatModel;
    private final AtelierTools tools;
    private final JdbcChatMemoryStore memory;
    private final AssistantProperties properties;
    private volatile AssistantAgent agent;

    AssistantService(ObjectProvider<ChatModel> chatModel, AtelierTools tools, JdbcChatMemoryStore memory,
                     AssistantProperties properties) {
        this.chatModel = chatModel;
        this.tools = tools;
        this.memory = memory;
        this.properties = properties;
    }

    /** Whether an LLM is configured. */
    public boolean available() {
        return chatModel.getIfAvailable() != null;
    }

    /**
     * Answers one message of a conversation, calling tools as the LLM decides; the tools act for
     * {@code caller}.
     *
     * @param principal      who is typing, within the team: an API key id, {@code discord:<userId>} …
     *                       (conversations are per team, principal and conversation id)
     * @param conversationId null starts a new conversation
     * @param source         the surface recorded on generations the assistant makes
     * @throws AssistantException see its codes
     */
    public AssistantReply chat(Caller caller, String principal, String conversationId, String message, GenerationSource source) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(principal, "principal");
        if (message == null || message.isBlank()) {
            throw new AssistantException("VALIDATION_ERROR", "message is required");
        }
        if (message.length() > properties.maxMessageLength()) {
            throw new AssistantException("VALIDATION_ERROR", "message must be at most " + properties.maxMessageLength()
                    + " characters");
        }
        String conversation = conversationId == null || conversationId.isBlank() ? Ids.uuid() : conversationId.strip();
        if (!CONVERSATION_ID.matcher(conversation).matches()) {
            throw new AssistantException("VALIDATION_ERROR", "conversationId must be 1-64 characters of A-Z, a-z, 0-9, '-' and '_'");
        }
        AssistantAgent assistant = agent();
        Result<String> result;
        try {
            result = assistant.chat(memoryId(caller.teamId(), principal, conversation), message,
                    ToolCaller.parameters(caller, source));
        } catch (RuntimeException e) {
            // LangChain4j signals the bound with a plain RuntimeException naming the limit.
            if (e.getMessage() != null && e.getMessage().contains("tool calling round trips")) {
                throw new AssistantException("ASSISTANT_TOOL_LIMIT", "the assistant needed more than "
                        + properties.maxToolCalls() + " tool calls for this message and stopped; ask for less at once");
            }
            log.warn("assistant LLM call failed: {}", e.toString());
            throw new AssistantException("ASSISTANT_LLM_ERROR", "the assistant's LLM failed or is unreachable; try again later");
        }
        List<AssistantReply.ToolCall> calls = result.toolExecutions().stream()
                .map(t -> new AssistantReply.ToolCall(t.request().name(), t.request().arguments(), t.result()))
                .toList();
        return new AssistantReply(conversation, result.content(), calls);
    }

    /** Forgets a conversation. */
    public void forget(Caller caller, String principal, String conversationId) {
        memory.deleteMessages(memoryId(caller.teamId(), principal, conversationId));
    }

    static String memoryId(String teamId, String principal, String conversationId) {
        return teamId + "|" + principal + "|" + conversationId;
    }

    static String teamOf(String memoryId) {
        int bar = memoryId.indexOf('|');
        return bar < 0 ? memoryId : memoryId.substring(0, bar);
    }

    private AssistantAgent agent() {
        AssistantAgent built = agent;
        if (built != null) {
            return built;
        }
        ChatModel model = chatModel.getIfAvailable();
        if (model == null) {
            throw new AssistantException("ASSISTANT_DISABLED", "the assistant is off: it needs an LLM "
                    + "(set atelier.llm.base-url or atelier.llm.api-key)");
        }
        synchronized (this) {
            if (agent == null) {
                agent = AiServices.builder(AssistantAgent.class)
                        .chatModel(model)
                        .systemMessage(SYSTEM_PROMPT)
                        .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                                .id(id)
                                .maxMessages(properties.memoryMessages())
                                .chatMemoryStore(memory)
                                .build())
                        .tools(tools)
                        .maxSequentialToolsInvocations(properties.maxToolCalls())
                        // Tool errors are ToolExceptions with actionable messages: hand them to the LLM as they are.
                        .toolExecutionErrorHandler((error, context) -> ToolErrorHandlerResult.text(rootMessage(error)))
                        .build();
            }
            return agent;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "The tool failed." : t.getMessage();
    }
}
