package io.atelier.tools.assistant;

import io.atelier.core.account.Caller;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.assistant.internal.ChatMessageBody;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code POST /api/v1/assistant/chat {message, conversationId?}} → {@code {success, data:{conversationId,
 * reply, toolCalls}}} in the native API's envelope. 404 {@code ASSISTANT_DISABLED} when no LLM is
 * configured. Conversations belong to the API key that started them.
 */
@RestController
class AssistantController {

    private final AssistantService assistant;

    AssistantController(AssistantService assistant) {
        this.assistant = assistant;
    }

    @PostMapping("/api/v1/assistant/chat")
    Map<String, Object> chat(Caller caller, @RequestBody(required = false) ChatMessageBody body) {
        if (!assistant.available()) {
            throw disabled();
        }
        if (body == null) {
            throw new AssistantException("VALIDATION_ERROR", "send a JSON body {\"message\": \"...\"}");
        }
        AssistantReply reply = assistant.chat(caller, "key:" + caller.keyId(), body.conversationId(), body.message(),
                GenerationSource.TOOL);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", reply.conversationId());
        data.put("reply", reply.reply());
        data.put("toolCalls", reply.toolCalls());
        return Map.of("success", true, "data", data);
    }

    private static AssistantException disabled() {
        return new AssistantException("ASSISTANT_DISABLED", "the assistant is off: it needs an LLM "
                + "(set atelier.llm.base-url or atelier.llm.api-key)");
    }

    /** Errors of this controller in the native envelope {@code {success:false, error:{code, message}}}. */
    @RestControllerAdvice(assignableTypes = AssistantController.class)
    static class Errors {

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> assistant(AssistantException e) {
            HttpStatus status = switch (e.code()) {
                case "ASSISTANT_DISABLED" -> HttpStatus.NOT_FOUND;
                case "ASSISTANT_TOOL_LIMIT" -> HttpStatus.UNPROCESSABLE_CONTENT;
                case "ASSISTANT_LLM_ERROR" -> HttpStatus.BAD_GATEWAY;
                default -> HttpStatus.BAD_REQUEST;
            };
            return error(status, e.code(), e.getMessage());
        }

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
            return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "request body is not valid JSON");
        }

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> unauthorized(UnauthorizedException e) {
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", e.getMessage());
        }

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> rateLimited(RateLimitExceededException e) {
            return error(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMIT_EXCEEDED", e.getMessage());
        }

        private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
            return ResponseEntity.status(status).body(Map.of("success", false, "error", Map.of("code", code, "message", message)));
        }
    }
}
