package io.atelier.core.jobs;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;

/**
 * What happens when a job's handler throws. A {@link RequeueException} (shutdown) runs the job
 * again at once on any instance, keeping its place in line (its original execution time, which
 * for fair-queued jobs is their queue slot); anything else (the database was unreachable, a bug) is retried
 * with exponential backoff from 5 s up to 5 min, so a transient outage loses no job.
 */
public final class JobFailureHandler<T> implements FailureHandler<T> {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        Instant now = complete.getTimeDone();
        if (complete.getCause().filter(RequeueException.class::isInstance).isPresent()) {
            operations.reschedule(complete, inPlace(complete, now));
            return;
        }
        int failures = Math.min(complete.getExecution().consecutiveFailures, 10);
        Duration wait = FIRST_RETRY.multipliedBy(1L << failures);
        operations.reschedule(complete, now.plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait));
    }

    private static Instant inPlace(ExecutionComplete complete, Instant now) {
        Instant original = complete.getExecution().executionTime;
        return original != null && original.isBefore(now) ? original : now;
    }

    /**
     * A job whose worker died (kill -9, lost host) is revived at its original place in line rather
     * than behind everything queued since.
     */
    public static final class ReviveInPlace<T> implements DeadExecutionHandler<T> {
        @Override
        public void deadExecution(ExecutionComplete complete, ExecutionOperations<T> operations) {
            operations.reschedule(complete, inPlace(complete, complete.getTimeDone()));
        }
    }
}
