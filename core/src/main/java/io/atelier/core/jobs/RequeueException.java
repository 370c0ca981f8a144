package io.atelier.core.jobs;

/**
 * Thrown by a job that stopped because this instance is shutting down: the job is put back at
 * the head of the queue for the next worker instead of counting as a failure.
 */
public class RequeueException extends RuntimeException {
    public RequeueException(String message) {
        super(message, null, false, false);
    }
}
