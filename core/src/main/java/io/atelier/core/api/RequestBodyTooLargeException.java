package io.atelier.core.api;

import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A request body larger than its route's limit ({@link BodyLimitFilter}): 413 in the route's
 * dialect. Thrown before any of the body is parsed (a declared {@code Content-Length} over the
 * limit) or while it is read, as soon as the limit is passed; never after buffering more.
 * A {@link MaxUploadSizeExceededException}, so handlers that know only Spring's upload limit answer
 * it as the 413 it is too.
 */
public class RequestBodyTooLargeException extends MaxUploadSizeExceededException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super(limit);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    @Override
    public String getMessage() {
        return "the request body is larger than this route accepts (at most " + describe(limit) + ")";
    }

    static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
