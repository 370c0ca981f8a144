package io.atelier.core.account;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** The team cannot pay for what it asked. */
public class InsufficientCreditsException extends AtelierException {
    private final long required;
    private final long available;

    public InsufficientCreditsException(long required, long available) {
        super(ErrorCode.INSUFFICIENT_CREDITS, null, "this generation costs " + required + " credits and the team has " + available, null);
        this.required = required;
        this.available = available;
    }

    public long required() {
        return required;
    }

    public long available() {
        return available;
    }
}
