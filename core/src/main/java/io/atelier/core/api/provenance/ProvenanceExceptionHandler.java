package io.atelier.core.api.provenance;

import io.atelier.core.error.ErrorCode;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * The provenance API's own wording of an unreadable multipart body, in the native API's shape
 * {@code {success:false, error:{code, message}}} (it lives under {@code /api/v1}). Everything else,
 * its own refusals included ({@code PROVENANCE_NOT_FOUND}, 415, 413), is rendered by the native API's
 * handler, which also covers this package.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = ProvenanceExceptionHandler.class)
class ProvenanceExceptionHandler {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
        return ResponseEntity.status(ErrorCode.MULTIPART_UNREADABLE.kind().status())
                .body(ProvenanceViews.error(ErrorCode.MULTIPART_UNREADABLE.wireCode(), "the multipart body is malformed"));
    }
}
