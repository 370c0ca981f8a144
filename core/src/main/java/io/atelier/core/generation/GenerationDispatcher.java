package io.atelier.core.generation;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Where generations run on this instance: one {@link Lane} per provider (or per model given a
 * limit of its own), each a bulkhead with its in-flight limit and a fair queue between teams.
 *
 * <p>Threads: a provider that waits on a backend runs each call on a virtual thread, so 256 calls
 * in flight cost 256 small stacks, not 256 platform threads; a CPU-bound provider
 * ({@link ImageProvider#cpuBound()}, {@code local/preview}) runs on platform threads, as many as its
 * limit (by default the cores), so rendering never starves the virtual threads' carriers.
 *
 * <p>Thread-safe.
 */
@Component
class GenerationDispatcher {

    private final GenerationEngineProperties properties;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile GenerationRun run;
    private volatile boolean accepting = true;

    GenerationDispatcher(GenerationEngineProperties properties) {
        this.properties = properties;
    }

    /** Wired by the run, which needs the dispatcher's lanes in turn. */
    void runWith(GenerationRun run) {
        this.run = run;
    }

    /** Whether this instance takes generations to run (false once shutting down). */
    boolean accepting() {
        return accepting;
    }

    /** The lane of a catalog model: the model's own when it has a limit, else its provider's. */
    Lane laneFor(ModelCatalog.Entry entry) {
        String modelKey = entry.model().id();
        String key = properties.inFlightLimits().containsKey(modelKey) ? modelKey : entry.provider().id();
        return lanes.computeIfAbsent(key, k -> newLane(k, entry.provider()));
    }

    private Lane newLane(String key, ImageProvider provider) {
        Integer configured = properties.inFlightLimits().get(key);
        int limit = configured != null ? configured
                : provider.defaultInFlightLimit().orElse(properties.defaultInFlightLimit());
        ExecutorService executor = provider.cpuBound()
                ? Executors.newFixedThreadPool(limit, platformThreads("atelier-render-" + key.replace('/', '-') + "-"))
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("atelier-gen-" + key.replace('/', '-') + "-", 0).factory());
        return new Lane(key, limit, executor, waiting -> run.run(lanes.get(key), waiting.generation(), waiting.started()));
    }

    private static ThreadFactory platformThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Removes a waiting generation from its lane; false when none of them holds it. */
    boolean removeWaiting(String generationId) {
        for (Lane lane : lanes.values()) {
            if (lane.remove(generationId)) {
                return true;
            }
        }
        return false;
    }

    boolean isWaiting(String generationId) {
        return lanes.values().stream().anyMatch(lane -> lane.isWaiting(generationId));
    }

    /** Every generation waiting in a lane of this instance. */
    List<String> waitingIds() {
        List<String> ids = new ArrayList<>();
        lanes.values().forEach(lane -> ids.addAll(lane.waitingIds()));
        return ids;
    }

    /** Position and expected start of a generation waiting here; empty when it does not wait here. */
    Optional<QueueEstimate> estimate(String generationId) {
        for (Lane lane : lanes.values()) {
            Optional<QueueEstimate> estimate = lane.estimate(generationId);
            if (estimate.isPresent()) {
                return estimate;
            }
        }
        return Optional.empty();
    }

    /** Generations running now in all lanes. */
    int running() {
        return lanes.values().stream().mapToInt(Lane::running).sum();
    }

    /**
     * Stops taking work: every lane is closed and what waited in it is returned (for the job rows
     * to be handed to other instances). Running generations go on.
     */
    List<Generation> close() {
        accepting = false;
        List<Generation> waiting = new ArrayList<>();
        lanes.values().forEach(lane -> lane.close().forEach(w -> waiting.add(w.generation())));
        return waiting;
    }

    /** After {@link #close()} and once the running work ended: lets the lanes' threads go. */
    void shutdownExecutors() {
        lanes.values().forEach(Lane::shutdownExecutor);
    }

    /**
     * Takes work again after a stop (an application context is stopped and started again, as the
     * test framework does with contexts it caches): fresh lanes, fresh threads.
     */
    void open() {
        if (!accepting) {
            lanes.clear();
            accepting = true;
        }
    }
}
