package io.atelier.core.generation;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/**
 * A request the service will not accept. Every surface turns it into its own 4xx shape.
 *
 * @see #code() stable code, {@code VALIDATION_ERROR} or a more specific one such as {@code MODEL_NOT_FOUND}
 * @see #field() the request field at fault, in the core's vocabulary ({@code prompt}, {@code aspectRatio} …)
 */
public class GenerationValidationException extends AtelierException {

    public GenerationValidationException(String code, String field, String message) {
        super(ErrorKind.INVALID, code, field, message);
    }

    public static GenerationValidationException invalid(String field, String message) {
        return new GenerationValidationException("VALIDATION_ERROR", field, message);
    }
}
