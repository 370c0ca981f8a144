package io.atelier.core.prompt;

import io.atelier.core.error.ErrorKind;

/**
 * Input the pipeline will not accept: an unknown or missing preset variable, a bad inline flag, an
 * unknown template or model, an invalid definition. The message names the field or flag.
 *
 * <p>{@link #field()} uses the core's request vocabulary ({@code prompt}, {@code variables.product_name},
 * {@code files.photo}, {@code template}) or, for inline parameters, the flag itself ({@code --ar}).
 */
public class PromptValidationException extends PromptException {

    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";

    public PromptValidationException(String code, String field, String message) {
        super(ErrorKind.INVALID, code, field, message, null);
    }

    public static PromptValidationException invalid(String field, String message) {
        return new PromptValidationException(VALIDATION_ERROR, field, message);
    }
}
