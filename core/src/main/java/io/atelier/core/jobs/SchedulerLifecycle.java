package io.atelier.core.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the job engine once the application is up and stops it gracefully: stop taking new jobs,
 * let running ones finish for up to {@code shutdownGrace}, then ask the rest to requeue themselves
 * (they run again at once on the next instance), then stop. Runs before the database pool closes.
 */
class SchedulerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

    private final Scheduler scheduler;
    private final WorkerProperties worker;
    private final List<ShutdownParticipant> participants;
    private volatile boolean running;

    SchedulerLifecycle(Scheduler scheduler, WorkerProperties worker, List<ShutdownParticipant> participants) {
        this.scheduler = scheduler;
        this.worker = worker;
        this.participants = participants;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
        log.info("Job engine started: {} workers, polling every {}", worker.concurrency(), worker.pollInterval());
    }

    @Override
    public void stop() {
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
            log.info("Shutdown grace over: requeueing {} running job(s)", left);
            participants.forEach(ShutdownParticipant::stopRunningJobs);
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
        return Integer.MAX_VALUE - 2048;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
