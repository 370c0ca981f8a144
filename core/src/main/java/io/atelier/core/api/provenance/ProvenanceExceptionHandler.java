package io.atelier.core.api.provenance;

import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.provenance.ProvenanceInputException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the provenance API in the native API's shape {@code {success:false, error:{code, message}}}
 * (it lives under {@code /api/v1}). Bad input is a 4xx naming the field; never a 500.
 */
@RestControllerAdvice(basePackageClasses = ProvenanceExceptionHandler.class)
class ProvenanceExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProvenanceExceptionHandler.class);

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ProvenanceViews.error(code, message));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> field(JsonFieldException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> input(ProvenanceInputException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(ProvenanceController.ProvenanceNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "PROVENANCE_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> mediaType(ProvenanceController.UnsupportedBodyException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> tooLarge(ProvenanceController.BodyTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> uploadTooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "the upload is too large");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "the multipart body is malformed");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage());
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
        log.error("unexpected error in the provenance API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the server failed; the error was logged");
    }
}
