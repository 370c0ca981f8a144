package io.atelier.core.api.provenance;

import io.atelier.core.provenance.ProvenanceInputException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the provenance API in the native API's shape {@code {success:false, error:{code, message}}}
 * (it lives under {@code /api/v1}). Bad input is a 4xx naming the field; never a 500.
 */
// Runs before the native API's handler, which also covers this package and answers everything
// not specific to provenance (401, 403, 429, bad JSON fields, unexpected errors) in the same shape.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = ProvenanceExceptionHandler.class)
class ProvenanceExceptionHandler {

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ProvenanceViews.error(code, message));
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
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "the multipart body is malformed");
    }





}
