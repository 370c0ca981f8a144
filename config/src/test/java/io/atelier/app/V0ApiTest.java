package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The v0 dialect against the documented examples: sync, async + poll, errors in {@code {error}}. */
class V0ApiTest extends V0TestSupport {

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

    @Test
    void creditsFollowTheResolutionTableTimesSampleCount() {
        ApiClient team = newTeam("v0-credits", 50);
        ApiClient.Response high = team.post("/v0/images/generations",
                Map.of("prompt", "a lighthouse", "resolution", "high", "sampleCount", 2, "aspectRatio", "1:8"));
        assertThat(high.status()).as(new String(high.bytes())).isEqualTo(200);
        assertThat(high.json().at("/data/usage/credits").asLong()).isEqualTo(4);
        assertThat(high.json().at("/data/data")).hasSize(2);
        ApiClient.Response low = team.post("/v0/images/generations", Map.of("prompt", "a lighthouse", "resolution", "low"));
        assertThat(low.json().at("/data/usage/credits").asLong()).isEqualTo(1);
        ApiClient.Response standard = team.post("/v0/images/generations", Map.of("prompt", "a lighthouse", "sampleCount", 3));
        assertThat(standard.json().at("/data/usage/credits").asLong()).isEqualTo(3);
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(50 - 4 - 1 - 3);
        // The same generation through the native API shows the v0 price too: one charge, one record.
        String id = high.json().at("/data/id").stringValue();
        assertThat(team.get("/api/v1/generations/" + id).status()).isEqualTo(200);
    }

    @Test
    void notEnoughCreditsForTheResolutionIsA402() {
        ApiClient team = newTeam("v0-poor", 3);
        ApiClient.Response r = team.post("/v0/images/generations?async=true",
                Map.of("prompt", "a lighthouse", "resolution", "high", "sampleCount", 2));
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.json().get("error").isString()).isTrue();
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(3);
    }

    @Test
    void responseFormatChoosesUrlsBase64OrBoth() {
        ApiClient team = newTeam("v0-formats", 50);
        JsonNode url = team.post("/v0/images/generations", Map.of("prompt", "a red kite")).json().at("/data/data/0");
        assertThat(url.has("url")).isTrue();
        assertThat(url.has("b64_json")).isFalse();
        assertThat(url.get("storageKey").stringValue()).matches("[0-9a-f]{64}\\.png");

        JsonNode b64 = team.post("/v0/images/generations?response_format=b64_json", Map.of("prompt", "a red kite"))
                .json().at("/data/data/0");
        assertThat(b64.has("url")).isFalse();
        byte[] bytes = Base64.getDecoder().decode(b64.get("b64_json").stringValue());
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');

        JsonNode both = team.post("/v0/images/generations?response_format=both", Map.of("prompt", "a red kite"))
                .json().at("/data/data/0");
        assertThat(both.has("url")).isTrue();
        assertThat(both.has("b64_json")).isTrue();
        ApiClient.Response included = team.post("/v0/images/generations?include_base64=1", Map.of("prompt", "a red kite"));
        JsonNode alias = included.json().at("/data/data/0");
        assertThat(alias.has("url")).isTrue();
        assertThat(alias.has("b64_json")).isTrue();
        // The bytes behind the URL are the bytes in base64.
        byte[] fetched = anonymous().getAbsolute(alias.get("url").stringValue(), Map.of()).bytes();
        assertThat(Base64.getDecoder().decode(alias.get("b64_json").stringValue())).isEqualTo(fetched);

        String id = included.json().at("/data/id").stringValue();
        JsonNode polled = team.get("/v0/images/generations/" + id + "?response_format=b64_json").json().at("/data/data/0");
        assertThat(polled.has("b64_json")).isTrue();
        assertThat(polled.has("url")).isFalse();
    }
}
