package io.atelier.core.api;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** The key is valid but the route needs more (e.g. an admin key): 403. */
public class ForbiddenException extends AtelierException {
    public ForbiddenException(String message) {
        super(ErrorCode.FORBIDDEN, null, message, null);
    }
}
