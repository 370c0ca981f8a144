package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Generations submitted with the public flag (native {@code public}, v0 {@code isPublic}) enter the
 * review queue when they succeed, without a separate publish call, and are not public before a
 * moderator approves them.
 */
class GalleryPublicRequestTest extends GalleryTestSupport {

    @Test
    void publicFlagsEnterTheReviewQueueOnSuccess() {
        TeamClient owner = team("public flag owner");
        TeamClient moderator = moderator("public flag moderators");
        String nativeId = generate(owner.api(), Map.of("prompt", "flagged public heron", "public", true));
        ApiClient.Response v0 = owner.api().post("/v0/images/generations?async=true", Map.of("prompt", "v0 public heron", "isPublic", true));
        assertThat(v0.status()).as(new String(v0.bytes())).isEqualTo(200);
        String v0Id = v0.json().at("/data/id").stringValue();
        String privateId = generate(owner.api(), "flagged private heron");

        for (String id : new String[] {nativeId, v0Id}) {
            JsonNode entry = awaitPublication(owner.api(), id);
            assertThat(entry.get("status").stringValue()).isEqualTo("PENDING_REVIEW");
            assertThat(anonymous().get("/api/v1/gallery/" + id).status()).isEqualTo(404);
            JsonNode audit = moderator.api().get("/api/v1/moderation/audit?target=" + id).json().get("data");
            assertThat(audit.get(0).get("action").stringValue()).isEqualTo("PUBLISH");
            assertThat(audit.get(0).get("role").stringValue()).isEqualTo("SYSTEM");
        }
        assertThat(owner.api().get("/api/v1/generations/" + privateId + "/publication").status()).isEqualTo(404);
        moderator.api().post("/api/v1/moderation/" + nativeId + "/approve", "{}");
        assertThat(anonymous().get("/api/v1/gallery/" + nativeId).status()).isEqualTo(200);
    }

    private static JsonNode awaitPublication(ApiClient owner, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Response r = owner.get("/api/v1/generations/" + id + "/publication");
            if (r.status() == 200) {
                return r.json().get("data");
            }
            sleep(100);
        }
        throw new AssertionError("generation " + id + " never entered the gallery queue");
    }
}
