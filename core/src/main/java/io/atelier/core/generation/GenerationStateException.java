package io.atelier.core.generation;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/** The operation does not fit the generation's current status (e.g. cancel after success). */
public class GenerationStateException extends AtelierException {

    public GenerationStateException(String code, String message) {
        super(ErrorKind.CONFLICT, code, null, message);
    }
}
