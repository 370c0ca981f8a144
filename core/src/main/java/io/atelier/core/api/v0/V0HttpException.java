package io.atelier.core.api.v0;

/**
 * A v0 answer other than 200 decided by the dialect itself (wrong method, wrong content type).
 *
 * @see #allow() the {@code Allow} header of a 405, or null
 */
class V0HttpException extends RuntimeException {

    private final int status;
    private final String allow;

    V0HttpException(int status, String message, String allow) {
        super(message);
        this.status = status;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    String allow() {
        return allow;
    }
}
