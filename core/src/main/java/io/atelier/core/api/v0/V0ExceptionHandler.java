package io.atelier.core.api.v0;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import io.atelier.core.generation.GenerationValidationException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the v0 dialect in its shape {@code {error: "message"}} with the status of the refusal's
 * kind; never a 500 for bad input. Retry-After and X-RateLimit-* of a rate limit were already set
 * by the interceptor.
 */
@RestControllerAdvice(basePackageClasses = V0ExceptionHandler.class)
class V0ExceptionHandler {

    /** The v0 document's words for shared codes; the rest keep the vocabulary's message. */
    private static final Map<ErrorCode, String> WORDING = Map.of(
            ErrorCode.BODY_NOT_JSON, "Request body is not valid JSON",
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json or multipart/form-data",
            ErrorCode.PAYLOAD_TOO_LARGE, "Upload too large: each file must be at most 25MB and the whole "
                    + "request at most 60MB (spring.servlet.multipart.*)",
            ErrorCode.INTERNAL_ERROR, "Internal error");

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> refused(AtelierException e, HttpServletResponse response) {
        ApiErrors.retryAfter(e, response);
        HttpStatus status = HttpStatus.valueOf(e.errorKind().status());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (e instanceof V0HttpException decided && decided.allow() != null) {
            answer.header(HttpHeaders.ALLOW, decided.allow());
        }
        return answer.body(Map.of("error", message(e, status)));
    }

    /** The framework's failures (bad JSON, media type, multipart, upload size …) and the unexpected. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> other(Exception e, HttpServletResponse response) {
        return refused(ApiErrors.translate(e, "the v0 API"), response);
    }

    /** The core names fields in its own vocabulary; the message is put in v0's ({@code count} is {@code sampleCount}). */
    private static String message(AtelierException e, HttpStatus status) {
        if (e.sharedCode() != null && WORDING.containsKey(e.sharedCode())) {
            return WORDING.get(e.sharedCode());
        }
        String message = e instanceof GenerationValidationException ? inV0Terms(e.field(), e.getMessage()) : e.getMessage();
        return message == null ? status.getReasonPhrase() : message;
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
}
