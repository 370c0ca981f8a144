package io.atelier.core.api.v1;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the native API in Banatie's shape {@code {success:false, error:{code, message}}} with
 * its codes ({@code VALIDATION_ERROR}, {@code UNAUTHORIZED}, {@code GENERATION_NOT_FOUND},
 * {@code RATE_LIMIT_EXCEEDED}) and Atelier's where Banatie has none: the refusal's own code and the
 * status of its kind ({@code PROMPT_BLOCKED} is a 400 like Banatie's other input errors; a cooldown
 * is a 429 with Retry-After). Never a bare 500 for bad input.
 */
// The brand-kit and provenance routes speak the native envelope too, so they share this handler
// (provenance words one framework error its own way in a handler of higher precedence).
@RestControllerAdvice(basePackages = {"io.atelier.core.api.v1", "io.atelier.core.api.brand", "io.atelier.core.api.provenance"})
class NativeExceptionHandler {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> refused(AtelierException e, HttpServletResponse response) {
        ApiErrors.retryAfter(e, response);
        return ResponseEntity.status(e.errorKind().status()).body(NativeViews.error(e.code(), e.getMessage()));
    }

    /** The framework's failures (bad JSON, media type, multipart, upload size …) and the unexpected. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> other(Exception e, HttpServletResponse response) {
        return refused(ApiErrors.translate(e, "the native API"), response);
    }
}
