package io.atelier.core.api.v0;

import io.atelier.core.api.ErrorDialect;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/**
 * A v0 answer other than 200 decided by the dialect itself (wrong method, wrong content type).
 *
 * @see #allow() the {@code Allow} header of a 405, or null
 */
class V0HttpException extends AtelierException {

    private final String allow;

    V0HttpException(int status, String message, String allow) {
        super(ErrorKind.forStatus(status), ErrorDialect.codeFor(status), null, message);
        this.allow = allow;
    }

    String allow() {
        return allow;
    }
}
