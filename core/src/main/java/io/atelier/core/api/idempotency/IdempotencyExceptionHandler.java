package io.atelier.core.api.idempotency;

import io.atelier.core.api.ApiErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Renders {@link IdempotencyException} in the error shape of the dialect whose route was called, told
 * by the handler's package, so no dialect's own handler needs to know about idempotency:
 * <ul>
 *   <li>OpenAI ({@code api.openai}): {@code {"error":{"message","type":"invalid_request_error","param":"Idempotency-Key","code"}}}</li>
 *   <li>Cuppa ({@code api.cuppa}): {@code {"error":{"code","message","field":"Idempotency-Key"}}}</li>
 *   <li>v0 ({@code api.v0}): {@code {"error":"message"}}</li>
 *   <li>everything else (native and its companions): {@code {"success":false,"error":{"code","message"}}}
 *       with upper-case codes.</li>
 * </ul>
 * Ordered first so the dialects' catch-all handlers never see the exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdempotencyExceptionHandler {

    private static final String API = "io.atelier.core.api.";

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> idempotency(IdempotencyException e, HandlerMethod handler, HttpServletResponse response) {
        IdempotencyException.Reason reason = e.reason();
        String dialect = handler.getBeanType().getPackageName();
        Map<String, Object> body;
        if (dialect.startsWith(API + "openai")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", e.getMessage());
            error.put("type", "invalid_request_error");
            error.put("param", IdempotencyInterceptor.HEADER);
            error.put("code", reason.code);
            body = Map.of("error", error);
        } else if (dialect.startsWith(API + "cuppa")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", reason.code);
            error.put("message", e.getMessage());
            error.put("field", IdempotencyInterceptor.HEADER);
            body = Map.of("error", error);
        } else if (dialect.startsWith(API + "v0")) {
            body = Map.of("error", e.getMessage());
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", reason.nativeCode);
            error.put("message", e.getMessage());
            body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", error);
        }
        ApiErrors.retryAfter(e, response); // 1 s while the first request with the key is in flight
        return ResponseEntity.status(e.errorKind().status()).body(body);
    }
}
