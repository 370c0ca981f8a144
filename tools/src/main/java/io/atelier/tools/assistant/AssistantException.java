package io.atelier.tools.assistant;

/**
 * The assistant could not answer. Codes: {@code ASSISTANT_DISABLED} (no LLM configured),
 * {@code VALIDATION_ERROR} (bad message or conversation id), {@code ASSISTANT_TOOL_LIMIT} (too many
 * tool calls for one message), {@code ASSISTANT_LLM_ERROR} (the LLM failed or is unreachable).
 */
public class AssistantException extends RuntimeException {

    private final String code;

    public AssistantException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
