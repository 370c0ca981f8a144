package io.atelier.app;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link ChatModel} that plays a script instead of an LLM: each step sees the conversation so
 * far and answers with tool calls or a final text. Requests without tools (prompt enhancement)
 * are answered with the prompt unchanged and do not consume a step. Records every request.
 */
final class ScriptedChatModel implements ChatModel {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConcurrentLinkedDeque<Function<List<ChatMessage>, AiMessage>> steps = new ConcurrentLinkedDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    @SafeVarargs
    final ScriptedChatModel script(Function<List<ChatMessage>, AiMessage>... next) {
        steps.clear();
        steps.addAll(List.of(next));
        synchronized (requests) {
            requests.clear();
        }
        return this;
    }

    boolean finished() {
        return steps.isEmpty();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
        if (request.toolSpecifications() == null || request.toolSpecifications().isEmpty()) {
            return ChatResponse.builder().aiMessage(AiMessage.from("(unchanged)")).build();
        }
        Function<List<ChatMessage>, AiMessage> step = steps.pollFirst();
        if (step == null) {
            throw new AssertionError("the script has no more steps; request: " + request.messages());
        }
        return ChatResponse.builder().aiMessage(step.apply(request.messages())).build();
    }

    /** A step calling one tool. */
    static AiMessage call(String tool, Map<String, Object> arguments) {
        return AiMessage.from(List.of(ToolExecutionRequest.builder()
                .id(UUID.randomUUID().toString())
                .name(tool)
                .arguments(JSON.writeValueAsString(arguments))
                .build()));
    }

    /** The last tool result in the conversation. */
    static ToolExecutionResultMessage lastToolResult(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ToolExecutionResultMessage result) {
                return result;
            }
        }
        throw new AssertionError("no tool result yet: " + messages);
    }

    static JsonNode lastToolJson(List<ChatMessage> messages) {
        return JSON.readTree(lastToolResult(messages).text());
    }
}
