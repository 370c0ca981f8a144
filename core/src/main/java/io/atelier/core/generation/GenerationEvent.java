package io.atelier.core.generation;

/**
 * Published (in-process, after the change is committed) whenever a generation changes: surfaces
 * listen to deliver results (chat messages, waiters, metrics). Listeners run on the publishing
 * thread and must hand any slow work elsewhere.
 *
 * <p>Other instances learn of changes through the database (see {@link GenerationWaiters}).
 *
 * <p>It carries the whole generation, not just its id and what changed: {@link GenerationWaiters} answers
 * a synchronous request with it without reading back what the engine just wrote, and the other
 * listeners read its source, status, model or gallery wish on the publishing thread, query-free.
 *
 * @param generation the generation as it is after the change
 * @param kind       what happened
 */
public record GenerationEvent(Generation generation, Kind kind) {

    public enum Kind {
        /** Accepted and queued. */
        SUBMITTED,
        /** A worker started (or restarted) it. */
        STARTED,
        /** Progress moved (throttled). */
        PROGRESS,
        /** Reached SUCCEEDED, FAILED or CANCELED. */
        FINISHED
    }
}
