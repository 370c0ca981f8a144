package io.atelier.tools.assistant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The assistant, under {@code atelier.assistant}. It is on whenever an LLM is configured
 * ({@code atelier.llm.*}); these only bound it.
 *
 * @param maxToolCalls     tool calls one message may cause before the assistant gives up (default 8)
 * @param memoryMessages   messages of a conversation the LLM sees (default 20)
 * @param maxMessageLength longest user message accepted, in characters (default 4000)
 */
@ConfigurationProperties("atelier.assistant")
public record AssistantProperties(Integer maxToolCalls, Integer memoryMessages, Integer maxMessageLength) {

    public AssistantProperties {
        maxToolCalls = maxToolCalls == null ? 8 : maxToolCalls;
        memoryMessages = memoryMessages == null ? 20 : memoryMessages;
        maxMessageLength = maxMessageLength == null ? 4000 : maxMessageLength;
        if (maxToolCalls < 1 || maxToolCalls > 50) {
            throw new IllegalArgumentException("atelier.assistant.max-tool-calls must be between 1 and 50: " + maxToolCalls);
        }
        if (memoryMessages < 2 || memoryMessages > 500) {
            throw new IllegalArgumentException("atelier.assistant.memory-messages must be between 2 and 500: " + memoryMessages);
        }
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("atelier.assistant.max-message-length must be positive: " + maxMessageLength);
        }
    }
}
