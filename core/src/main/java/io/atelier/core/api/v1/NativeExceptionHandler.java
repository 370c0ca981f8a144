package io.atelier.core.api.v1;

import org.apache.tomcat.util.http.InvalidParameterException;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.brand.BrandKitValidationException;
import io.atelier.core.gallery.GalleryException;
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

/**
 * Errors of the native API in Banatie's shape {@code {success:false, error:{code, message}}} with
 * its codes ({@code VALIDATION_ERROR}, {@code UNAUTHORIZED}, {@code GENERATION_NOT_FOUND},
 * {@code RATE_LIMIT_EXCEEDED}) and Atelier's where Banatie has none. Never a bare 500 for bad input.
 */
// The brand-kit and provenance routes speak the native envelope too, so they share this handler
// (provenance adds its own specific errors in a handler of higher precedence).
@RestControllerAdvice(basePackages = {"io.atelier.core.api.v1", "io.atelier.core.api.brand", "io.atelier.core.api.provenance"})
class NativeExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(NativeExceptionHandler.class);

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(NativeViews.error(code, message));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> field(JsonFieldException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> brandKit(BrandKitValidationException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> validation(GenerationValidationException e) {
        return error(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptValidation(PromptValidationException e) {
        return error(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
    }

    /**
     * {@code PROMPT_BLOCKED} is a 400 like Banatie's other input errors (the request as sent will
     * never be accepted); nothing was charged and no generation exists.
     */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> blocked(PromptBlockedException e) {
        return error(HttpStatus.BAD_REQUEST, PromptBlockedException.CODE, e.getMessage());
    }

    /** Repeated blocks: 429 with Retry-After (seconds) until the cooldown ends. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> cooldown(PromptCooldownException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(NativeViews.error(PromptCooldownException.CODE, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptNotFound(PromptNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.code(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> promptConflict(PromptConflictException e) {
        return error(HttpStatus.CONFLICT, e.code(), e.getMessage());
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
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "the upload is too large");
    }

    /** A multipart body that cannot be parsed (no boundary, bad file name), read by a JSON route's key check. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "the multipart/form-data body could not be read");
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
    ResponseEntity<Map<String, Object>> notFound(GenerationNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "GENERATION_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> keyNotFound(AdminController.KeyNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "KEY_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> imageNotFound(NativeCatalogController.ImageNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "IMAGE_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> state(GenerationStateException e) {
        return error(HttpStatus.CONFLICT, e.code(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> credits(InsufficientCreditsException e) {
        return error(HttpStatus.PAYMENT_REQUIRED, "INSUFFICIENT_CREDITS", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitExceededException e) {
        return error(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMIT_EXCEEDED", e.getMessage());
    }

    /** Gallery and moderation: 404 / 403 / 409 / 400 / 429 by the exception's kind, with its code. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> gallery(GalleryException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
        return error(status, e.code(), e.getMessage());
    }

    /** A query string or form that is not UTF-8 once percent-decoded (Tomcat refuses it when a parameter is read). */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> undecodable(InvalidParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "the query string or form is not valid UTF-8 after percent-decoding");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("unexpected error in the native API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the server failed; the error was logged");
    }
}
