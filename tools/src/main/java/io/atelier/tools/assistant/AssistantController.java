package io.atelier.tools.assistant;

import io.atelier.core.account.Caller;
import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.generation.GenerationSource;
import io.atelier.tools.assistant.internal.ChatMessageBody;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

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

    /**
     * Errors of this controller in the native envelope {@code {success:false, error:{code, message}}},
     * with the status of the refusal's kind. Other exceptions go on to {@code /error}.
     */
    @RestControllerAdvice(assignableTypes = AssistantController.class)
    static class Errors {

        @ExceptionHandler
        ResponseEntity<Map<String, Object>> refused(AtelierException e) {
            return ResponseEntity.status(e.errorKind().status())
                    .body(Map.of("success", false, "error", Map.of("code", e.code(), "message", e.getMessage())));
        }

        /** The framework's refusals of a body, in the shared vocabulary. */
        @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class, MultipartException.class})
        ResponseEntity<Map<String, Object>> unreadable(Exception e) {
            return refused(ApiErrors.translate(e, "the assistant"));
        }
    }
}
