package io.atelier.core.api.cuppa;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import io.atelier.core.error.ErrorKind;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of every Cuppa route (this package: images, bulk, meta, articles) in the dialect's
 * shape {@code {"error": {"code", "message", "field"?}}} with the status of the refusal's kind.
 * Codes are the refusal's own in lower case, except where docs/api/cuppa.md names one per kind
 * ({@code invalid_request}, {@code not_found}, {@code conflict}). Authentication and rate limiting
 * run before the handler and land here too. Bad input is a 4xx, never a 500.
 */
@RestControllerAdvice(basePackageClasses = CuppaExceptionHandler.class)
class CuppaExceptionHandler {

    /** Core field names as a Cuppa client wrote them. */
    private static final Map<String, String> CORE_FIELDS = Map.of(
            "size", "settings.size",
            "aspectRatio", "settings.aspect_ratio",
            "resolution", "settings.resolution");

    /** The Cuppa document's words (message, field) for shared codes; the rest keep the vocabulary's. */
    private record Wording(String message, String field) {
    }

    private static final Map<ErrorCode, Wording> WORDING = Map.of(
            ErrorCode.BODY_NOT_JSON, new Wording("request body is not valid JSON", "body"),
            ErrorCode.MULTIPART_UNREADABLE, new Wording("send the body as application/json", "body"),
            ErrorCode.PAYLOAD_TOO_LARGE, new Wording("the request is too large", null),
            ErrorCode.GENERATION_TIMEOUT, new Wording(
                    "the image was not ready in time; it keeps generating and will appear in GET /v1/images", null));

    @ExceptionHandler
    ResponseEntity<Object> refused(AtelierException e, HttpServletResponse response) {
        ApiErrors.retryAfter(e, response);
        HttpStatus status = HttpStatus.valueOf(e.errorKind().status());
        Wording wording = e.sharedCode() == null ? null : WORDING.get(e.sharedCode());
        String message = wording != null ? wording.message() : e.getMessage();
        if (e.errorKind() == ErrorKind.UNAUTHORIZED) {
            message = message.replace("send X-API-Key: KEY", "send X-API-KEY: KEY"); // the header as Cuppa's document spells it
        }
        String field = wording != null ? wording.field() : e.field() == null ? null : CORE_FIELDS.getOrDefault(e.field(), e.field());
        Map<String, Object> details = null;
        if (e instanceof CuppaApiException own) {
            details = own.details();
        }
        return CuppaErrors.response(status, code(e), message, field, details);
    }

    /** The framework's failures (bad JSON, media type, multipart, upload size …) and the unexpected. */
    @ExceptionHandler
    ResponseEntity<Object> other(Exception e, HttpServletResponse response) {
        return refused(ApiErrors.translate(e, "the Cuppa API"), response);
    }

    private static String code(AtelierException e) {
        if (e instanceof CuppaApiException) {
            return e.code();
        }
        return switch (e.errorKind()) {
            case INVALID -> "MODEL_NOT_FOUND".equals(e.code()) ? CuppaErrors.MODEL_NOT_FOUND : CuppaErrors.INVALID_REQUEST;
            case NOT_FOUND -> CuppaErrors.NOT_FOUND;
            case CONFLICT -> CuppaErrors.CONFLICT;
            default -> e.code().toLowerCase(Locale.ROOT);
        };
    }
}
