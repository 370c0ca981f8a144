package io.atelier.core.api.recoup;

import org.apache.tomcat.util.http.InvalidParameterException;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the Recoup dialect in its document's shape, {@code {"error": "message"}}: 400 for a
 * missing or invalid parameter or a prompt the model refuses, 401 without a valid API key, 402
 * without credits (or without a key when no {@code atelier.recoup.anonymous-team} is set), 404 for a
 * generation deleted while waited on, 409 for a canceled generation, 429 over the rate limit, 502 when
 * the provider fails, 504 when the provider times out or the wait outlasts {@code atelier.recoup.timeout};
 * 500 only for the server's own faults.
 */
@RestControllerAdvice(basePackageClasses = RecoupExceptionHandler.class)
class RecoupExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RecoupExceptionHandler.class);

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return error(status, message, Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> recoup(RecoupException e) {
        return error(e.status(), e.getMessage(), e.extra());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> blocked(PromptBlockedException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("code", "PROMPT_BLOCKED"));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> cooldown(PromptCooldownException e) {
        ResponseEntity<Map<String, Object>> rendered = error(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), Map.of("code", "PROMPT_COOLDOWN"));
        return ResponseEntity.status(rendered.getStatusCode()).headers(rendered.getHeaders())
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(rendered.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> validation(GenerationValidationException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required");
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
    ResponseEntity<Map<String, Object>> credits(InsufficientCreditsException e) {
        return error(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
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
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitExceededException e) {
        return error(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
    }

    /** A query string or form that is not UTF-8 once percent-decoded (Tomcat refuses it when a parameter is read). */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> undecodable(InvalidParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "the query string or form is not valid UTF-8 after percent-decoding");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("unexpected error in the Recoup API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed; the error was logged");
    }
}
