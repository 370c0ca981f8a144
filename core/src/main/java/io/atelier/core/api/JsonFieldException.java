package io.atelier.core.api;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;

/** A JSON request field is missing, of the wrong type, or out of range; names the field. */
public class JsonFieldException extends AtelierException {

    public JsonFieldException(String field, String message) {
        super(ErrorCode.VALIDATION_ERROR, field, message, null);
    }
}
