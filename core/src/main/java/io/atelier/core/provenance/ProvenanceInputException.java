package io.atelier.core.provenance;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** A verification request is malformed (not merely invalid): the named field is missing or unusable. 400. */
class ProvenanceInputException extends AtelierException {

    public ProvenanceInputException(String field, String message) {
        super(ErrorCode.VALIDATION_ERROR, field, message, null);
    }
}
