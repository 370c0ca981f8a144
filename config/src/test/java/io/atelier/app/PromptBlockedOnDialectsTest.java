package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A blocked prompt answers in every dialect's own error shape, queues nothing and charges nothing. */
class PromptBlockedOnDialectsTest extends AppTestSupport {

    @Test
    void blockedPromptsGetEachDialectsShapeAndCostNothing() {
        ApiClient team = newTeam("dialect-blocks", 30);
        assertThat(team.post("/api/v1/moderation/blocklist", Map.of("entry", "forbiddenword")).status()).isEqualTo(201);

        ApiClient.Response openAi = team.post("/v1/images/generations", Map.of("model", "local/preview",
                "prompt", "a forbiddenword on a hill", "response_format", "b64_json"));
        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.json().at("/error/code").stringValue()).isEqualTo("content_policy_violation");
        assertThat(openAi.json().at("/error/param").stringValue()).isEqualTo("prompt");

        ApiClient.Response cuppa = team.post("/v1/images", Map.of("model", "local/preview", "prompt", "forbiddenword poster"));
        assertThat(cuppa.status()).isEqualTo(400);
        assertThat(cuppa.json().at("/error/code").stringValue()).isEqualTo("prompt_blocked");

        ApiClient.Response recoup = team.get("/api/image/generate?prompt=forbiddenword&account_id=" + UUID.randomUUID());
        assertThat(recoup.status()).isEqualTo(400);
        assertThat(recoup.json().get("error").stringValue()).contains("forbiddenword");

        // Three blocks in a row put the key on a cooldown, whatever the surface.
        ApiClient.Response nativeApi = team.post("/api/v1/generations", Map.of("prompt", "a harmless kitten"));
        assertThat(nativeApi.status()).isEqualTo(429);
        assertThat(nativeApi.json().at("/error/code").stringValue()).isEqualTo("PROMPT_COOLDOWN");
        assertThat(nativeApi.header("Retry-After")).isNotNull();

        assertThat(team.get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();
        for (JsonNode t : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (t.get("name").stringValue().equals("dialect-blocks")) {
                assertThat(t.get("credits").longValue()).isEqualTo(30);
            }
        }
    }

    @Test
    void aTeamsBrandKitStylesThePromptWhenAsked() {
        ApiClient team = newTeam("branded", 30);
        ApiClient.Response saved = team.put("/api/v1/brand-kit", Map.of("colors", List.of("#1e3a8a"), "styleWords", List.of("flat")));
        assertThat(saved.status()).as(new String(saved.bytes())).isEqualTo(200);
        JsonNode g = team.post("/api/v1/generations", Map.of("prompt", "a company mascot", "autoEnhance", false,
                "enhancementOptions", Map.of("useBrandKit", true)), Map.of("Prefer", "wait=30")).json().get("data");
        assertThat(g.get("status").stringValue()).isEqualTo("success");
        assertThat(g.get("prompt").stringValue()).contains("#1e3a8a").contains("flat");
    }
}
