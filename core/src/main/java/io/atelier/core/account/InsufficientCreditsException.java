package io.atelier.core.account;

/** The team cannot pay for what it asked. */
public class InsufficientCreditsException extends RuntimeException {
    private final long required;
    private final long available;

    public InsufficientCreditsException(long required, long available) {
        super("this generation costs " + required + " credits and the team has " + available);
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
