package io.atelier.core.api;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** No API key, or one that is unknown or revoked: 401 in every dialect's shape. */
public class UnauthorizedException extends AtelierException {
    public UnauthorizedException(String message) {
        super(ErrorCode.UNAUTHORIZED, null, message, null);
    }
}
