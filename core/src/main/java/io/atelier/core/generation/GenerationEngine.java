package io.atelier.core.generation;

import io.atelier.core.jobs.WorkerProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The engine's life on this instance: while it runs, one batched heartbeat proves every guard
 * row this instance holds alive ({@code atelier.worker.heartbeat-interval}) and the live progress
 * is flushed ({@code atelier.worker.progress-interval}).
 *
 * <p>Graceful stop, before the job engine and the data source stop: the lanes close, and what
 * waited in them is handed back to the job engine at once (another instance may take it); the
 * running generations may finish for {@code atelier.worker.shutdown-grace}; then they are asked to
 * stop, and each goes back to QUEUED with its row handed back (the attempt does not count).
 */
@Component
class GenerationEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GenerationEngine.class);
    /** How long stopped runs get to write their requeue before the data source goes. */
    private static final Duration REQUEUE_WAIT = Duration.ofSeconds(10);
    private static final Duration MIN_FLUSH_INTERVAL = Duration.ofMillis(20);

    private final GenerationDispatcher dispatcher;
    private final RunningGenerations running;
    private final GenerationJobs jobs;
    private final LiveProgress progress;
    private final WorkerProperties worker;
    private volatile ScheduledExecutorService timer;

    GenerationEngine(GenerationDispatcher dispatcher, RunningGenerations running, GenerationJobs jobs,
                     LiveProgress progress, WorkerProperties worker) {
        this.dispatcher = dispatcher;
        this.running = running;
        this.jobs = jobs;
        this.progress = progress;
        this.worker = worker;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        dispatcher.open();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-engine-timer");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = worker.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long flush = Math.max(MIN_FLUSH_INTERVAL.toMillis(), worker.progressInterval().toMillis());
        Duration youngest = worker.progressInterval();
        timer.scheduleWithFixedDelay(() -> progress.flushRunningFor(youngest), flush, flush, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            List<String> held = new ArrayList<>(running.ids());
            held.addAll(dispatcher.waitingIds());
            jobs.heartbeat(held);
        } catch (RuntimeException e) {
            // A missed beat is survivable (several must be missed before a revival); the next one retries.
            log.warn("heartbeat of the generations held here failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        List<Generation> waiting = dispatcher.close();
        if (!waiting.isEmpty()) {
            try {
                jobs.release(waiting.stream().map(Generation::id).toList());
                log.info("Shutdown: handed {} queued generation(s) back to the job engine", waiting.size());
            } catch (RuntimeException e) {
                log.warn("Shutdown: could not hand {} queued generation(s) back ({}); they are revived once their heartbeats are stale",
                        waiting.size(), e.getMessage());
            }
        }
        if (!awaitIdle(worker.shutdownGrace())) {
            log.info("Shutdown grace over: requeueing {} running generation(s)", dispatcher.running());
            running.stopAllForShutdown();
            awaitIdle(REQUEUE_WAIT);
        }
        timer.shutdownNow();
        timer = null;
        progress.flush();
        dispatcher.shutdownExecutors();
    }

    /** Waits until nothing runs here any more, or the time is up; keeps heart-beating meanwhile. */
    private boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (dispatcher.running() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Starts after the job engine, stops before it (and before the data source). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4000;
    }
}
