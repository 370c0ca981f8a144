package io.atelier.tools.assistant.internal;

/**
 * Body of {@code POST /api/v1/assistant/chat}.
 *
 * @param message        what the user says (required)
 * @param conversationId continue this conversation; absent = a new one
 */
public record ChatMessageBody(String message, String conversationId) {
}
