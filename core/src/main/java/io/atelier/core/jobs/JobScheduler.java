package io.atelier.core.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The job engine as the rest of the core sees it: schedule, cancel, wake up; plus its lifecycle.
 *
 * <p>Lifecycle: starts once the application is up; stops gracefully (stop taking new jobs, let
 * running ones finish for {@code shutdownGrace}, then ask the rest to requeue themselves, then
 * stop), before the database pool closes. A db-scheduler {@link Scheduler} cannot start again
 * after a stop, so a restart of the application context builds a fresh one.
 *
 * <p>Scheduling works whether or not the engine runs: jobs are rows, picked up by any running
 * instance.
 */
public class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final Supplier<Scheduler> factory;
    private final String schedulerName;
    private final WorkerProperties worker;
    private volatile Scheduler scheduler;
    private volatile boolean running;
    private volatile boolean used;
    private final IntSupplier beforeFirstStart;

    JobScheduler(Supplier<Scheduler> factory, String schedulerName, WorkerProperties worker) {
        this(factory, schedulerName, worker, () -> 0);
    }

    /** @param beforeFirstStart run once before the engine first starts (releasing a dead predecessor's jobs) */
    JobScheduler(Supplier<Scheduler> factory, String schedulerName, WorkerProperties worker, IntSupplier beforeFirstStart) {
        this.beforeFirstStart = beforeFirstStart;
        this.factory = factory;
        this.schedulerName = schedulerName;
        this.worker = worker;
        this.scheduler = factory.get();
    }

    /** The name this instance's engine writes into the rows it picks ({@code picked_by}). */
    public String schedulerName() {
        return schedulerName;
    }

    /** Schedules a job unless one with the same task and id exists; joins the caller's transaction. */
    public <T> boolean scheduleIfNotExists(SchedulableInstance<T> instance) {
        return scheduler.scheduleIfNotExists(instance);
    }

    /** Removes a job that has not started; throws when it runs or does not exist. */
    public void cancel(TaskInstanceId id) {
        scheduler.cancel(id);
    }

    /**
     * The execution time {@link #runNow} gives a job: before every queued generation, whose fair-queue
     * slots are instants from 2000 on (the engine picks due jobs oldest first). With "now" a
     * finished image's chat delivery waited until the whole generation queue had started.
     */
    static final Instant AHEAD_OF_QUEUE = Instant.parse("1990-01-01T00:00:00Z");

    /** What {@link #runNow} did. */
    public enum RunNow {
        /** The job is due now (and this instance was told to look). */
        DUE,
        /** The job runs right now on some instance (or was picked or moved meanwhile): ask again later. */
        RUNNING,
        /** No such job (it ended). */
        ABSENT
    }

    /**
     * Makes an existing job due now, ahead of queued generations ({@link #AHEAD_OF_QUEUE}), so that
     * the job engine runs it as soon as a worker is free, on whichever instance
     * picks it: unlike running its work in the caller's thread, this keeps the engine's guarantee
     * that one job never runs twice at once across the cluster. Atomic against a concurrent pick
     * (db-scheduler's version check).
     */
    public RunNow runNow(TaskInstanceId id) {
        boolean moved;
        try {
            moved = scheduler.reschedule(id, AHEAD_OF_QUEUE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            return RunNow.RUNNING;
        } catch (TaskInstanceNotFoundException gone) {
            return RunNow.ABSENT;
        }
        if (!moved) {
            return RunNow.RUNNING;
        }
        triggerCheckForDueExecutions();
        return RunNow.DUE;
    }

    /** Looks for due jobs now instead of at the next poll (after committing a new job). */
    public void triggerCheckForDueExecutions() {
        if (running) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (used) {
            scheduler = factory.get();
        } else {
            try {
                beforeFirstStart.getAsInt();
            } catch (RuntimeException e) {
                log.warn("Job engine: the previous process's jobs were not released early ({}); heartbeats will revive them",
                        e.toString());
            }
        }
        used = true;
        scheduler.start();
        running = true;
        log.info("Job engine started: {} workers, polling every {}", worker.concurrency(), worker.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        scheduler.pause();
        long deadline = System.nanoTime() + worker.shutdownGrace().toNanos();
        while (!scheduler.getCurrentlyExecuting().isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
        }
        int left = scheduler.getCurrentlyExecuting().size();
        if (left > 0) {
            log.info("Shutdown grace over: {} job(s) still running are stopped with the engine", left);
        }
        scheduler.stop();
        running = false;
        log.info("Job engine stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late start, early stop: after the web server is up, before the data source goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
