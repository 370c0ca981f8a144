package io.atelier.core.api.brand;

import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.brand.BrandKitValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of {@code /api/v1/brand-kit} in the native API's (Banatie's) envelope
 * {@code {success:false, error:{code, message}}} with the native codes ({@code VALIDATION_ERROR},
 * {@code UNAUTHORIZED}, {@code RATE_LIMIT_EXCEEDED} …).
 */
@RestControllerAdvice(basePackageClasses = BrandKitExceptionHandler.class)
class BrandKitExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BrandKitExceptionHandler.class);

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", false);
        out.put("error", error);
        return ResponseEntity.status(status).body(out);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> brandKit(BrandKitValidationException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> field(JsonFieldException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "request body is not valid JSON");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unauthorized(UnauthorizedException e) {
        return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitExceededException e) {
        return error(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMIT_EXCEEDED", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("unexpected error in the brand-kit API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the server failed; the error was logged");
    }
}
