package io.atelier.core.api.v0;

/** A v0 object (library image) that does not exist or belongs to another team: a 404 {@code {error}}. */
class V0NotFoundException extends RuntimeException {
    V0NotFoundException(String message) {
        super(message);
    }
}
