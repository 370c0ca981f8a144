package io.atelier.core.brand;

/**
 * A brand kit the service will not store. {@link #field()} names the part at fault in the native
 * API's vocabulary ({@code colors[2].hex}, {@code styleWords[0]}); the message starts with it.
 */
public class BrandKitValidationException extends RuntimeException {

    private final String field;

    public BrandKitValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same error one level down, e.g. {@code hex} inside {@code colors[2]}. */
    public BrandKitValidationException under(String parent) {
        return new BrandKitValidationException(parent + "." + field, parent + "." + getMessage());
    }
}
