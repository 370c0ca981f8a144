package io.atelier.core.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderInvoker;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.automatic1111.Automatic1111TestSupport;
import io.atelier.core.provider.http.LoopbackFakeServer;
import io.atelier.core.provider.http.LoopbackFakeServer.Reply;
import io.atelier.core.provider.http.LoopbackFakeServer.Respond;
import io.atelier.core.provider.http.TestImages;
import io.atelier.core.provider.local.LocalPreviewProvider;
import io.atelier.core.provider.local.LocalProviderProperties;

/**
 * Faults between the resilience layer and a real provider (AUTOMATIC1111 over HTTP, against a loopback
 * fake): 429 with Retry-After, 500 bursts, resets, stalled bodies and hanging calls are retried or failed
 * as designed; the breaker opens and closes; the fallback model serves when the provider is down or open.
 */
class ResilienceFaultTest {

    private final Queue<Supplier<Reply>> script = new ConcurrentLinkedQueue<>();
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LoopbackFakeServer fake;
    private ModelCatalog catalog;

    @BeforeEach
    void start() {
        fake = new LoopbackFakeServer(request -> switch (request.path()) {
            case "/sdapi/v1/progress" -> Respond.json(200, "{\"progress\":0.1,\"eta_relative\":1.0,\"state\":{}}");
            case "/sdapi/v1/interrupt" -> Respond.json(200, "{}");
            default -> {
                Supplier<Reply> next = script.poll();
                yield next != null ? next.get() : Respond.json(200, Automatic1111TestSupport.imagesJson(1, 512, 512));
            }
        });
        // Long enough for a loaded CI box to answer a normal call; the stalled-body test waits this out once.
        catalog = catalog(Duration.ofSeconds(3));
    }

    private ModelCatalog catalog(Duration readTimeout) {
        return new ModelCatalog(List.of(
                Automatic1111TestSupport.provider(fake.baseUrl(), readTimeout),
                new LocalPreviewProvider(LocalProviderProperties.defaults())), "");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ResilientProviderInvoker invoker(String... properties) {
        return new ResilientProviderInvoker(ResilienceBinding.bind(properties), catalog, meters, clock);
    }

    private ProviderInvoker.Outcome generate(ProviderInvoker invoker, TestImages.RecordingContext context) throws ProviderException {
        ModelCatalog.Entry entry = catalog.find("automatic1111/default").orElseThrow();
        ProviderRequest request = new ProviderRequest("default", "a fox", null, new ImageSize(512, 512), 1, 5L, null,
                null, null, Map.of(), "gen-1");
        return invoker.invoke(entry, request, context);
    }

    private ProviderInvoker.Outcome generate(ProviderInvoker invoker) throws ProviderException {
        return generate(invoker, new TestImages.RecordingContext());
    }

    private int calls() {
        return fake.requests("POST", "/sdapi/v1/txt2img").size();
    }

    private static Supplier<Reply> status(int status, String retryAfter) {
        return () -> retryAfter == null ? Respond.json(status, "{\"detail\":\"HTTP " + status + " from the fake\"}")
                : Respond.json(status, "{\"detail\":\"slow down\"}", "Retry-After", retryAfter);
    }

    @Test
    void aRateLimitIsRetriedAfterItsRetryAfter() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.initial-backoff=5ms", "defaults.max-backoff=10ms");
        script.add(status(429, "1"));
        TestImages.RecordingContext context = new TestImages.RecordingContext();

        ProviderInvoker.Outcome outcome = generate(invoker, context);

        assertThat(outcome.result().images()).hasSize(1);
        assertThat(outcome.servedBy().id()).isEqualTo("automatic1111/default");
        assertThat(calls()).isEqualTo(2);
        assertThat(context.progress).anySatisfy(p -> assertThat(p.message()).contains("retrying after PROVIDER_RATE_LIMITED"));
    }

    @Test
    void aRetryAfterLongerThanWeWaitFailsAtOnce() {
        ResilientProviderInvoker invoker = invoker("defaults.max-retry-after=2s");
        script.add(status(429, "3600"));

        assertThatThrownBy(() -> generate(invoker))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_RATE_LIMITED"));
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aBurstOf500sIsRetriedUntilTheServerRecovers() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.max-attempts=4", "defaults.initial-backoff=5ms",
                "defaults.max-backoff=10ms", "defaults.breaker.minimum-calls=10");
        script.add(status(500, null));
        script.add(status(500, null));
        script.add(status(502, null));

        assertThat(generate(invoker).result().images()).hasSize(1);
        assertThat(calls()).isEqualTo(4);
    }

    @Test
    void theBurstOutlastingTheAttemptsFailsWithTheLastError() {
        ResilientProviderInvoker invoker = invoker("defaults.max-attempts=2", "defaults.initial-backoff=5ms", "defaults.max-backoff=10ms");
        script.add(status(500, null));
        script.add(status(500, null));

        assertThatThrownBy(() -> generate(invoker))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aProviderThatMayBillIsNotRetriedAfterTheCallMayHaveStartedButIsAfterARefusal() throws Exception {
        ResilientProviderInvoker invoker = invoker("providers.automatic1111.retry-after-start=false",
                "defaults.initial-backoff=5ms", "defaults.max-backoff=10ms");
        script.add(status(500, null));
        assertThatThrownBy(() -> generate(invoker)).isInstanceOf(ProviderException.Retriable.class);
        assertThat(calls()).isEqualTo(1);

        script.add(status(503, null));
        assertThat(generate(invoker).result().images()).hasSize(1);
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void aResetConnectionIsRetried() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.initial-backoff=5ms", "defaults.max-backoff=10ms");
        script.add(LoopbackFakeServer.Reset::new);

        assertThat(generate(invoker).result().images()).hasSize(1);
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aStalledBodyTimesOutAndIsRetried() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.initial-backoff=5ms", "defaults.max-backoff=10ms");
        script.add(() -> new LoopbackFakeServer.SlowBody(
                Automatic1111TestSupport.imagesJson(1, 512, 512).getBytes(StandardCharsets.UTF_8)));

        assertThat(generate(invoker).result().images()).hasSize(1);
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void theCallTimeoutEndsAHangingCallAndInterruptsTheBackend() {
        catalog = catalog(Duration.ofSeconds(30));
        ResilientProviderInvoker invoker = invoker("defaults.call-timeout=300ms", "defaults.max-attempts=1");
        script.add(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fake.requests("POST", "/sdapi/v1/interrupt").isEmpty() && System.nanoTime() < deadline) {
                sleep(10);
            }
            return Respond.json(200, Automatic1111TestSupport.imagesJson(1, 512, 512));
        });
        assertThatThrownBy(() -> generate(invoker))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
                    assertThat(e.getMessage()).contains("did not finish within PT0.3S");
                });
        assertThat(fake.requests("POST", "/sdapi/v1/interrupt")).hasSize(1);
    }

    @Test
    void nonRetriableErrorsAreNeitherRetriedNorFallenBackFrom() {
        ResilientProviderInvoker invoker = invoker("fallback[automatic1111]=local/preview");
        script.add(() -> Respond.json(422, "{\"detail\":\"bad sampler\"}"));

        assertThatThrownBy(() -> generate(invoker))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST"));
        assertThat(calls()).isEqualTo(1);
        assertThat(invoker.breaker("automatic1111").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theBreakerOpensAfterFailuresRefusesCallsThenClosesAfterASuccessfulTrial() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.max-attempts=1", "defaults.breaker.minimum-calls=2",
                "defaults.breaker.sliding-window-size=4", "defaults.breaker.open-duration=30s",
                "defaults.breaker.half-open-calls=1");
        script.add(status(500, null));
        script.add(status(500, null));
        assertThatThrownBy(() -> generate(invoker)).isInstanceOf(ProviderException.Retriable.class);
        assertThatThrownBy(() -> generate(invoker)).isInstanceOf(ProviderException.Retriable.class);
        assertThat(invoker.states()).containsEntry("automatic1111", CircuitBreaker.State.OPEN);
        assertThat(meters.get("atelier.provider.circuit.state").tag("provider", "automatic1111").gauge().value()).isEqualTo(1.0);

        assertThatThrownBy(() -> generate(invoker))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
                    assertThat(e.getMessage()).contains("circuit breaker is open");
                    assertThat(e.backendMayHaveStarted()).isFalse();
                });
        assertThat(calls()).as("an open breaker makes no call").isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(generate(invoker).result().images()).hasSize(1);
        assertThat(invoker.states()).containsEntry("automatic1111", CircuitBreaker.State.CLOSED);
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void theFallbackModelServesWhenTheProviderIsDownAndTheGenerationSaysSo() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.max-attempts=1", "fallback[automatic1111/default]=local/preview");
        script.add(status(500, null));

        ProviderInvoker.Outcome outcome = generate(invoker);

        assertThat(outcome.servedBy().id()).isEqualTo("local/preview");
        assertThat(outcome.result().images()).hasSize(1);
        assertThat(outcome.result().images().getFirst().width()).isEqualTo(512);
        assertThat(outcome.warnings()).anySatisfy(w -> assertThat(w)
                .contains("automatic1111/default was unavailable").contains("PROVIDER_UNAVAILABLE").contains("fallback model local/preview"));
        assertThat(meters.counter("atelier.provider.fallbacks", "provider", "automatic1111", "fallback", "local/preview").count())
                .isEqualTo(1.0);
    }

    @Test
    void theFallbackModelServesWithoutCallingAProviderWhoseBreakerIsOpen() throws Exception {
        ResilientProviderInvoker invoker = invoker("defaults.max-attempts=1", "defaults.breaker.minimum-calls=1",
                "defaults.breaker.sliding-window-size=1", "fallback[automatic1111]=local/preview");
        script.add(status(500, null));
        assertThat(generate(invoker).servedBy().id()).isEqualTo("local/preview");
        assertThat(invoker.states()).containsEntry("automatic1111", CircuitBreaker.State.OPEN);
        int before = calls();

        ProviderInvoker.Outcome outcome = generate(invoker);

        assertThat(outcome.servedBy().id()).isEqualTo("local/preview");
        assertThat(outcome.warnings().getFirst()).contains("circuit breaker is open");
        assertThat(calls()).isEqualTo(before);
    }

    @Test
    void aCanceledCallIsNeitherRetriedNorCountedAgainstTheProvider() {
        ResilientProviderInvoker invoker = invoker("defaults.breaker.minimum-calls=1", "defaults.breaker.sliding-window-size=1");
        TestImages.RecordingContext context = new TestImages.RecordingContext();
        script.add(() -> {
            context.cancelled.set(true);
            sleep(200);
            return Respond.json(200, Automatic1111TestSupport.imagesJson(1, 512, 512));
        });

        assertThatThrownBy(() -> generate(invoker, context)).isInstanceOf(ProviderException.Canceled.class);
        assertThat(calls()).isEqualTo(1);
        assertThat(invoker.states()).containsEntry("automatic1111", CircuitBreaker.State.CLOSED);
    }

    @Test
    void anUnknownFallbackModelFailsTheStart() {
        assertThatThrownBy(() -> invoker("fallback[automatic1111]=nowhere/model"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("atelier.resilience.fallback[automatic1111] names an unknown model: nowhere/model");
    }

    @Test
    void invalidSettingsNameTheirProperty() {
        assertThatThrownBy(() -> invoker("providers.automatic1111.max-attempts=0").breaker("automatic1111"))
                .hasMessageContaining("atelier.resilience.providers.automatic1111.max-attempts must be 1-10");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
