package io.atelier.core.api;

/** The key is valid but the route needs more (e.g. an admin key): 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
