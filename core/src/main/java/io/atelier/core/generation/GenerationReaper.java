package io.atelier.core.generation;

import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.atelier.core.common.Timestamps;
import io.atelier.core.jobs.JobScheduler;
import io.atelier.core.jobs.WorkerProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds generations that would otherwise stay QUEUED or PROCESSING forever and settles them.
 *
 * <p>A live generation always has its guard row ({@link GenerationJobs}): submit writes both in one
 * transaction, and the transaction that ends the generation deletes it. An instance that dies
 * mid-run (kill -9, lost host) is not the reaper's business either: its rows stay and the job
 * engine revives them after missed heartbeats. What is left is a
 * non-terminal generation <em>without</em> a job row (deleted by hand, lost in a restore, a bug
 * that returned from a job early) that has not changed for {@code atelier.reaper.stale-after}:
 * <ul>
 *   <li>fewer than {@code atelier.worker.max-attempts} attempts: its guard row is written again, due
 *       at its submission time (its place in line), so any instance adopts it as if never lost;</li>
 *   <li>attempts used up: FAILED with {@code STUCK_REAPED} and the credits refunded.</li>
 * </ul>
 *
 * <p>Runs as a recurring db-scheduler job ({@code generation-reaper}): one instance at a time
 * cluster-wide, every {@code atelier.reaper.interval}. Re-scheduling is idempotent (schedule if
 * not exists; the worker ignores terminal generations) and failing is a compare-and-set, so a
 * run racing a worker or another run changes nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class GenerationReaper {

    static final String TASK_NAME = "generation-reaper";
    static final String STUCK_REAPED = "STUCK_REAPED";
    private static final Logger log = LoggerFactory.getLogger(GenerationReaper.class);

    private final JdbcClient jdbc;
    private final GenerationCompletion completion;
    private final GenerationJobs guards;
    private final ObjectProvider<JobScheduler> jobs;
    private final WorkerProperties workerProperties;
    private final ReaperProperties properties;

    GenerationReaper(JdbcClient jdbc, GenerationCompletion completion, GenerationJobs guards, ObjectProvider<JobScheduler> jobs,
                     WorkerProperties workerProperties, ReaperProperties properties) {
        this.jdbc = jdbc;
        this.completion = completion;
        this.guards = guards;
        this.jobs = jobs;
        this.workerProperties = workerProperties;
        this.properties = properties;
    }

    /**
     * Static, reaching the reaper through a provider: the job engine collects every task bean when
     * it is built, and the reaper needs the job engine, so the task must not need the reaper to exist.
     */
    @Bean
    static RecurringTask<Void> generationReaperTask(ReaperProperties properties, ObjectProvider<GenerationReaper> reaper) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(properties.interval()))
                .execute((instance, context) -> reaper.getObject().reap());
    }

    /** The recurring job is created once in the shared table; later starts find it there. */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleReaper(ApplicationReadyEvent event) {
        @SuppressWarnings("unchecked")
        RecurringTask<Void> task = (RecurringTask<Void>) event.getApplicationContext().getBean("generationReaperTask", Task.class);
        jobs.getObject().scheduleIfNotExists(SchedulableInstance.of(task.instance(RecurringTask.INSTANCE), Instant.now()));
    }

    record Reaped(int requeued, int failed) {
    }

    /** One pass over at most {@code batch-size} stuck generations. */
    Reaped reap() {
        Instant cutoff = Timestamps.now().minus(properties.staleAfter());
        List<Stuck> stuck = jdbc.sql("""
                        SELECT g.id, g.status, g.attempts, g.created_at FROM generations g
                        WHERE g.status IN ('QUEUED', 'PROCESSING') AND g.updated_at < ?
                          AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t
                                          WHERE t.task_name = ? AND t.task_instance = g.id)
                        ORDER BY g.updated_at""")
                .params(Timestamps.db(cutoff), GenerationJobs.TASK_NAME)
                .query((rs, i) -> new Stuck(rs.getString("id"), rs.getString("status"), rs.getInt("attempts"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        int requeued = 0;
        int failed = 0;
        for (Stuck g : stuck.subList(0, Math.min(stuck.size(), properties.batchSize()))) {
            if (g.attempts() < workerProperties.maxAttempts()) {
                if (guards.restore(g.id(), g.submittedAt())) {
                    requeued++;
                    log.warn("generation {} was {} without a job; scheduled it again (attempt {} of {})",
                            g.id(), g.status(), g.attempts() + 1, workerProperties.maxAttempts());
                }
            } else if (completion.fail(g.id(), STUCK_REAPED, "the generation was " + g.status().toLowerCase()
                    + " without a running job after " + g.attempts() + " attempt(s); the reaper gave up on it and refunded the credits")) {
                failed++;
                log.warn("generation {} was {} without a job after {} attempts; failed it ({})", g.id(), g.status(), g.attempts(), STUCK_REAPED);
            }
        }
        if (requeued > 0) {
            jobs.getObject().triggerCheckForDueExecutions();
        }
        return new Reaped(requeued, failed);
    }

    private record Stuck(String id, String status, int attempts, Instant submittedAt) {
    }
}
