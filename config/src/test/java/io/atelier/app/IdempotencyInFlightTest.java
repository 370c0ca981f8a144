package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A duplicate that arrives while the first request with its {@code Idempotency-Key} is still running
 * is refused with 409 in the dialect's shape (and no second generation); once the first has answered,
 * the duplicate gets its answer replayed. Runs on the slow application of {@link SlowGenerationTest}
 * (same properties, so the same running application), whose generations take 700 ms.
 */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=700ms",
        "atelier.generation.in-flight-limits.local=1",
        "atelier.data-dir=${atelier.test-root}/slow"
})
class IdempotencyInFlightTest extends AppTestSupport {

    private static long generations(ApiClient api) {
        return api.get("/api/v1/generations?limit=100").json().at("/pagination/total").asLong();
    }

    private void assertConflictThenReplay(String team, BiFunction<ApiClient, String, ApiClient.Response> post,
                                          Function<ApiClient.Response, String> errorCode, String expectedCode) {
        ApiClient api = newTeam(team, 100);
        String key = "in-flight-" + UUID.randomUUID();
        Function<String, ApiClient.Response> send = k -> post.apply(api, k);
        CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> send.apply(key));
        // The generation exists once the first request holds the key and is waiting for it.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (generations(api) == 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(generations(api)).isEqualTo(1);
        // The first request is still waiting for its 700 ms generation.
        ApiClient.Response duplicate = send.apply(key);
        assertThat(duplicate.status()).as(new String(duplicate.bytes())).isEqualTo(409);
        assertThat(errorCode.apply(duplicate)).isEqualTo(expectedCode);
        assertThat(duplicate.header("Retry-After")).isEqualTo("1");
        ApiClient.Response answered = first.join();
        assertThat(answered.status()).as(new String(answered.bytes())).isBetween(200, 201);
        ApiClient.Response replayed = send.apply(key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.bytes()).isEqualTo(answered.bytes());
        assertThat(generations(api)).isEqualTo(1);
    }

    @Test
    void nativeDuplicateWhileRunningIsAConflict() {
        assertConflictThenReplay("in-flight-native", (api, key) -> api.post("/api/v1/generations",
                        Map.of("prompt", "slow and unique"), Map.of("Idempotency-Key", key, "Prefer", "wait=60")),
                r -> r.json().at("/error/code").stringValue(), "IDEMPOTENCY_KEY_IN_USE");
    }

    @Test
    void openAiDuplicateWhileRunningIsAConflict() {
        assertConflictThenReplay("in-flight-openai", (api, key) -> api.post("/v1/images/generations",
                        Map.of("model", "local/preview", "prompt", "slow owl", "response_format", "url"),
                        Map.of("Idempotency-Key", key)),
                r -> r.json().at("/error/code").stringValue(), "idempotency_key_in_use");
    }

    @Test
    void v0DuplicateWhileRunningIsAConflict() {
        assertConflictThenReplay("in-flight-v0", (api, key) -> api.post("/v0/images/generations",
                        Map.of("prompt", "slow lake"), Map.of("Idempotency-Key", key)),
                r -> r.json().get("error").stringValue().contains("still being processed") ? "in-use" : "other", "in-use");
    }
}
