package io.atelier.core.api;

/** A JSON request field is missing, of the wrong type, or out of range; names the field. */
public class JsonFieldException extends RuntimeException {
    private final String field;

    public JsonFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
