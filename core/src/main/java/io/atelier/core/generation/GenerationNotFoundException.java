package io.atelier.core.generation;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/** No generation with this id belongs to the caller's team (another team's is "not found" too). */
public class GenerationNotFoundException extends AtelierException {

    public static final String CODE = "GENERATION_NOT_FOUND";

    public GenerationNotFoundException(String id) {
        super(ErrorKind.NOT_FOUND, CODE, null, "generation " + id + " not found");
    }
}
