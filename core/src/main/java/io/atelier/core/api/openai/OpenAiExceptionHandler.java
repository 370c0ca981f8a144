package io.atelier.core.api.openai;

import io.atelier.core.api.ApiErrors;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

/**
 * Every error of the OpenAI dialect in OpenAI's shape {@code {error:{message, type, param, code}}}
 * with OpenAI's status codes: 400 {@code invalid_request_error} naming the parameter, 401, 403, 404
 * {@code model_not_found}, 413, 429 ({@code rate_limit_exceeded}, or {@code insufficient_quota} when
 * the team's credits are spent), 5xx {@code server_error}. Bad input is never a 500. A refusal is
 * answered by its kind; OpenAI's own words stand where its API reference has them.
 */
@RestControllerAdvice(basePackageClasses = OpenAiExceptionHandler.class)
class OpenAiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiExceptionHandler.class);

    /** The core's field names in OpenAI's parameter vocabulary. */
    private static final Map<String, String> PARAMS = Map.of(
            "count", "n",
            "aspectRatio", "size",
            "resolution", "size",
            "editImage", "image");

    static ResponseEntity<OpenAiWire.ErrorBody> render(OpenAiApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach((name, value) -> response.header(name, value));
        return response.body(new OpenAiWire.ErrorBody(new OpenAiWire.ErrorDetail(e.getMessage(), e.type(), e.param(), e.code())));
    }

    /** An answer the dialect's own code already worded. */
    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> openAi(OpenAiApiException e) {
        return render(e);
    }

    @ExceptionHandler
    ResponseEntity<?> refused(AtelierException e, HttpServletRequest request, HttpServletResponse response) {
        if (e.sharedCode() == ErrorCode.RATE_LIMIT_EXCEEDED) {
            Optional<ResponseEntity<?>> made = answerAlreadyMade(request, response);
            if (made.isPresent()) {
                return made.get();
            }
        }
        ApiErrors.retryAfter(e, response);
        return render(answer(e, request).build());
    }

    /** The framework's failures (bad JSON, media type, multipart, upload size …) and the unexpected. */
    @ExceptionHandler
    ResponseEntity<?> other(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return refused(ApiErrors.translate(e, "the OpenAI-compatible API"), request, response);
    }

    private static OpenAiApiException.Builder answer(AtelierException e, HttpServletRequest request) {
        String message = e.getMessage();
        return switch (e.errorKind()) {
            case INVALID -> invalid(e);
            // The prompt pipeline's moderation refused the prompt: OpenAI's content-policy error.
            case REFUSED -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, message).param(e.field())
                    .code("content_policy_violation");
            case UNAUTHORIZED -> unauthorized(request);
            case FORBIDDEN -> OpenAiApiException.builder(HttpStatus.FORBIDDEN, message).code("permission_denied");
            case PAYMENT_REQUIRED -> OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS, "You exceeded your current "
                    + "quota, please check your plan and billing details: " + message)
                    .type("insufficient_quota").code("insufficient_quota").noRetry();
            // Retry-After and X-RateLimit-* of the key's limit are already on the response (set by the key interceptor).
            case LIMITED -> e.sharedCode() == ErrorCode.RATE_LIMIT_EXCEEDED
                    ? OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS, "Rate limit reached for requests: " + message
                            + ".").type("requests").code("rate_limit_exceeded")
                    : OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS, message).code("rate_limit_exceeded");
            case NOT_FOUND -> OpenAiApiException.builder(HttpStatus.NOT_FOUND, message).code("not_found");
            case CONFLICT -> OpenAiApiException.builder(HttpStatus.CONFLICT, message).code(lower(e)).noRetry();
            case UNSUPPORTED_MEDIA -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST,
                    e.getCause() instanceof HttpMediaTypeNotSupportedException unsupported ? "Invalid Content-Type header ("
                            + unsupported.getContentType() + "): send the parameters as application/json." : message)
                    .code("invalid_content_type");
            case METHOD_NOT_ALLOWED -> OpenAiApiException.builder(HttpStatus.METHOD_NOT_ALLOWED, message).code("method_not_allowed");
            case TOO_LARGE -> OpenAiApiException.builder(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: each image "
                    + "must be under 25MB and the mask under 4MB.").code("request_too_large").noRetry();
            case TIMEOUT -> OpenAiApiException.builder(HttpStatus.GATEWAY_TIMEOUT, "The image is still being generated; "
                    + "Atelier keeps working on it.").code("timeout").noRetry();
            case INTERNAL -> OpenAiApiException.builder(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The server had an error while processing your request; the error was logged.");
            case UNPROCESSABLE, UPSTREAM, UNAVAILABLE ->
                    OpenAiApiException.builder(HttpStatus.valueOf(e.errorKind().status()), message).code(lower(e));
        };
    }

    /** 400 naming the parameter; an unknown model is OpenAI's 404 {@code model_not_found}. */
    private static OpenAiApiException.Builder invalid(AtelierException e) {
        if ("MODEL_NOT_FOUND".equals(e.code())) {
            return OpenAiApiException.builder(HttpStatus.NOT_FOUND, e.getMessage()).param("model").code("model_not_found");
        }
        ErrorCode shared = e.sharedCode() == null ? ErrorCode.VALIDATION_ERROR : e.sharedCode();
        return switch (shared) {
            case BODY_NOT_JSON -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of "
                    + "your request. The API expects a JSON payload, but what was sent was not valid JSON.").code("invalid_json");
            case MULTIPART_UNREADABLE -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The multipart/form-data body "
                    + "could not be read: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()))
                    .code("invalid_multipart");
            case PARAMETER_MISSING -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "Missing required parameter: '"
                    + e.field() + "'.").param(e.field()).code("missing_required_parameter");
            case QUERY_NOT_UTF8 -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The query string is not valid UTF-8 "
                    + "after percent-decoding.").code("invalid_encoding");
            default -> OpenAiApiException.builder(HttpStatus.BAD_REQUEST, e.getMessage())
                    .param(e.field() == null ? null : PARAMS.getOrDefault(e.field(), e.field())).code("invalid_value");
        };
    }

    /** OpenAI's words and shape for a request without a key (its code is null), or with a wrong one. */
    private static OpenAiApiException.Builder unauthorized(HttpServletRequest request) {
        String key = presentedKey(request);
        if (key == null) {
            return OpenAiApiException.builder(HttpStatus.UNAUTHORIZED, "You didn't provide an API key. You need "
                    + "to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer "
                    + "YOUR_KEY), or in an X-API-Key header.");
        }
        return OpenAiApiException.builder(HttpStatus.UNAUTHORIZED, "Incorrect API key provided: " + masked(key)
                + ". Ask your Atelier administrator for a valid key.").code("invalid_api_key");
    }

    private static String lower(AtelierException e) {
        return e.code().toLowerCase(Locale.ROOT);
    }

    /**
     * Spring MVC runs handler interceptors again when an asynchronous answer is dispatched, so the key
     * interceptor counts a synchronous image request twice and may refuse it on that second pass, after
     * the request was admitted and its generation made and paid for. Then the answer already made wins
     * (and the refusal's Retry-After is dropped). Empty for every other refusal.
     */
    private static Optional<ResponseEntity<?>> answerAlreadyMade(HttpServletRequest request, HttpServletResponse response) {
        if (request.getDispatcherType() != DispatcherType.ASYNC) {
            return Optional.empty();
        }
        WebAsyncManager async = WebAsyncUtils.getAsyncManager(request);
        if (!async.hasConcurrentResult()) {
            return Optional.empty();
        }
        Object result = async.getConcurrentResult();
        response.setHeader(HttpHeaders.RETRY_AFTER, null);
        if (result instanceof ResponseEntity<?> entity) {
            return Optional.of(entity);
        }
        if (result instanceof OpenAiApiException error) {
            return Optional.of(render(error));
        }
        if (result instanceof Throwable unexpected) {
            log.error("unexpected error in the OpenAI-compatible API", unexpected);
        }
        return Optional.of(render(OpenAiApiException.builder(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server had an error while processing your request; the error was logged.").build()));
    }

    /** The key the client sent (as the core's interceptor reads it), or null. */
    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** {@code sk-a***wxyz} like OpenAI; short keys are masked entirely so no key is ever echoed whole. */
    static String masked(String key) {
        if (key.length() < 12) {
            return "****";
        }
        return key.substring(0, 3) + "*".repeat(Math.min(key.length() - 7, 20)) + key.substring(key.length() - 4);
    }
}
