package io.atelier.core.generation;

/** No generation with this id belongs to the caller's team (another team's is "not found" too). */
public class GenerationNotFoundException extends RuntimeException {
    public GenerationNotFoundException(String id) {
        super("generation " + id + " not found");
    }
}
