package io.atelier.core.api.cuppa;

import org.apache.tomcat.util.http.InvalidParameterException;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.article.ArticleNotFoundException;
import io.atelier.core.article.ArticleValidationException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationValidationException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every error of every Cuppa route (this package: images, bulk, meta, articles) in the dialect's
 * shape {@code {"error": {"code", "message", "field"?}}} with the matching status. Authentication
 * and rate limiting run before the handler and land here too. Bad input is a 4xx, never a 500.
 */
@RestControllerAdvice(basePackageClasses = CuppaExceptionHandler.class)
class CuppaExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CuppaExceptionHandler.class);

    /** Core field names as a Cuppa client wrote them. */
    private static final Map<String, String> CORE_FIELDS = Map.of(
            "size", "settings.size",
            "aspectRatio", "settings.aspect_ratio",
            "resolution", "settings.resolution");

    @ExceptionHandler
    ResponseEntity<Object> cuppa(CuppaApiException e) {
        return CuppaErrors.response(e.status(), e.code(), e.getMessage(), e.field(), e.details());
    }

    @ExceptionHandler
    ResponseEntity<Object> blocked(PromptBlockedException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, "prompt_blocked", e.getMessage(), "prompt", null);
    }

    @ExceptionHandler
    ResponseEntity<Object> cooldown(PromptCooldownException e) {
        ResponseEntity<Object> rendered = CuppaErrors.response(HttpStatus.TOO_MANY_REQUESTS, "prompt_cooldown", e.getMessage(), null, null);
        return ResponseEntity.status(rendered.getStatusCode()).headers(rendered.getHeaders())
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(rendered.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Object> field(JsonFieldException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, e.getMessage(), e.field(), null);
    }

    @ExceptionHandler
    ResponseEntity<Object> validation(GenerationValidationException e) {
        String code = "MODEL_NOT_FOUND".equals(e.code()) ? CuppaErrors.MODEL_NOT_FOUND : CuppaErrors.INVALID_REQUEST;
        String field = e.field() == null ? null : CORE_FIELDS.getOrDefault(e.field(), e.field());
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, code, e.getMessage(), field, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> article(ArticleValidationException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, e.getMessage(), e.field(), null);
    }

    @ExceptionHandler
    ResponseEntity<Object> articleNotFound(ArticleNotFoundException e) {
        return CuppaErrors.response(HttpStatus.NOT_FOUND, CuppaErrors.NOT_FOUND, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> generationNotFound(GenerationNotFoundException e) {
        return CuppaErrors.response(HttpStatus.NOT_FOUND, CuppaErrors.NOT_FOUND, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> state(GenerationStateException e) {
        return CuppaErrors.response(HttpStatus.CONFLICT, CuppaErrors.CONFLICT, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> credits(InsufficientCreditsException e) {
        return CuppaErrors.response(HttpStatus.PAYMENT_REQUIRED, CuppaErrors.INSUFFICIENT_CREDITS, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> unauthorized(UnauthorizedException e) {
        return CuppaErrors.response(HttpStatus.UNAUTHORIZED, CuppaErrors.UNAUTHORIZED,
                e.getMessage().replace("send X-API-Key: KEY", "send X-API-KEY: KEY"), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> forbidden(ForbiddenException e) {
        return CuppaErrors.response(HttpStatus.FORBIDDEN, CuppaErrors.FORBIDDEN, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> rateLimited(RateLimitExceededException e) {
        return CuppaErrors.response(HttpStatus.TOO_MANY_REQUESTS, CuppaErrors.RATE_LIMIT_EXCEEDED, e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, "request body is not valid JSON",
                "body", null);
    }

    @ExceptionHandler
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return CuppaErrors.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CuppaErrors.UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json", null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST,
                e.getParameterName() + " is required", e.getParameterName(), null);
    }

    @ExceptionHandler
    ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e) {
        return CuppaErrors.response(HttpStatus.CONTENT_TOO_LARGE, CuppaErrors.PAYLOAD_TOO_LARGE, "the request is too large",
                null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> multipart(MultipartException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, "send the body as application/json",
                "body", null);
    }

    @ExceptionHandler
    ResponseEntity<Object> asyncTimeout(AsyncRequestTimeoutException e) {
        return CuppaErrors.response(HttpStatus.GATEWAY_TIMEOUT, CuppaErrors.GENERATION_TIMEOUT,
                "the image was not ready in time; it keeps generating and will appear in GET /v1/images", null, null);
    }

    /** A query string or form that is not UTF-8 once percent-decoded (Tomcat refuses it when a parameter is read). */
    @ExceptionHandler
    ResponseEntity<Object> undecodable(InvalidParameterException e) {
        return CuppaErrors.response(HttpStatus.BAD_REQUEST, CuppaErrors.INVALID_REQUEST, "the query string or form is not valid UTF-8 after percent-decoding", null, null);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error in the Cuppa API", e);
        return CuppaErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, CuppaErrors.INTERNAL_ERROR,
                "the server failed; the error was logged", null, null);
    }
}
