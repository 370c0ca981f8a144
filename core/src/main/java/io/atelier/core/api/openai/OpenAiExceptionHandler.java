package io.atelier.core.api.openai;

import org.apache.tomcat.util.http.InvalidParameterException;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.api.UnauthorizedException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationValidationException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every error of the OpenAI dialect in OpenAI's shape {@code {error:{message, type, param, code}}}
 * with OpenAI's status codes: 400 {@code invalid_request_error} naming the parameter, 401, 403, 404
 * {@code model_not_found}, 413, 429 ({@code rate_limit_exceeded}, or {@code insufficient_quota} when
 * the team's credits are spent), 5xx {@code server_error}. Bad input is never a 500.
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

    private static ResponseEntity<OpenAiWire.ErrorBody> render(OpenAiApiException.Builder builder) {
        return render(builder.build());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> openAi(OpenAiApiException e) {
        return render(e);
    }

    /** The prompt pipeline's moderation refused the prompt: OpenAI's content-policy error. */
    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> blocked(PromptBlockedException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, e.getMessage())
                .param("prompt").code("content_policy_violation"));
    }

    /** Too many blocked prompts: a cooldown, answered like OpenAI's rate limit. */
    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> cooldown(PromptCooldownException e) {
        ResponseEntity<OpenAiWire.ErrorBody> rendered = render(OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS,
                e.getMessage()).code("rate_limit_exceeded"));
        return ResponseEntity.status(rendered.getStatusCode()).headers(rendered.getHeaders())
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(rendered.getBody());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> unauthorized(UnauthorizedException e, HttpServletRequest request) {
        String key = presentedKey(request);
        if (key == null) {
            // OpenAI's words and shape for a request without a key (its code is null).
            return render(OpenAiApiException.builder(HttpStatus.UNAUTHORIZED, "You didn't provide an API key. You need "
                    + "to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer "
                    + "YOUR_KEY), or in an X-API-Key header."));
        }
        return render(OpenAiApiException.builder(HttpStatus.UNAUTHORIZED, "Incorrect API key provided: " + masked(key)
                + ". Ask your Atelier administrator for a valid key.").code("invalid_api_key"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> forbidden(ForbiddenException e) {
        return render(OpenAiApiException.builder(HttpStatus.FORBIDDEN, e.getMessage()).code("permission_denied"));
    }

    @ExceptionHandler
    ResponseEntity<?> rateLimited(RateLimitExceededException e, HttpServletRequest request, HttpServletResponse response) {
        Optional<ResponseEntity<?>> made = answerAlreadyMade(request, response);
        if (made.isPresent()) {
            return made.get();
        }
        // Retry-After and X-RateLimit-* are already on the response (set by the key interceptor).
        return render(OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS, "Rate limit reached for requests: "
                + e.getMessage() + ".").type("requests").code("rate_limit_exceeded"));
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

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> credits(InsufficientCreditsException e) {
        return render(OpenAiApiException.builder(HttpStatus.TOO_MANY_REQUESTS, "You exceeded your current quota, "
                        + "please check your plan and billing details: " + e.getMessage())
                .type("insufficient_quota").code("insufficient_quota").noRetry());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> validation(GenerationValidationException e) {
        if ("MODEL_NOT_FOUND".equals(e.code())) {
            return render(OpenAiApiException.builder(HttpStatus.NOT_FOUND, e.getMessage()).param("model")
                    .code("model_not_found"));
        }
        String param = e.field() == null ? null : PARAMS.getOrDefault(e.field(), e.field());
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, e.getMessage()).param(param).code("invalid_value"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> field(JsonFieldException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, e.getMessage()).param(e.field()).code("invalid_value"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> notFound(GenerationNotFoundException e) {
        return render(OpenAiApiException.builder(HttpStatus.NOT_FOUND, e.getMessage()).code("not_found"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> state(GenerationStateException e) {
        return render(OpenAiApiException.builder(HttpStatus.CONFLICT, e.getMessage()).code(e.code().toLowerCase(Locale.ROOT)).noRetry());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your "
                + "request. The API expects a JSON payload, but what was sent was not valid JSON.").code("invalid_json"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "Invalid Content-Type header ("
                + e.getContentType() + "): send the parameters as application/json.").code("invalid_content_type"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return render(OpenAiApiException.builder(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage()).code("method_not_allowed"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return render(OpenAiApiException.invalid(e.getParameterName(), "missing_required_parameter",
                "Missing required parameter: '" + e.getParameterName() + "'."));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> tooLarge(MaxUploadSizeExceededException e) {
        return render(OpenAiApiException.builder(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: each image "
                + "must be under 25MB and the mask under 4MB.").code("request_too_large").noRetry());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> multipart(MultipartException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The multipart/form-data body could not be "
                + "read: " + e.getMessage()).code("invalid_multipart"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> asyncTimeout(AsyncRequestTimeoutException e) {
        return render(OpenAiApiException.builder(HttpStatus.GATEWAY_TIMEOUT, "The image is still being generated; "
                + "Atelier keeps working on it.").code("timeout").noRetry());
    }

    /** A query string or form that is not UTF-8 once percent-decoded (Tomcat refuses it when a parameter is read). */
    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> undecodable(InvalidParameterException e) {
        return render(OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The query string is not valid UTF-8 after "
                + "percent-decoding.").code("invalid_encoding"));
    }

    @ExceptionHandler
    ResponseEntity<OpenAiWire.ErrorBody> unexpected(Exception e) {
        log.error("unexpected error in the OpenAI-compatible API", e);
        return render(OpenAiApiException.builder(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server had an error while processing your request; the error was logged."));
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
