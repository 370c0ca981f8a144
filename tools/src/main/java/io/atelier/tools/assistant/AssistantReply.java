package io.atelier.tools.assistant;

import java.util.List;

/**
 * The assistant's answer to one message.
 *
 * @param conversationId pass it with the next message to continue the conversation
 * @param reply          the answer text
 * @param toolCalls      the tools it called for this message, in order
 */
public record AssistantReply(String conversationId, String reply, List<ToolCall> toolCalls) {

    /** One tool call: its name, the arguments as the LLM gave them (JSON), and what it returned. */
    public record ToolCall(String name, String arguments, String result) {
    }
}
