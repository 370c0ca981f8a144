package io.atelier.core.api.idempotency;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import java.time.Duration;

/**
 * A request's {@code Idempotency-Key} cannot be honoured: rendered by {@link IdempotencyExceptionHandler}
 * in the error shape of the dialect whose route was called.
 */
final class IdempotencyException extends AtelierException {

    /** Why; each reason has a kind (its status) and a code per error vocabulary. */
    enum Reason {
        /** 400: the header is empty, too long or not printable ASCII. */
        INVALID_KEY(ErrorKind.INVALID, "invalid_idempotency_key", "VALIDATION_ERROR"),
        /** 413: the body is too large to fingerprint and keep. */
        TOO_LARGE(ErrorKind.TOO_LARGE, "request_too_large", "REQUEST_TOO_LARGE"),
        /** 422: the key was used with a different request (body or route). */
        KEY_REUSED(ErrorKind.UNPROCESSABLE, "idempotency_key_reused", "IDEMPOTENCY_KEY_REUSED"),
        /** 409: the first request with this key has not answered yet. */
        IN_FLIGHT(ErrorKind.CONFLICT, "idempotency_key_in_use", "IDEMPOTENCY_KEY_IN_USE");

        final ErrorKind kind;
        final String code;
        final String nativeCode;

        Reason(ErrorKind kind, String code, String nativeCode) {
            this.kind = kind;
            this.code = code;
            this.nativeCode = nativeCode;
        }
    }

    private final Reason reason;

    IdempotencyException(Reason reason, String message) {
        super(reason.kind, reason.nativeCode, IdempotencyInterceptor.HEADER, message,
                reason == Reason.IN_FLIGHT ? Duration.ofSeconds(1) : null, null);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
