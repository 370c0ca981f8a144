package io.atelier.core.api;

/** No API key, or one that is unknown or revoked: 401 in every dialect's shape. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
