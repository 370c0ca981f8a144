package io.atelier.core.generation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets synchronous APIs ({@code Prefer: wait=N}, v0's sync mode, tools' wait_seconds) wait for a
 * generation to finish without a thread polling the database per request.
 *
 * <p>Waiters are completed by {@link GenerationEvent}s of this instance at once; generations run
 * by another instance are noticed by one batched query per second over all waited-on ids.
 */
@Component
class GenerationWaiters {

    private final GenerationRepository repository;
    private final Map<String, List<CompletableFuture<Generation>>> waiters = new ConcurrentHashMap<>();

    GenerationWaiters(GenerationRepository repository) {
        this.repository = repository;
    }

    /**
     * Completes with the generation once it is terminal, or with its state at the timeout.
     * Never completes exceptionally for a timeout.
     */
    CompletableFuture<Generation> await(String id, Duration timeout) {
        CompletableFuture<Generation> future = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(future);
        // Registered first, then checked: a finish between the two is seen by one or the other.
        repository.find(id).filter(g -> g.status().isTerminal()).ifPresent(future::complete);
        return withTimeout(id, future, timeout);
    }

    /**
     * Waits for a generation that cannot have ended yet (registered by the submit before it can
     * start), so without the database check of {@link #await}.
     */
    CompletableFuture<Generation> register(String id, Duration timeout) {
        CompletableFuture<Generation> future = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(future);
        return withTimeout(id, future, timeout);
    }

    private CompletableFuture<Generation> withTimeout(String id, CompletableFuture<Generation> future, Duration timeout) {
        return future.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(g -> g != null ? g : repository.find(id).orElse(null))
                .whenComplete((g, e) -> remove(id, future));
    }

    private void remove(String id, CompletableFuture<Generation> future) {
        waiters.computeIfPresent(id, (k, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        });
    }

    @EventListener
    void on(GenerationEvent event) {
        if (event.kind() == GenerationEvent.Kind.FINISHED) {
            complete(event.generation());
        }
    }

    private void complete(Generation generation) {
        List<CompletableFuture<Generation>> list = waiters.get(generation.id());
        if (list != null) {
            list.forEach(f -> f.complete(generation));
        }
    }

    @Scheduled(fixedDelay = 1000)
    void completeFinishedElsewhere() {
        Set<String> ids = waiters.keySet();
        if (ids.isEmpty()) {
            return;
        }
        for (String id : repository.terminalAmong(List.copyOf(ids))) {
            repository.find(id).ifPresent(this::complete);
        }
    }

    int waiting() {
        return waiters.size();
    }
}
