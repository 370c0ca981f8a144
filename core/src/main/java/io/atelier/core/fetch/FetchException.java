package io.atelier.core.fetch;

import java.util.Objects;

/**
 * Why a {@link SafeHttpFetcher} fetch failed. {@link #code()} is stable: the API layer turns it into
 * a 4xx answer and stores it on failed work. Messages are safe to show to the user who gave the URL:
 * they name the host but never the addresses it resolved to.
 */
public class FetchException extends Exception {

    /** Stable failure codes. */
    public enum Code {
        /** Not an absolute http(s) URL with a host. */
        URL_INVALID,
        /** A well-formed URL this service refuses to fetch: scheme, credentials, host not allowed, non-public address. */
        URL_NOT_ALLOWED,
        /** Connecting, reading or the whole fetch took longer than configured. */
        FETCH_TIMEOUT,
        /** The resource is larger than the byte limit. */
        FETCH_TOO_LARGE,
        /** The host could not be resolved or reached, answered with an error status or broke the protocol. */
        FETCH_FAILED,
        /** The resource's content type is not one of the accepted ones. */
        UNSUPPORTED_MEDIA_TYPE
    }

    private final Code code;

    public FetchException(Code code, String message) {
        this(code, message, null);
    }

    public FetchException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
