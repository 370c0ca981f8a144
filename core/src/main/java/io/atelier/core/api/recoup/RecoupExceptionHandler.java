package io.atelier.core.api.recoup;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import io.atelier.core.error.ErrorKind;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the Recoup dialect in its document's shape, {@code {"error": "message"}}, with the
 * status of the refusal's kind: 400 for a missing or invalid parameter or a prompt the model refuses,
 * 401 without a valid API key, 402 without credits (or without a key when no
 * {@code atelier.recoup.anonymous-team} is set), 404 for a generation deleted while waited on, 409 for
 * a canceled generation, 429 over the rate limit, 502 when the provider fails, 504 when the provider
 * times out or the wait outlasts {@code atelier.recoup.timeout}; 500 only for the server's own faults.
 * The prompt pipeline's refusals (blocked, cooldown) add their {@code code}.
 */
@RestControllerAdvice(basePackageClasses = RecoupExceptionHandler.class)
class RecoupExceptionHandler {

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> refused(AtelierException e, HttpServletResponse response) {
        ApiErrors.retryAfter(e, response);
        Map<String, Object> extra = Map.of();
        if (e instanceof RecoupException own) {
            extra = own.extra();
        } else if (e.errorKind() == ErrorKind.REFUSED
                || e.errorKind() == ErrorKind.LIMITED && e.sharedCode() != ErrorCode.RATE_LIMIT_EXCEEDED) {
            extra = Map.of("code", e.code());
        }
        return error(HttpStatus.valueOf(e.errorKind().status()), e.getMessage(), extra);
    }

    /** The framework's failures (missing parameter, method …) and the unexpected. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> other(Exception e, HttpServletResponse response) {
        return refused(ApiErrors.translate(e, "the Recoup API"), response);
    }
}
