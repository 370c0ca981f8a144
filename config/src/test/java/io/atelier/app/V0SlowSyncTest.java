package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A sync call on a model slower than the sync timeout: 504 with a jobId that later completes. */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=2s",
        "atelier.v0.sync-timeout=500ms",
        "atelier.data-dir=${atelier.test-root}/v0-slow"})
class V0SlowSyncTest extends AppTestSupport {

    @Test
    void syncTimeoutAnswers504WithAJobThatLaterCompletes() {
        ApiClient team = newTeam("v0-slow", 50);
        ApiClient.Response r = team.post("/v0/images/generations", Map.of("prompt", "a slow fox"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(504);
        assertThat(r.json().get("error").stringValue()).startsWith("Generation timed out");
        String jobId = r.json().get("jobId").stringValue();
        assertThat(r.json().get("hint").stringValue()).contains(jobId);
        String status = "queued";
        for (int i = 0; i < 300 && !status.equals("completed") && !status.equals("failed"); i++) {
            sleep(100);
            status = team.get("/v0/images/generations/" + jobId).json().at("/data/status").stringValue();
        }
        assertThat(status).isEqualTo("completed");
    }

    @Test
    void theResolutionPriceIsChargedAtSubmitAndRefundedWhenTheJobDoesNotComplete() {
        ApiClient team = newTeam("v0-refund", 50);
        ApiClient.Response r = team.post("/v0/images/generations?async=true",
                Map.of("prompt", "a huge slow fox", "resolution", "4k", "sampleCount", 2));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        String jobId = r.json().at("/data/id").stringValue();
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(50 - 4 * 2);
        // Canceled (through the native API: the same job) before the slow model answers: refunded.
        assertThat(team.post("/api/v1/generations/" + jobId + "/cancel", Map.of()).status()).isEqualTo(200);
        // The document's failed shape: {id, status: "failed", error}.
        JsonNode failed = team.get("/v0/images/generations/" + jobId).json().get("data");
        assertThat(failed.propertyNames()).containsExactly("id", "status", "error");
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("error").stringValue()).isNotBlank();
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(50);
    }
}
