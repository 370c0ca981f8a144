package io.atelier.core.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;

/**
 * What happens when a job's handler throws. A {@link RequeueException} (shutdown) runs the job
 * again at once on any instance; anything else (the database was unreachable, a bug) is retried
 * with exponential backoff from 5 s up to 5 min, so a transient outage loses no job.
 */
public final class JobFailureHandler<T> implements FailureHandler<T> {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        Instant now = complete.getTimeDone();
        if (complete.getCause().filter(RequeueException.class::isInstance).isPresent()) {
            operations.reschedule(complete, now);
            return;
        }
        int failures = Math.min(complete.getExecution().consecutiveFailures, 10);
        Duration wait = FIRST_RETRY.multipliedBy(1L << failures);
        operations.reschedule(complete, now.plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait));
    }
}
