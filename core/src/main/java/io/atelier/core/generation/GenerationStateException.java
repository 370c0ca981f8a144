package io.atelier.core.generation;

/** The operation does not fit the generation's current status (e.g. cancel after success). */
public class GenerationStateException extends RuntimeException {
    private final String code;

    public GenerationStateException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
