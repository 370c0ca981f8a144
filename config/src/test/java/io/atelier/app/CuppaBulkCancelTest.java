package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One worker and a simulated 300 ms per image: a bulk run is slow enough to cancel half-way, and a
 * synchronous create outlives a short {@code atelier.cuppa.sync-timeout}.
 */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=300ms",
        "atelier.generation.in-flight-limits.local=1",
        "atelier.cuppa.sync-timeout=200ms",
        "atelier.data-dir=${atelier.test-root}/cuppa-slow"
})
class CuppaBulkCancelTest extends CuppaTestSupport {

    @Test
    void cancelMidRunStopsTheArticlesThatHaveNotRun() {
        Team team = team("bulk-cancel", 100);
        List<String> articleIds = createArticles(team.cuppa(), 20, "Slow");
        ApiClient.Response accepted = team.cuppa().post("/v1/images/bulk", Map.of("article_ids", articleIds, "model", "local/preview"));
        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.json().get("request_id").stringValue();

        JsonNode running = team.cuppa().pollBulk(requestId, s -> s.get("completed_articles").intValue() >= 2, Duration.ofSeconds(60));
        assertThat(running.get("status").stringValue()).isEqualTo("processing");

        ApiClient.Response canceled = team.cuppa().delete("/v1/images/bulk/" + requestId);
        assertThat(canceled.status()).as(new String(canceled.bytes())).isEqualTo(200);
        assertThat(canceled.json().propertyNames()).containsExactly("success");
        assertThat(canceled.json().get("success").booleanValue()).isTrue();

        JsonNode after = team.cuppa().get("/v1/images/bulk/" + requestId).json();
        assertThat(after.get("status").stringValue()).isEqualTo("canceled");
        int completed = after.get("completed_articles").intValue();
        assertThat(completed).isBetween(2, 19);
        assertThat(after.get("canceled_articles").intValue()).isEqualTo(20 - completed);
        assertThat(after.get("failed_articles").intValue()).isZero();
        assertThat(after.get("canceled_at").isNull()).isFalse();

        // Well past several latencies: nothing else ran, and only completed articles were paid for.
        sleep(1500);
        JsonNode later = team.cuppa().get("/v1/images/bulk/" + requestId).json();
        assertThat(later.get("completed_articles").intValue()).isEqualTo(completed);
        assertThat(later.get("status").stringValue()).isEqualTo("canceled");
        int imagesSeen = 0;
        for (String id : articleIds) {
            JsonNode result = later.at("/articles/" + id);
            if (result.get("status").stringValue().equals("completed")) {
                assertThat(result.get("image_url").isString()).isTrue();
                imagesSeen++;
            } else {
                assertThat(result.get("status").stringValue()).isEqualTo("canceled");
                assertThat(result.get("image_url").isNull()).isTrue();
                assertThat(result.get("error").stringValue()).isNotBlank();
            }
        }
        assertThat(imagesSeen).isEqualTo(completed);
        assertThat(credits("bulk-cancel")).isEqualTo(100 - completed);

        // Canceling again is harmless.
        assertThat(team.cuppa().delete("/v1/images/bulk/" + requestId).status()).isEqualTo(200);
    }

    @Test
    void aSyncCreateThatOutlivesTheTimeoutAnswers504AndStillCompletes() {
        Team team = team("sync-timeout", 10);
        ApiClient.Response late = team.cuppa().post("/v1/images", Map.of("model", "local/preview", "prompt", "a slow fox"));
        JsonNode error = cuppaError(late, 504, "generation_timeout");
        String generationId = error.get("generation_id").stringValue();

        JsonNode done = pollGeneration(team.api(), generationId, g -> g.get("status").stringValue().equals("success"),
                Duration.ofSeconds(30));
        String imageId = done.at("/outputImage/id").stringValue();
        assertThat(team.cuppa().get("/v1/images").json().get(0).get("id").stringValue()).isEqualTo(imageId);
    }
}
