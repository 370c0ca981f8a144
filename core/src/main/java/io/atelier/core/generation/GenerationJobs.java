package io.atelier.core.generation;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.atelier.core.common.Timestamps;
import io.atelier.core.jobs.JobFailureHandler;
import io.atelier.core.jobs.JobScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The crash guard of every live generation: one row in the job engine's table ({@code
 * scheduled_tasks}, task {@value #TASK_NAME}, instance id = generation id), written in the same
 * transaction as the generation and deleted in the one that ends it.
 *
 * <p>The row is <em>picked</em> by the instance that holds the generation (queued in one of its
 * lanes or running), from the moment it is submitted there: no poll stands between submit and
 * start. That instance proves itself alive by one batched heartbeat for all its rows every
 * {@code atelier.worker.heartbeat-interval}. When it dies ({@code kill -9}, a lost host), its rows'
 * heartbeats go stale and db-scheduler's dead-execution detection, on any instance, revives them
 * in place; the instance that picks a revived row {@link GenerationRun#adopt adopts} it: the row
 * stays picked by that instance (a completion handler that does nothing) and the generation joins
 * its lane. A generation submitted while its instance stops is written unpicked, for any instance
 * to take.
 *
 * <p>Every statement joins the caller's transaction (the job engine's data source is
 * transaction-aware too).
 */
@Configuration(proxyBeanMethods = false)
class GenerationJobs {

    static final String TASK_NAME = "generation";
    /** Ids per statement of the batched heartbeat and release. */
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JobScheduler scheduler;

    GenerationJobs(JdbcClient jdbc, NamedParameterJdbcTemplate named, JobScheduler scheduler) {
        this.jdbc = jdbc;
        this.named = named;
        this.scheduler = scheduler;
    }

    /**
     * The job engine's task for revived rows. Static and lazy: the engine collects every task bean
     * when it is built, and the run needs the engine.
     */
    @Bean
    static Task<Void> generationTask(ObjectProvider<GenerationRun> run) {
        return Tasks.custom(TASK_NAME, Void.class)
                .defaultPriority(Priority.HIGH)
                .onFailure(new JobFailureHandler<>())
                .onDeadExecution(new JobFailureHandler.ReviveInPlace<>())
                .execute((instance, context) -> {
                    run.getObject().adopt(instance.getId());
                    return KEEP_PICKED;
                });
    }

    /** The row stays picked by this instance, which now heartbeats it and deletes it at the end. */
    private static final CompletionHandler<Void> KEEP_PICKED = (complete, operations) -> {
    };

    /**
     * Writes the guard row of a new generation: picked by this instance when it will run or queue it
     * here, else due for any instance. Its execution time is the submission time, so revived rows
     * run in the order they were submitted.
     */
    void claim(Generation generation, boolean here) {
        insert(generation.id(), generation.timing().createdAt(), here);
    }

    /**
     * Writes a lost guard row again, due for any instance (the reaper's repair); false when one
     * exists meanwhile.
     */
    boolean restore(String generationId, Instant submittedAt) {
        try {
            insert(generationId, submittedAt, false);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    private void insert(String generationId, Instant submittedAt, boolean here) {
        Instant now = Timestamps.now();
        jdbc.sql("""
                        INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,
                                                     last_heartbeat, version, priority)
                        VALUES (?, ?, NULL, ?, ?, ?, ?, 1, ?)""")
                .params(TASK_NAME, generationId, Timestamps.db(submittedAt), here,
                        here ? scheduler.schedulerName() : null, here ? Timestamps.db(now) : null, Priority.HIGH)
                .update();
    }

    /** Deletes the guard row: the generation ended (whoever held it). */
    void remove(String generationId) {
        jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
                .params(TASK_NAME, generationId).update();
    }

    /**
     * Hands rows this instance holds back to the job engine, due now, so that any instance (this
     * one after a restart) picks them up: on shutdown, and when a run could not reach the database.
     */
    void release(Collection<String> generationIds) {
        for (List<String> chunk : chunks(generationIds)) {
            named.update("""
                            UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL,
                                   version = version + 1
                            WHERE task_name = :task AND picked_by = :me AND task_instance IN (:ids)""",
                    new MapSqlParameterSource("task", TASK_NAME).addValue("me", scheduler.schedulerName())
                            .addValue("ids", chunk));
        }
    }

    /** Proves this instance alive for the rows it holds: one statement per {@value #BATCH} rows. */
    void heartbeat(Collection<String> generationIds) {
        if (generationIds.isEmpty()) {
            return;
        }
        Instant now = Timestamps.now();
        for (List<String> chunk : chunks(generationIds)) {
            named.update("""
                            UPDATE scheduled_tasks SET last_heartbeat = :now
                            WHERE task_name = :task AND picked_by = :me AND task_instance IN (:ids)""",
                    new MapSqlParameterSource("task", TASK_NAME).addValue("me", scheduler.schedulerName())
                            .addValue("ids", chunk).addValue("now", Timestamps.db(now)));
        }
    }

    /** Whether a generation has a guard row (the reaper's question). */
    boolean exists(String generationId) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
                .params(TASK_NAME, generationId).query(Long.class).single() > 0;
    }

    /** Asks the job engine to look for due rows now (after a release). */
    void wakeEngine() {
        scheduler.triggerCheckForDueExecutions();
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            chunks.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return chunks;
    }
}
