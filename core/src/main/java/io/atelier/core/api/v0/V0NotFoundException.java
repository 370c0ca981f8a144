package io.atelier.core.api.v0;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/** A v0 object (library image) that does not exist or belongs to another team: a 404 {@code {error}}. */
class V0NotFoundException extends AtelierException {
    V0NotFoundException(String message) {
        super(ErrorKind.NOT_FOUND, "NOT_FOUND", null, message);
    }
}
