package io.atelier.tools.assistant;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/**
 * The assistant could not answer. Codes: {@code ASSISTANT_DISABLED} (no LLM configured),
 * {@code VALIDATION_ERROR} (bad message or conversation id), {@code ASSISTANT_TOOL_LIMIT} (too many
 * tool calls for one message), {@code ASSISTANT_LLM_ERROR} (the LLM failed or is unreachable).
 */
public class AssistantException extends AtelierException {

    public AssistantException(String code, String message) {
        super(kindOf(code), code, null, message);
    }

    /** The kind each assistant code is: 404 off, 422 too many tool calls, 502 the LLM failed, else 400. */
    private static ErrorKind kindOf(String code) {
        return switch (code) {
            case "ASSISTANT_DISABLED" -> ErrorKind.NOT_FOUND;
            case "ASSISTANT_TOOL_LIMIT" -> ErrorKind.UNPROCESSABLE;
            case "ASSISTANT_LLM_ERROR" -> ErrorKind.UPSTREAM;
            default -> ErrorKind.INVALID;
        };
    }
}
