package io.atelier.core.generation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The generations this instance is running right now, with their stop flags.
 *
 * <p>Cancellation is cooperative: providers poll {@link Handle#stopRequested()} (through
 * {@code ProviderContext.isCancelled()}) in their waits, so no thread is interrupted in the middle
 * of database or file I/O. A cancel made through another instance is seen by the once-a-second
 * check of the running ids against the database.
 */
@Component
class RunningGenerations {

    private final GenerationRepository repository;
    private final Map<String, Handle> running = new ConcurrentHashMap<>();

    /** Why a running generation should stop. */
    enum StopReason { NONE, CANCELED, SHUTDOWN }

    /** One running generation. */
    static final class Handle {
        private volatile StopReason stop = StopReason.NONE;
        /** Told once when the run is asked to stop (a waiting provider call, woken at once). */
        private final List<Runnable> stopListeners = new CopyOnWriteArrayList<>();

        boolean stopRequested() {
            return stop != StopReason.NONE;
        }

        StopReason reason() {
            return stop;
        }

        void stop(StopReason reason) {
            if (stop == StopReason.NONE) {
                stop = reason;
                stopListeners.forEach(Runnable::run);
            }
        }

        /**
         * Runs {@code listener} when the run is asked to stop (at once if it was); returns what
         * forgets it. Listeners run on the stopping thread and must be quick.
         */
        Runnable onStop(Runnable listener) {
            stopListeners.add(listener);
            if (stopRequested()) {
                listener.run();
            }
            return () -> stopListeners.remove(listener);
        }
    }

    RunningGenerations(GenerationRepository repository) {
        this.repository = repository;
    }

    Handle register(String id) {
        Handle handle = new Handle();
        running.put(id, handle);
        return handle;
    }

    /** Whether a worker of this instance is running the generation now. */
    boolean runsHere(String id) {
        return running.containsKey(id);
    }

    void unregister(String id) {
        running.remove(id);
    }

    /** Asks a generation running here to stop; false when it does not run on this instance. */
    boolean cancel(String id) {
        Handle handle = running.get(id);
        if (handle == null) {
            return false;
        }
        handle.stop(StopReason.CANCELED);
        return true;
    }

    /** Asks every running generation to stop and be requeued. */
    void stopAllForShutdown() {
        running.values().forEach(h -> h.stop(StopReason.SHUTDOWN));
    }

    int size() {
        return running.size();
    }

    /** Ids of the generations running here. */
    List<String> ids() {
        return List.copyOf(running.keySet());
    }

    @Scheduled(fixedDelay = 1000)
    void applyCancelsFromOtherInstances() {
        if (running.isEmpty()) {
            return;
        }
        List<String> canceled = repository.canceledAmong(List.copyOf(running.keySet()));
        canceled.forEach(this::cancel);
    }
}
