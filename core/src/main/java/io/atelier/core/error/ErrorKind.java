package io.atelier.core.error;

/**
 * What kind of refusal an {@link AtelierException} is: the one thing every surface (the five HTTP
 * dialects, the MCP and LangChain4j tools, the chat bots) renders by. Each kind has the HTTP status
 * it means; a dialect may answer a different one only where its public API document demands it
 * (OpenAI answers spent credits with 429, for instance).
 */
public enum ErrorKind {
    /** The request as sent will never be accepted: a field is missing, malformed or out of range. */
    INVALID(400),
    /** No valid credentials. */
    UNAUTHORIZED(401),
    /** The team's credits do not cover the request. */
    PAYMENT_REQUIRED(402),
    /** Authenticated, but not allowed to do this. */
    FORBIDDEN(403),
    /** The thing named does not exist (or is not visible to the caller). */
    NOT_FOUND(404),
    /** The route exists but does not take this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** The thing is in a state that does not allow this (canceled, already decided, in use). */
    CONFLICT(409),
    /** The body or a part of it is over its limit. */
    TOO_LARGE(413),
    /** The body is not in a media type the route reads. */
    UNSUPPORTED_MEDIA(415),
    /** Well-formed but inconsistent with an earlier request (an idempotency key reused). */
    UNPROCESSABLE(422),
    /** Too many requests for now; carries a retry-after when one is known. */
    LIMITED(429),
    /** The content was refused by policy (a blocked prompt): do not retry it as is. */
    REFUSED(400),
    /** The server's own fault; the cause is logged, never shown. */
    INTERNAL(500),
    /** The image backend or another upstream failed. */
    UPSTREAM(502),
    /** The service is not able to take the request now (switched off, draining). */
    UNAVAILABLE(503),
    /** The answer was not ready in time; the work may go on. */
    TIMEOUT(504);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    /**
     * The kind an HTTP status means, for the dialects' own exceptions that are made with a status
     * (400 is {@link #INVALID}; a status no kind has is {@link #INVALID} below 500, else {@link #INTERNAL}).
     */
    public static ErrorKind forStatus(int status) {
        for (ErrorKind kind : values()) {
            if (kind.status == status) {
                return kind;
            }
        }
        return status < 500 ? INVALID : INTERNAL;
    }

    /** The HTTP status this kind means, unless a dialect's document says otherwise. */
    public int status() {
        return status;
    }
}
