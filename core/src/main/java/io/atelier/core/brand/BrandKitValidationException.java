package io.atelier.core.brand;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/**
 * A brand kit the service will not store. {@link #field()} names the part at fault in the native
 * API's vocabulary ({@code colors[2].hex}, {@code styleWords[0]}); the message starts with it.
 */
public class BrandKitValidationException extends AtelierException {

    public BrandKitValidationException(String field, String message) {
        super(ErrorCode.VALIDATION_ERROR, field, message, null);
    }

    /** The same error one level down, e.g. {@code hex} inside {@code colors[2]}. */
    public BrandKitValidationException under(String parent) {
        return new BrandKitValidationException(parent + "." + field(), parent + "." + getMessage());
    }
}
