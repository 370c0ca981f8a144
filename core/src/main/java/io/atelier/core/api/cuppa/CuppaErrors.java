package io.atelier.core.api.cuppa;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The Cuppa dialect's one error shape (Cuppa documents none): {@code {"error": {"code", "message"}}}
 * plus {@code "field"} when one request field is at fault and {@code "generation_id"} when a
 * generation exists. Codes are lower-case snake case and stable; see docs/api/cuppa.md. The codes
 * named here are Cuppa's own; the others are the error vocabulary's wire codes in lower case
 * ({@code unauthorized}, {@code rate_limit_exceeded}, {@code payload_too_large}, {@code internal_error} …).
 */
final class CuppaErrors {

    static final String INVALID_REQUEST = "invalid_request";
    static final String MODEL_NOT_FOUND = "model_not_found";
    static final String NOT_FOUND = "not_found";
    static final String INSUFFICIENT_CREDITS = "insufficient_credits";
    static final String CONFLICT = "conflict";
    static final String CONTENT_POLICY_VIOLATION = "content_policy_violation";
    static final String GENERATION_FAILED = "generation_failed";
    static final String GENERATION_CANCELED = "generation_canceled";
    static final String GENERATION_TIMEOUT = "generation_timeout";

    private CuppaErrors() {
    }

    static Map<String, Object> body(String code, String message, String field, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        if (details != null) {
            error.putAll(details);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        return out;
    }

    static ResponseEntity<Object> response(HttpStatus status, String code, String message, String field,
                                           Map<String, Object> details) {
        return ResponseEntity.status(status).body(body(code, message, field, details));
    }
}
