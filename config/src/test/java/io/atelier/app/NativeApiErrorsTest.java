package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input is a 4xx with a stable code naming the field; keys and ownership are enforced. */
class NativeApiErrorsTest extends AppTestSupport {

    private void assertError(ApiClient.Response r, int status, String code, String mentions) {
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.at("/error/code").stringValue()).isEqualTo(code);
        assertThat(body.at("/error/message").stringValue()).contains(mentions);
    }

    @Test
    void missingPrompt() {
        assertError(admin().post("/api/v1/generations", Map.of("aspectRatio", "1:1")), 400, "VALIDATION_ERROR", "prompt");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "   ")), 400, "VALIDATION_ERROR", "prompt");
    }

    @Test
    void badAspectRatio() {
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "aspectRatio", "wide")), 400, "VALIDATION_ERROR", "aspectRatio");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "aspectRatio", "10:1")), 400, "VALIDATION_ERROR", "aspectRatio");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "aspectRatio", "0:1")), 400, "VALIDATION_ERROR", "aspectRatio");
    }

    @Test
    void unknownModel() {
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "model", "acme/nope")), 400, "MODEL_NOT_FOUND", "acme/nope");
    }

    @Test
    void oversizePrompt() {
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "a".repeat(4001))), 400, "VALIDATION_ERROR", "prompt");
    }

    @Test
    void wrongJsonTypes() {
        assertError(admin().post("/api/v1/generations", "{\"prompt\": 123}"), 400, "VALIDATION_ERROR", "prompt must be a string");
        assertError(admin().post("/api/v1/generations", "{\"prompt\": \"x\", \"count\": \"2\"}"), 400, "VALIDATION_ERROR", "count must be an integer");
        assertError(admin().post("/api/v1/generations", "{\"prompt\": \"x\", \"count\": 1.5}"), 400, "VALIDATION_ERROR", "count");
        assertError(admin().post("/api/v1/generations", "{\"prompt\": \"x\", \"autoEnhance\": \"yes\"}"), 400, "VALIDATION_ERROR", "autoEnhance");
        assertError(admin().post("/api/v1/generations", "{\"prompt\": \"x\", \"enhancementOptions\": {\"template\": 5}}"), 400,
                "VALIDATION_ERROR", "enhancementOptions.template");
        assertError(admin().post("/api/v1/generations", "{\"prompt\": \"x\", \"meta\": []}"), 400, "VALIDATION_ERROR", "meta");
        assertError(admin().post("/api/v1/generations", "[1, 2]"), 400, "VALIDATION_ERROR", "body");
        assertError(admin().post("/api/v1/generations", "{not json"), 400, "VALIDATION_ERROR", "JSON");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "count", 11)), 400, "VALIDATION_ERROR", "count");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "seed", -1)), 400, "VALIDATION_ERROR", "seed");
        assertError(admin().post("/api/v1/generations", Map.of("prompt", "x", "size", "1024x1024", "aspectRatio", "1:1")), 400,
                "VALIDATION_ERROR", "size");
        assertError(admin().get("/api/v1/generations?limit=abc"), 400, "VALIDATION_ERROR", "limit");
        assertError(admin().get("/api/v1/generations?limit=101"), 400, "VALIDATION_ERROR", "limit");
        assertError(admin().get("/api/v1/generations?status=done"), 400, "VALIDATION_ERROR", "status");
    }

    @Test
    void missingOrWrongKeyIs401() {
        assertError(anonymous().post("/api/v1/generations", Map.of("prompt", "x")), 401, "UNAUTHORIZED", "API key");
        assertError(anonymous().get("/api/v1/generations"), 401, "UNAUTHORIZED", "API key");
        assertError(admin().withKey("atl_wrong").get("/api/v1/models"), 401, "UNAUTHORIZED", "invalid");
    }

    @Test
    void bearerTokenWorksLikeTheHeader() {
        ApiClient.Response r = anonymous().getAbsolute("http://127.0.0.1:" + port + "/api/v1/models",
                Map.of("Authorization", "Bearer " + ADMIN_KEY));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void anotherTeamsGenerationIsNotFound() {
        ApiClient owner = newTeam("owner", 1000);
        ApiClient stranger = newTeam("stranger", 1000);
        JsonNode data = owner.post("/api/v1/generations", Map.of("prompt", "mine"), Map.of("Prefer", "wait=30")).json().get("data");
        String id = data.get("id").stringValue();

        assertError(stranger.get("/api/v1/generations/" + id), 404, "GENERATION_NOT_FOUND", id);
        assertError(stranger.post("/api/v1/generations/" + id + "/cancel", Map.of()), 404, "GENERATION_NOT_FOUND", id);
        assertError(stranger.delete("/api/v1/generations/" + id), 404, "GENERATION_NOT_FOUND", id);
        assertError(stranger.get("/api/v1/images/" + data.get("outputImageId").stringValue()), 404, "IMAGE_NOT_FOUND", "not found");
        assertThat(stranger.get("/api/v1/generations").json().at("/pagination/total").intValue()).isZero();
        assertError(admin().get("/api/v1/generations/not-a-uuid"), 404, "GENERATION_NOT_FOUND", "not-a-uuid");

        assertThat(owner.get("/api/v1/generations/" + id).status()).isEqualTo(200);
    }

    @Test
    void adminRoutesNeedAnAdminKey() {
        ApiClient member = newTeam("member", 10);
        assertError(member.post("/api/v1/admin/teams", Map.of("name", "sneaky")), 403, "FORBIDDEN", "admin");
        assertError(admin().post("/api/v1/admin/teams", Map.of()), 400, "VALIDATION_ERROR", "name");
    }

    @Test
    void creditsAreChargedAtSubmitAndTooFewIs402() {
        ApiClient poor = newTeam("poor", 2);
        assertError(poor.post("/api/v1/generations", Map.of("prompt", "three please", "count", 3)), 402, "INSUFFICIENT_CREDITS", "3 credits");
        assertThat(poor.post("/api/v1/generations", Map.of("prompt", "two", "count", 2), Map.of("Prefer", "wait=30")).status()).isEqualTo(201);
        assertError(poor.post("/api/v1/generations", Map.of("prompt", "one more")), 402, "INSUFFICIENT_CREDITS", "credits");
    }

    @Test
    void cancelingAFinishedGenerationIsAConflict() {
        JsonNode done = admin().post("/api/v1/generations", Map.of("prompt", "finished"), Map.of("Prefer", "wait=30")).json();
        String id = done.at("/data/id").stringValue();
        pollGeneration(admin(), id, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
        assertError(admin().post("/api/v1/generations/" + id + "/cancel", Map.of()), 409, "GENERATION_NOT_CANCELABLE", "already ended");
    }
}
