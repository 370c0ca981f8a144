package io.atelier.core.api.v0;

import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptValidationException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Errors of the v0 dialect in its shape {@code {error: "message"}}; never a 500 for bad input. */
@RestControllerAdvice(basePackageClasses = V0ExceptionHandler.class)
class V0ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(V0ExceptionHandler.class);

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> field(JsonFieldException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The core names fields in its own vocabulary; the message is put in v0's ({@code count} is {@code sampleCount}). */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> validation(GenerationValidationException e) {
        return error(HttpStatus.BAD_REQUEST, inV0Terms(e.field(), e.getMessage()));
    }

    /**
     * The message with the request field at fault named as the v0 client knows it: core fields
     * {@code count} → {@code sampleCount}, {@code model} → {@code modelVersion}, preset files
     * {@code files.key} → the multipart part {@code key} ({@code files.key[1]} → {@code key_1}).
     */
    static String inV0Terms(String coreField, String message) {
        if (coreField == null || message == null) {
            return message;
        }
        String v0Field = switch (coreField) {
            case "count" -> "sampleCount";
            case "model" -> "modelVersion";
            default -> coreField.startsWith("files.")
                    ? coreField.substring("files.".length()).replaceAll("\\[(\\d+)]$", "_$1")
                    : coreField;
        };
        if (message.startsWith(coreField + " ") && !coreField.equals(v0Field)) {
            return v0Field + message.substring(coreField.length());
        }
        return message.contains(v0Field) ? message : v0Field + ": " + message;
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> v0Status(V0HttpException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.allow() != null) {
            answer.header(HttpHeaders.ALLOW, e.allow());
        }
        return answer.body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> v0NotFound(V0NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "the multipart/form-data body could not be read");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptValidation(PromptValidationException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** PROMPT_BLOCKED: 400 with the pipeline's message; nothing was charged. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> blocked(PromptBlockedException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> cooldown(PromptCooldownException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptNotFound(PromptNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptConflict(PromptConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "Request body is not valid JSON");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json or multipart/form-data");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "Upload too large: each file must be at most 25MB and the whole "
                + "request at most 60MB (spring.servlet.multipart.*)");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unauthorized(UnauthorizedException e) {
        return error(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(GenerationNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> state(GenerationStateException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> credits(InsufficientCreditsException e) {
        return error(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
    }

    /** Retry-After and X-RateLimit-* were already set by the interceptor. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitExceededException e) {
        return error(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected error in the v0 API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }
}
