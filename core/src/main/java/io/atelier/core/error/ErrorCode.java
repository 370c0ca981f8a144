package io.atelier.core.error;

import java.util.Objects;

/**
 * The shared error vocabulary: codes that more than one class or surface raises, each with its
 * {@link ErrorKind}, the code put on the wire ({@link #wireCode()}, upper case; several framework
 * failures share {@code VALIDATION_ERROR}) and the message used unless a dialect words it its own
 * way. Adding a shared code is adding a constant here: every dialect renders it by its kind.
 * Domain classes ({@code GenerationValidationException}, {@code GalleryException} …) may also raise
 * codes of their own, whose kind their class fixes.
 */
public enum ErrorCode {
    /** A request field is missing or out of range; the field names it. */
    VALIDATION_ERROR(ErrorKind.INVALID, "the request is not valid"),

    // The framework's failures, translated once by api.ApiErrors. Malformed requests keep Banatie's
    // one code for bad input on the wire; dialects that word them apart tell them by the constant.
    BODY_NOT_JSON(ErrorKind.INVALID, "VALIDATION_ERROR", "request body is not valid JSON"),
    /** No boundary, a file name with NUL. */
    MULTIPART_UNREADABLE(ErrorKind.INVALID, "VALIDATION_ERROR", "the multipart/form-data body could not be read"),
    /** A required query or form parameter is absent; the field names it. */
    PARAMETER_MISSING(ErrorKind.INVALID, "VALIDATION_ERROR", "a required parameter is missing"),
    QUERY_NOT_UTF8(ErrorKind.INVALID, "VALIDATION_ERROR", "the query string or form is not valid UTF-8 after percent-decoding"),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA, "send the body as application/json"),
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED, "the route does not take this method"),
    /** A multipart upload over the container's limits (a body over its route's limit is {@code RequestBodyTooLargeException}). */
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE, "the upload is too large"),
    /** A synchronous wait for an image outlasted the request's time; the generation goes on. */
    GENERATION_TIMEOUT(ErrorKind.TIMEOUT, "the image was not ready in time; it keeps generating"),

    // Who may ask, and how much: raised by the key interceptor and the accounts.
    UNAUTHORIZED(ErrorKind.UNAUTHORIZED, "send a valid API key"),
    FORBIDDEN(ErrorKind.FORBIDDEN, "this key may not do that"),
    RATE_LIMIT_EXCEEDED(ErrorKind.LIMITED, "rate limit exceeded"),
    INSUFFICIENT_CREDITS(ErrorKind.PAYMENT_REQUIRED, "the team does not have enough credits"),

    /** The server's own fault: logged with its cause, which the caller never sees. */
    INTERNAL_ERROR(ErrorKind.INTERNAL, "the server failed; the error was logged");

    private final ErrorKind kind;
    private final String wireCode;
    private final String defaultMessage;

    /** A code whose wire code is its name. */
    ErrorCode(ErrorKind kind, String defaultMessage) {
        this(kind, null, defaultMessage);
    }

    ErrorCode(ErrorKind kind, String wireCode, String defaultMessage) {
        this.kind = Objects.requireNonNull(kind);
        this.wireCode = wireCode == null ? name() : wireCode;
        this.defaultMessage = Objects.requireNonNull(defaultMessage);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The upper-case code on the wire (dialects with lower-case codes lower it). */
    public String wireCode() {
        return wireCode;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
