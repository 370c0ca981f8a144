package io.atelier.core.provenance;

/** A verification request is malformed (not merely invalid): the named field is missing or unusable. 400. */
public class ProvenanceInputException extends RuntimeException {

    private final String field;

    public ProvenanceInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
