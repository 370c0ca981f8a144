package io.atelier.core.generation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of generations: {@code atelier_generations_total{status,model}} (ended and
 * submitted), {@code atelier_generations_current{status}} and {@code atelier_queue_depth} (from the
 * database every 5 s, so they cover every instance), {@code atelier_worker_running} (this
 * instance). Provider latency is timed by the worker ({@code atelier_provider_latency_seconds}).
 */
@Component
class GenerationMetrics {

    private final MeterRegistry meters;
    private final GenerationRepository repository;
    private final Map<GenerationStatus, AtomicLong> current = new EnumMap<>(GenerationStatus.class);

    GenerationMetrics(MeterRegistry meters, GenerationRepository repository, RunningGenerations running) {
        this.meters = meters;
        this.repository = repository;
        for (GenerationStatus status : GenerationStatus.values()) {
            AtomicLong value = new AtomicLong();
            current.put(status, value);
            Gauge.builder("atelier.generations.current", value, AtomicLong::get)
                    .tag("status", status.name().toLowerCase()).description("generations per status, all instances")
                    .register(meters);
        }
        Gauge.builder("atelier.queue.depth", current.get(GenerationStatus.QUEUED), AtomicLong::get)
                .description("generations waiting for a worker, all instances").register(meters);
        Gauge.builder("atelier.worker.running", running, RunningGenerations::size)
                .description("generations running on this instance").register(meters);
    }

    @EventListener
    void on(GenerationEvent event) {
        if (event.kind() == GenerationEvent.Kind.SUBMITTED || event.kind() == GenerationEvent.Kind.FINISHED) {
            String status = event.kind() == GenerationEvent.Kind.SUBMITTED ? "submitted"
                    : event.generation().status().name().toLowerCase();
            meters.counter("atelier.generations", "status", status, "model",
                    event.generation().asked().model()).increment();
        }
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 0)
    void refreshCounts() {
        repository.countsByStatus().forEach((status, n) -> current.get(status).set(n));
    }
}
