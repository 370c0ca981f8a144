package io.atelier.core.provider.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderInvoker;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.Resolution;
import io.atelier.core.provider.RetryPolicy;

/**
 * Every provider call of the generation worker, under the {@link ResilienceProperties} of its provider:
 *
 * <ol>
 *   <li><b>Call timeout</b>: one attempt sees its context canceled once {@code call-timeout} has passed
 *       (providers stop within a wait slice, see {@link io.atelier.core.provider.ImageProvider}); that
 *       ends the attempt with a retriable {@code PROVIDER_TIMEOUT}.</li>
 *   <li><b>Retries</b>: {@link RetryPolicy} (exponential backoff, full jitter, {@code Retry-After}) for
 *       {@link ProviderException.Retriable} failures only, and for a failure after which the backend may
 *       have started (and billed) the work only when {@code retry-after-start} is true for that provider
 *       (self-hosted ones by default). A retry stays within the same generation: its images replace
 *       any earlier attempt's and its credits were charged once at submit.</li>
 *   <li><b>Circuit breaker</b> (resilience4j, one per provider): each attempt is recorded; retriable
 *       failures count, others do not. While it is open no call is made.</li>
 *   <li><b>Fallback</b>: when the call ends in a retriable failure or the breaker is open, and a fallback
 *       model is configured for the model or its provider, the fallback model generates instead (under
 *       its own provider's settings; fallbacks do not chain) and the outcome carries a warning saying so.
 *       A request the fallback model cannot serve (an edit on a model without edits, a prompt over its
 *       limit) keeps the original failure.</li>
 * </ol>
 *
 * <p>Metrics: gauge {@code atelier.provider.circuit.state} (0 closed, 1 open, 2 half-open, 3 other) and
 * counter {@code atelier.provider.fallbacks}, tagged by provider. Thread-safe.
 */
@Component
class ResilientProviderInvoker implements ProviderInvoker {

    private static final Logger log = LoggerFactory.getLogger(ResilientProviderInvoker.class);

    private final ResilienceProperties properties;
    private final ModelCatalog catalog;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, ModelCatalog.Entry> fallbacks;
    private final Map<String, ResilienceProperties.Resolved> settings = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    @Autowired
    ResilientProviderInvoker(ResilienceProperties properties, ModelCatalog catalog, MeterRegistry meters) {
        this(properties, catalog, meters, Clock.systemUTC());
    }

    ResilientProviderInvoker(ResilienceProperties properties, ModelCatalog catalog, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.catalog = catalog;
        this.meters = meters;
        this.clock = clock;
        Map<String, ModelCatalog.Entry> resolvedFallbacks = new LinkedHashMap<>();
        properties.fallback().forEach((from, to) -> {
            Optional<ModelCatalog.Entry> target = catalog.find(to);
            if (target.isEmpty()) {
                throw new IllegalStateException("atelier.resilience.fallback[" + from + "] names an unknown model: " + to
                        + " (known: " + catalog.models().stream().map(ModelDescriptor::id).toList() + ")");
            }
            resolvedFallbacks.put(from.trim(), target.get());
        });
        this.fallbacks = Map.copyOf(resolvedFallbacks);
        // Eagerly, so that health and metrics list every provider from the start.
        catalog.models().stream().map(ModelDescriptor::provider).distinct().forEach(this::breaker);
    }

    @Override
    public Outcome invoke(ModelCatalog.Entry entry, ProviderRequest request, ProviderContext context) throws ProviderException {
        try {
            return new Outcome(call(entry, request, context), entry.model(), List.of());
        } catch (ProviderException.Retriable failure) {
            Optional<ModelCatalog.Entry> fallback = fallbackFor(entry.model());
            if (fallback.isEmpty()) {
                throw failure;
            }
            ModelDescriptor target = fallback.get().model();
            List<String> warnings = new ArrayList<>();
            Optional<ProviderRequest> adapted = adapt(request, target, warnings);
            if (adapted.isEmpty()) {
                log.info("no fallback from {} to {}: the request does not fit it", entry.model().id(), target.id());
                throw failure;
            }
            context.throwIfCancelled();
            warnings.addFirst("model " + entry.model().id() + " was unavailable (" + failure.code() + ": "
                    + failure.getMessage() + "); the fallback model " + target.id() + " made the image(s)");
            log.warn("falling back from {} to {}: {} {}", entry.model().id(), target.id(), failure.code(), failure.getMessage());
            meters.counter("atelier.provider.fallbacks", "provider", entry.model().provider(), "fallback", target.id()).increment();
            context.progress(ProviderContext.Progress.percent(0, "falling back to " + target.id()));
            return new Outcome(call(fallback.get(), adapted.get(), context), target, warnings);
        }
    }

    /** The state of each provider's circuit breaker, by provider id. */
    Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> out = new LinkedHashMap<>();
        breakers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue().getState()));
        return out;
    }

    CircuitBreaker breaker(String providerId) {
        return breakers.computeIfAbsent(providerId, id -> {
            ResilienceProperties.Resolved s = settings(id);
            CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(s.slidingWindowSize())
                    .minimumNumberOfCalls(s.minimumCalls())
                    .failureRateThreshold(s.failureRateThreshold())
                    .waitDurationInOpenState(s.openDuration())
                    .permittedNumberOfCallsInHalfOpenState(s.halfOpenCalls())
                    .recordException(t -> t instanceof ProviderException.Retriable)
                    .clock(clock)
                    .build();
            CircuitBreaker breaker = CircuitBreaker.of("provider-" + id, config);
            breaker.getEventPublisher().onStateTransition(event ->
                    log.warn("circuit breaker of provider {}: {}", id, event.getStateTransition()));
            Gauge.builder("atelier.provider.circuit.state", breaker, b -> switch (b.getState()) {
                        case CLOSED -> 0;
                        case OPEN -> 1;
                        case HALF_OPEN -> 2;
                        default -> 3;
                    })
                    .tag("provider", id)
                    .description("circuit breaker state: 0 closed, 1 open, 2 half-open, 3 disabled/forced")
                    .register(meters);
            return breaker;
        });
    }

    private ResilienceProperties.Resolved settings(String providerId) {
        return settings.computeIfAbsent(providerId, properties::resolve);
    }

    private Optional<ModelCatalog.Entry> fallbackFor(ModelDescriptor model) {
        ModelCatalog.Entry target = fallbacks.get(model.id());
        if (target == null) {
            target = fallbacks.get(model.provider());
        }
        if (target == null || target.model().id().equals(model.id())) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /** Raised inside an attempt when the breaker refuses it; not retried. */
    private static final class CircuitOpenSignal extends RuntimeException {
        CircuitOpenSignal() {
            super(null, null, false, false);
        }
    }

    private ProviderResult call(ModelCatalog.Entry entry, ProviderRequest request, ProviderContext context) throws ProviderException {
        String providerId = entry.provider().id();
        ResilienceProperties.Resolved s = settings(providerId);
        CircuitBreaker breaker = breaker(providerId);
        try {
            return s.retryPolicy().execute(context, attempt -> attempt(entry, request, context, s, breaker),
                    failure -> !failure.backendMayHaveStarted() || s.retryAfterStart());
        } catch (CircuitOpenSignal open) {
            throw ProviderException.Retriable.circuitOpen("provider " + providerId
                    + " is failing; its circuit breaker is open, so no call was made (it is tried again after "
                    + s.openDuration().toSeconds() + "s)");
        }
    }

    private ProviderResult attempt(ModelCatalog.Entry entry, ProviderRequest request, ProviderContext context,
                                   ResilienceProperties.Resolved s, CircuitBreaker breaker) throws ProviderException {
        if (s.breakerEnabled() && !breaker.tryAcquirePermission()) {
            throw new CircuitOpenSignal();
        }
        long start = System.nanoTime();
        Deadline deadline = new Deadline(context, start + s.callTimeout().toNanos());
        try {
            ProviderResult result = entry.provider().generate(request, deadline);
            record(s, () -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            return result;
        } catch (ProviderException.Canceled canceled) {
            if (!context.isCancelled() && !Thread.currentThread().isInterrupted() && deadline.expired()) {
                ProviderException.Retriable timeout = ProviderException.Retriable.timeout(
                        "provider " + entry.provider().id() + " did not finish within " + s.callTimeout()
                                + " (atelier.resilience call-timeout)", canceled);
                record(s, () -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, timeout));
                throw timeout;
            }
            record(s, breaker::releasePermission);
            throw canceled;
        } catch (ProviderException | RuntimeException failure) {
            record(s, () -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure));
            throw failure;
        }
    }

    private static void record(ResilienceProperties.Resolved s, Runnable action) {
        if (s.breakerEnabled()) {
            action.run();
        }
    }

    /**
     * The request for the fallback model: its own model name, a size it supports (same aspect ratio),
     * at most its image count; what it cannot honour is dropped with a warning. Empty when the fallback
     * cannot serve the request at all.
     */
    static Optional<ProviderRequest> adapt(ProviderRequest request, ModelDescriptor target, List<String> warnings) {
        ModelCapabilities caps = target.capabilities();
        if (request.initImage() != null && !caps.edits() && !request.isUpscale() || request.mask() != null && !caps.masks()
                || request.isUpscale() && caps.upscaleFactor() == 0
                || request.referenceImages().size() > caps.maxReferenceImages()) {
            return Optional.empty();
        }
        if (request.prompt().length() > target.promptLimit()) {
            return Optional.empty();
        }
        ImageSize size = request.size();
        if (!caps.supports(size) && !request.isUpscale()) {
            AspectRatio ratio = AspectRatio.of(size).orElse(AspectRatio.SQUARE);
            Resolution resolution = Math.max(size.width(), size.height()) > 2048 ? Resolution.R4K
                    : Math.max(size.width(), size.height()) > 1024 ? Resolution.R2K : Resolution.R1K;
            size = caps.sizeFor(ratio, resolution);
            warnings.add("the fallback model " + target.id() + " made " + size + " instead of " + request.size());
        }
        int count = Math.min(request.count(), caps.maxCount());
        if (count < request.count()) {
            warnings.add("the fallback model " + target.id() + " made " + count + " of " + request.count() + " image(s)");
        }
        String negative = request.negativePrompt();
        if (negative != null && !negative.isBlank() && !caps.negativePrompt()) {
            negative = null;
            warnings.add("the fallback model " + target.id() + " ignores negative prompts");
        }
        if (request.strength() != null && request.initImage() != null && !caps.strength() && !request.isUpscale()) {
            warnings.add("the fallback model " + target.id() + " uses the image its own way (no strength)");
        }
        String background = request.background();
        if ("transparent".equalsIgnoreCase(background) && !caps.transparentBackground()) {
            background = null;
            warnings.add("the fallback model " + target.id() + " cannot make transparent backgrounds");
        }
        return Optional.of(request.adaptedTo(target.name(), size, count, negative, background));
    }

    /** The worker's context, canceled also once the attempt's deadline has passed. */
    private static final class Deadline implements ProviderContext {
        private final ProviderContext outer;
        private final long deadlineNanos;

        Deadline(ProviderContext outer, long deadlineNanos) {
            this.outer = outer;
            this.deadlineNanos = deadlineNanos;
        }

        boolean expired() {
            return System.nanoTime() - deadlineNanos >= 0;
        }

        @Override
        public void progress(Progress progress) {
            outer.progress(progress);
        }

        @Override
        public void preview(Preview preview) {
            outer.preview(preview);
        }

        @Override
        public boolean isCancelled() {
            return outer.isCancelled() || expired();
        }

        /** The outer context's signal, and a wake-up at the deadline (which nobody signals). */
        @Override
        public CancelWatch watchCancel(Runnable onCancel) {
            CancelWatch watch = outer.watchCancel(onCancel);
            long untilDeadline = Math.max(deadlineNanos - System.nanoTime(), 1_000_000L);
            return new CancelWatch() {
                @Override
                public long pollNanos() {
                    return Math.min(watch.pollNanos(), untilDeadline);
                }

                @Override
                public void close() {
                    watch.close();
                }
            };
        }

        /** The worker's sink: images still stream into the store (an in-memory default would hold them). */
        @Override
        public ImageSink imageSink() {
            return outer.imageSink();
        }
    }

    /** The configured call timeout of a provider (for tests and logs). */
    Duration callTimeout(String providerId) {
        return settings(providerId).callTimeout();
    }
}
