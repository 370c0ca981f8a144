package io.atelier.core.jobs;

/**
 * Told when the shutdown grace period ran out while jobs are still running, so their handlers
 * can stop cooperatively and requeue themselves (throwing {@link RequeueException}).
 */
public interface ShutdownParticipant {
    void stopRunningJobs();
}
