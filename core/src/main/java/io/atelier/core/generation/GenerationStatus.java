package io.atelier.core.generation;

/**
 * The life of a generation: {@code QUEUED → PROCESSING → SUCCEEDED | FAILED | CANCELED}.
 * A job interrupted by a shutdown goes back from PROCESSING to QUEUED; a job whose worker died
 * stays PROCESSING until another worker revives it. Each API dialect maps these names to its own.
 */
public enum GenerationStatus {
    QUEUED, PROCESSING, SUCCEEDED, FAILED, CANCELED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
