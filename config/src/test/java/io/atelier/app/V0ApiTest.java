package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The v0 dialect against the documented examples: sync, async + poll, errors in {@code {error}}. */
class V0ApiTest extends AppTestSupport {

    @Test
    void syncGenerationAnswersWithTheFinishedImages() {
        ApiClient team = newTeam("v0-sync", 50);
        ApiClient.Response r = team.post("/v0/images/generations",
                Map.of("prompt", "a serene mountain lake at sunrise", "aspectRatio", "16:9", "resolution", "standard"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data.get("id").stringValue()).isNotBlank();
        assertThat(data.get("created").asLong()).isPositive();
        assertThat(data.get("data")).hasSize(1);
        assertThat(data.at("/data/0/url").stringValue()).contains("/files/");
        assertThat(data.at("/usage/credits").asLong()).isPositive();
    }

    @Test
    void asyncAnswersQueuedAndThePollCompletes() {
        ApiClient team = newTeam("v0-async", 50);
        ApiClient.Response r = team.post("/v0/images/generations?async=true", Map.of("prompt", "a fox"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.json().at("/data/status").stringValue()).isEqualTo("queued");
        String id = r.json().at("/data/id").stringValue();
        String status = "queued";
        for (int i = 0; i < 200 && !status.equals("completed") && !status.equals("failed"); i++) {
            sleep(100);
            status = team.get("/v0/images/generations/" + id).json().at("/data/status").stringValue();
        }
        assertThat(status).isEqualTo("completed");
    }

    @Test
    void anotherTeamsJobIsNotFound() {
        ApiClient owner = newTeam("v0-owner", 50);
        ApiClient other = newTeam("v0-other", 50);
        String id = owner.post("/v0/images/generations?async=1", Map.of("prompt", "a fox")).json().at("/data/id").stringValue();
        ApiClient.Response r = other.get("/v0/images/generations/" + id);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").isString()).isTrue();
    }

    @Test
    void badInputIsA4xxInV0Shape() {
        ApiClient team = newTeam("v0-bad", 50);
        List<Map<String, Object>> bodies = List.of(
                Map.of(),
                Map.of("prompt", "x", "aspectRatio", "7:3"),
                Map.of("prompt", "x", "resolution", "huge"),
                Map.of("prompt", "x", "sampleCount", 0),
                Map.of("prompt", "x", "modelVersion", "nope/none"),
                Map.of("prompt", 5));
        for (Map<String, Object> body : bodies) {
            ApiClient.Response r = team.post("/v0/images/generations", body);
            assertThat(r.status()).as(body.toString()).isBetween(400, 499);
            assertThat(r.json().get("error").isString()).as(body.toString()).isTrue();
        }
        ApiClient.Response unauth = anonymous().post("/v0/images/generations", Map.of("prompt", "x"));
        assertThat(unauth.status()).isEqualTo(401);
        assertThat(unauth.json().get("error").isString()).isTrue();
    }

    @Test
    void usageReportsRemainingCredits() {
        ApiClient team = newTeam("v0-usage", 37);
        ApiClient.Response r = team.get("/v0/usage");
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
        assertThat(r.json().at("/data/creditsRemaining").asLong()).isEqualTo(37);
    }
}
