package io.atelier.core.api;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The one translation of the framework's exceptions (Spring MVC, Tomcat) into the error vocabulary,
 * shared by every dialect's exception handler, which then renders the result like any other
 * {@link AtelierException}. The framework exception stays the cause, for a dialect whose document
 * words an answer with its details (OpenAI names the Content-Type it refused).
 */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /**
     * The refusal an exception means: itself when it is one already, a shared code for the
     * framework's request failures, else {@link ErrorCode#INTERNAL_ERROR} after logging it with its
     * stack trace (the caller sees only that the error was logged).
     *
     * @param surface names the API in the log line ("the native API")
     */
    public static AtelierException translate(Exception e, String surface) {
        return switch (e) {
            case AtelierException refusal -> refusal;
            case HttpMessageNotReadableException x -> shared(ErrorCode.BODY_NOT_JSON, x);
            case HttpMediaTypeNotSupportedException x -> shared(ErrorCode.UNSUPPORTED_MEDIA_TYPE, x);
            case HttpRequestMethodNotSupportedException x ->
                    new AtelierException(ErrorCode.METHOD_NOT_ALLOWED, null, x.getMessage(), x);
            case MaxUploadSizeExceededException x -> shared(ErrorCode.PAYLOAD_TOO_LARGE, x);
            case MultipartException x -> shared(ErrorCode.MULTIPART_UNREADABLE, x);
            case InvalidFileNameException x -> shared(ErrorCode.MULTIPART_UNREADABLE, x);
            case MissingServletRequestParameterException x -> new AtelierException(ErrorCode.PARAMETER_MISSING,
                    x.getParameterName(), x.getParameterName() + " is required", x);
            case AsyncRequestTimeoutException x -> shared(ErrorCode.GENERATION_TIMEOUT, x);
            case InvalidParameterException x -> shared(ErrorCode.QUERY_NOT_UTF8, x);
            default -> {
                log.error("unexpected error in {}", surface, e);
                yield new AtelierException(ErrorCode.INTERNAL_ERROR);
            }
        };
    }

    /**
     * Sets {@code Retry-After} when the refusal carries a retry-after. Set on the response (not the
     * answer's entity) because the rate limiter may have set the same header already.
     */
    public static void retryAfter(AtelierException e, HttpServletResponse response) {
        if (e.retryAfterHeader() != null && response != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterHeader());
        }
    }

    private static AtelierException shared(ErrorCode code, Exception cause) {
        return new AtelierException(code, null, code.defaultMessage(), cause);
    }
}
