package io.atelier.core.prompt;

/**
 * Input the pipeline will not accept: an unknown or missing preset variable, a bad inline flag, an
 * unknown template or model, an invalid definition. The message names the field or flag.
 *
 * <p>{@link #field()} uses the core's request vocabulary ({@code prompt}, {@code variables.product_name},
 * {@code files.photo}, {@code template}) or, for inline parameters, the flag itself ({@code --ar}).
 */
public class PromptValidationException extends PromptException {

    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";

    private final String field;

    public PromptValidationException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    public static PromptValidationException invalid(String field, String message) {
        return new PromptValidationException(VALIDATION_ERROR, field, message);
    }

    public String field() {
        return field;
    }
}
